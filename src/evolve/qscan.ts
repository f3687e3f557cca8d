// The offline generator's quickscan front end, written for drq: a block that runs once at the
// start beside the warrior's other blocks, probes a few cells spread over the core, bombs a
// stretch around the last occupied one it found, and then ends its process.

import type { Rng } from './random.js';
import type { Drawn } from './strategies.js';

/** Probes N cells `gap` apart after the block's blank last line (each an SNE against it); then K bombs from a little before a hit. */
export function quickscan(rng: Rng, d: Drawn): string {
  const probes = rng.between(4, 10);
  const gap = Math.floor((d.size - 4 * probes - 20) / probes) - rng.between(0, 40);
  const lines = Array.from({ length: probes }, (_, i) => `        sne.i   qblank, qblank+${gap * (i + 1)}
        mov.ab  #qblank+${gap * (i + 1) - 4}-qhit, qhit`);
  return `${lines.join('\n').replace(/^ {8}/, 'qscan   ')}
        jmz.b   qdone, qhit
qloop   mov.i   qbomb, >qhit
        djn.b   qloop, #${rng.between(8, 24)}
qdone   dat.f   #0, #0
qbomb   ${rng.pick(['spl.b   #0, 0', 'dat.f   >1, >1', 'dat.f   #0, #0'])}
qhit    dat.f   #0, #0
qblank  dat.f   #0, #0
        end     qscan`;
}
