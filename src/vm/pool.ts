// The only file that knows Piscina: battles on worker threads, each thread with its own
// compiled Wasm and MARS instance (worker.ts). Jobs go out in the tasks of tasks.ts, a large
// battle cut into parts of whole rounds, and come back in job order: each round's placement
// comes from the job's seed, so the results do not depend on the thread count or on which
// thread ran what.

import { Piscina } from 'piscina';
import { packagePath } from '../package-path.js';
import { type BattleResult, type MarsError, wasmForThreads } from './mars.js';
import type { BattleJob, BattleRunner } from './runner.js';
import { battleOf, fightTasks, packTask, planTasks, stoppedBefore } from './tasks.js';
import type { Task } from './worker.js';

export interface PoolOptions {
  threads: number;
  /** The module the threads run; default dist/worker.cjs, worker.ts bundled (tests pass a wrapper of it). */
  worker?: string;
}

/** A BattleRunner that also fights one ready-cut task (what `drq worker` does with a queued one). */
export interface Pool extends BattleRunner {
  /** The battles as one task on one thread; results in order, failures as error values. */
  fight(battles: BattleJob[]): Promise<(BattleResult | MarsError)[]>;
}

/** The bundled worker.ts, also under vitest and from the bundled command line. */
function findWorker(): string {
  const path = packagePath('dist/worker.cjs');
  if (!path) throw new Error('dist/worker.cjs not found: run npm run build');
  return path;
}

/** A pool of `threads` worker threads. close() (also the way to stop on Ctrl-C) ends them. */
export function createPool({ threads, worker = findWorker() }: PoolOptions): Pool {
  const pool = new Piscina<Task, (BattleResult | MarsError)[]>({
    filename: worker, minThreads: threads, maxThreads: threads, idleTimeout: Infinity, concurrentTasksPerWorker: 1,
    workerData: wasmForThreads(),
  });
  let closed = false;

  // A task that fails (its thread died) is retried battle by battle, so one bad battle cannot
  // take the others in its task down with it; a lone battle that fails is an error value.
  async function fight(battles: BattleJob[]): Promise<(BattleResult | MarsError)[]> {
    const task = packTask(battles);
    try {
      const out = await pool.run(task, { transferList: [task.images.buffer] });
      // Piscina reads finished tasks synchronously when the next is posted, so a busy pool can
      // chain promise callbacks without end: let the event loop turn, or signals are never seen.
      await new Promise((resolve) => setImmediate(resolve));
      return out;
    } catch (e) {
      if (closed) return battles.map(stoppedBefore);
      if (battles.length > 1) return (await Promise.all(battles.map((b) => fight([b])))).flat();
      const message = e instanceof Error ? e.message : String(e);
      return [{ ok: false, error: `worker thread failed in ${battleOf(battles[0])} (round unknown): ${message}` }];
    }
  }

  return {
    fight,
    run: (jobs, onDone) => fightTasks(jobs, planTasks(jobs, threads), fight, onDone),
    async close() {
      closed = true;
      await pool.destroy();
    },
  };
}
