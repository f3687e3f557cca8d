// How callers run many battles without knowing where they run: in this thread, (with
// threads > 1) on the Piscina pool of pool.ts, or (with a Redis URL) on `drq worker`s through
// the queue of remote.ts. Results come back in job order, the same wherever they ran.

import { availableParallelism } from 'node:os';
import { type BattleOptions, type BattleResult, createMars, type MarsError, type MarsSettings, type SeedSpec, type Warrior } from './mars.js';

export interface BattleJob {
  warriors: Warrior[];
  settings: MarsSettings;
  seed: SeedSpec;
  options: BattleOptions;
}

export interface BattleRunner {
  /** Runs the jobs; `onDone` is called as each one finishes (for progress bars). */
  run(jobs: BattleJob[], onDone?: (finished: number, total: number) => void): Promise<(BattleResult | MarsError)[]>;
  close(): Promise<void>;
}

/** Battles in this thread, one Wasm instance for all of them. */
export function createLocalRunner(): BattleRunner {
  const mars = createMars();
  return {
    async run(jobs, onDone) {
      const results: (BattleResult | MarsError)[] = [];
      for (const job of jobs) {
        results.push(mars.battle(job.warriors, job.settings, job.seed, job.options));
        onDone?.(results.length, jobs.length);
        // Let the event loop turn between battles: signals, timers and I/O wait for it.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return results;
    },
    async close() {},
  };
}

/**
 * The runner for `threads`: this thread for 1, the worker pool beyond, made before the promise
 * settles so that its threads boot while the caller goes on. Piscina is loaded only when a pool
 * is made, so that commands that run in one thread start fast.
 */
async function openThreads(threads: number): Promise<BattleRunner> {
  return threads <= 1 ? createLocalRunner() : (await import('./pool.js')).createPool({ threads });
}

/** openThreads() for callers that cannot wait (default: every core). */
export function createRunner({ threads = availableParallelism() }: { threads?: number } = {}): BattleRunner {
  const runner = openThreads(threads);
  // A failure (no build/mars.wasm) is reported by run() and close(), not as an unhandled rejection.
  runner.catch(() => {});
  return {
    run: async (jobs, onDone) => (await runner).run(jobs, onDone),
    close: async () => (await runner).close(),
  };
}

/**
 * The runner for `threads` and, given `redis`, the queue there, with this process serving it on
 * `threads` threads (0: submit only); an error value if Redis cannot be reached. remote.ts
 * (BullMQ, ioredis) loads only when a queue is asked for.
 */
export async function openRunner({ threads = availableParallelism(), redis, notice = (line) => process.stderr.write(`drq: ${line}\n`) }:
  { threads?: number; redis?: string; notice?: (line: string) => void }): Promise<BattleRunner | MarsError> {
  if (!redis) return openThreads(threads);
  const { openQueue } = await import('./remote.js');
  return openQueue(redis, { threads, notice });
}
