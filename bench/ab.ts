// A/B of two builds of the VM in one process: each battle of `drq bench`'s workloads runs on
// both, back to back, the order alternating battle by battle and repeat by repeat, so that a busy
// neighbour slows both alike. Results must be deep-equal (a change that alters one is wrong,
// not slow). Reports the best repeat of each build and every repeat's ratio.
//   usage: node dist/bench/ab.js DIR_A DIR_B [workloads,...] [repeats] [warriors dir]
// Each DIR is a built checkout (dist/ and build/), e.g. a `git worktree` of the base commit.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Mars } from '../src/vm/mars.js';
import { buildWorkloads, defaultWarriorsDir } from './workloads.js';

const [dirA, dirB, names = 'melee,realistic,tie', repeats = '5', warriors = defaultWarriorsDir()] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: node dist/bench/ab.js DIR_A DIR_B [workloads,...] [repeats] [warriors dir]');
  process.exit(2);
}

async function marsOf(dir: string): Promise<Mars> {
  const module = (await import(pathToFileURL(resolve(dir, 'dist/src/vm/mars.js')).href)) as typeof import('../src/vm/mars.js');
  return module.createMars();
}

const engines = [await marsOf(dirA), await marsOf(dirB)];
const { workloads, notes, cleanup } = buildWorkloads({ dir: warriors, quick: false, names: names.split(',') });
for (const note of notes) console.log(note);

for (const { name, jobs } of workloads) {
  // A warm-up battle on each, so that both run optimised code from the first timed battle.
  for (const mars of engines) mars.battle(jobs[0].warriors, jobs[0].settings, jobs[0].seed, jobs[0].options);
  const best = [Infinity, Infinity];
  const ratios: string[] = [];
  for (let r = 0; r < Number(repeats); r++) {
    const time = [0, 0];
    for (const [k, job] of jobs.entries()) {
      const results = [];
      for (const e of (k + r) % 2 ? [0, 1] : [1, 0]) {
        const start = performance.now();
        results[e] = engines[e].battle(job.warriors, job.settings, job.seed, job.options);
        time[e] += performance.now() - start;
      }
      if (!isDeepStrictEqual(results[0], results[1])) {
        console.error(`${name}: battle ${k} differs between the builds`);
        process.exit(1);
      }
    }
    best[0] = Math.min(best[0], time[0]);
    best[1] = Math.min(best[1], time[1]);
    ratios.push((time[0] / time[1]).toFixed(3));
  }
  console.log(`${name}: A ${best[0].toFixed(0)} ms, B ${best[1].toFixed(0)} ms, B is ${(best[0] / best[1]).toFixed(3)}× A (per repeat ${ratios.join(' ')})`);
}
cleanup();
