// The offline generator's quickscan front end, written for drq: a block that runs once at the
// start beside the warrior's other blocks, probes a few cells spread over the core, bombs a
// stretch around the last occupied one it found, and then ends its process.

import type { Rng } from './random.js';
import type { Drawn } from './strategies.js';

/**
 * Probes N cells `gap` apart, all outside the margin around the warrior: each SEQ against the
 * block's last line, a blank cell as the core starts (DAT.F $0, $0; SEQ.I compares modes too),
 * skips the line that records the probe when the cell is blank. Then K bombs from a little
 * before the last cell found occupied.
 */
export function quickscan(rng: Rng, d: Drawn): string {
  const probes = rng.between(4, 10);
  const span = Math.floor((d.size - 2 * d.margin) / probes);
  const gap = span - rng.between(0, Math.floor(span / 8));
  const at = (i: number): number => d.margin + gap * i;
  const lines = Array.from({ length: probes }, (_, i) => `        seq.i   qblank, qblank+${at(i)}
        mov.ab  #qblank+${at(i) - 4}-qhit, qhit`);
  return `${lines.join('\n').replace(/^ {8}/, 'qscan   ')}
        jmz.b   qdone, qhit
qloop   mov.i   qbomb, >qhit
        djn.b   qloop, #${rng.between(8, 24)}
qdone   dat.f   #0, #0
qbomb   ${rng.pick(['spl.b   #0, 0', 'dat.f   >1, >1', 'dat.f   #0, #0'])}
qhit    dat.f   #0, #0
qblank  dat.f   $0, $0
        end     qscan`;
}
