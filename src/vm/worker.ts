// What one Piscina worker thread runs (pool.ts sends the tasks). Loading the module compiles
// the Wasm and makes this thread's MARS instance, once; every task reuses it. Node 20 worker
// threads load JavaScript only: the pool runs this file compiled and bundled into one CommonJS
// file, dist/worker.cjs (npm run build:bundle), which a thread loads ~20 ms sooner than the
// ES modules (bench/results.md).

import { type BattleOptions, type BattleResult, createMars, type MarsError, type MarsSettings, type SeedSpec, type Warrior } from './mars.js';
import type { BattleJob } from './runner.js';
import { battleOf, unpackTask } from './tasks.js';

/** A warrior of a task: its image is `length` numbers of Task.images from `offset`. */
export interface TaskWarrior extends Omit<Warrior, 'image'> {
  offset: number;
  length: number;
}

/**
 * Battles sent to one thread in one message. The images of all its warriors lie end to end
 * in one buffer, transferred rather than copied, and each warrior appears once however many
 * battles it fights.
 */
export interface Task {
  images: Int32Array<ArrayBuffer>;
  warriors: TaskWarrior[];
  jobs: { warriors: number[]; settings: MarsSettings; seed: SeedSpec; options: BattleOptions }[];
}

export type Battle = (warriors: Warrior[], settings: MarsSettings, seed: SeedSpec, options: BattleOptions) => BattleResult | MarsError;

/**
 * The task function around a MARS factory. A Wasm trap is a VM bug, not an expected failure:
 * it becomes that battle's error value, naming the warriors and the first round that traps
 * when the battle is replayed with fewer rounds (rounds are deterministic given the seed), and
 * the thread continues on a fresh instance, since a trapped one may hold a half-run round.
 */
export function taskRunner(newBattle: () => Battle): (task: Task) => (BattleResult | MarsError)[] {
  let battle = newBattle();

  const traps = (job: BattleJob, rounds: number): boolean => {
    try {
      battle(job.warriors, job.settings, job.seed, { ...job.options, rounds });
      return false;
    } catch {
      battle = newBattle();
      return true;
    }
  };

  function firstTrappingRound(job: BattleJob): number | null {
    let lo = 1;
    let hi = job.options.rounds;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (traps(job, mid)) hi = mid;
      else lo = mid + 1;
    }
    return traps(job, lo) ? lo : null;
  }

  return (task) => unpackTask(task).map((job) => {
    try {
      return battle(job.warriors, job.settings, job.seed, job.options);
    } catch (e) {
      battle = newBattle();
      const round = firstTrappingRound(job);
      const where = round === null ? 'round unknown' : `round ${(job.options.firstRound ?? 0) + round}`;
      return { ok: false, error: `VM failure in ${battleOf(job)} (${where}): ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
    }
  });
}

export default taskRunner(() => createMars().battle);
