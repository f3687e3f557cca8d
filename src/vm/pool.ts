// The only file that knows Piscina: battles on worker threads, each thread with its own
// compiled Wasm and MARS instance (worker.ts). Jobs go out in tasks big enough to amortise a
// message, and come back in job order: each round's placement comes from the job's seed, so
// the results do not depend on the thread count or on which thread ran what.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { BattleResult, MarsError, Warrior } from './mars.js';
import type { BattleJob, BattleRunner } from './runner.js';
import type { Task, TaskWarrior } from './worker.js';

export interface PoolOptions {
  threads: number;
  /** The module the threads run; default the compiled worker.js (tests pass a wrapper of it). */
  worker?: string;
}

/**
 * A task should carry at least this many instructions (its upper bound: rounds × warriors ×
 * cycles) so that a message (~0.1 ms) costs well under 1% of it, and each thread should get
 * several tasks so that the last ones finish close together.
 */
const MIN_TASK_INSTRUCTIONS = 2e7;
const TASKS_PER_THREAD = 4;

/** dist/src/vm/worker.js: next to this file once compiled; from src/vm/ (under vitest) in dist/. */
function findWorker(): string {
  for (const relative of ['./worker.js', '../../dist/src/vm/worker.js']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('dist/src/vm/worker.js not found: run npm run build');
}

const instructionBound = (job: BattleJob): number => job.options.rounds * job.warriors.length * job.settings.cycles;

/** Contiguous [start, end) ranges of jobs, one per task. */
export function planTasks(jobs: BattleJob[], threads: number): [number, number][] {
  const total = jobs.reduce((sum, job) => sum + instructionBound(job), 0);
  const target = Math.min(MIN_TASK_INSTRUCTIONS, total / (threads * TASKS_PER_THREAD));
  const ranges: [number, number][] = [];
  let start = 0;
  let load = 0;
  jobs.forEach((job, i) => {
    load += instructionBound(job);
    if (load >= target || i === jobs.length - 1) {
      ranges.push([start, i + 1]);
      start = i + 1;
      load = 0;
    }
  });
  return ranges;
}

/** One task: each distinct warrior once, all images in one buffer to transfer. */
export function packTask(jobs: BattleJob[]): Task {
  const index = new Map<Warrior, number>();
  const distinct: Warrior[] = [];
  const packed = jobs.map((job) => ({
    settings: job.settings, seed: job.seed, options: job.options,
    warriors: job.warriors.map((w) => {
      if (!index.has(w)) index.set(w, distinct.push(w) - 1);
      return index.get(w)!;
    }),
  }));
  const images = new Int32Array(distinct.reduce((sum, w) => sum + w.image.length, 0));
  let offset = 0;
  const warriors: TaskWarrior[] = distinct.map(({ image, start, pin, name, author }) => {
    images.set(image, offset);
    offset += image.length;
    return { offset: offset - image.length, length: image.length, start, pin, name, author };
  });
  return { images, warriors, jobs: packed };
}

const battleOf = (job: BattleJob): string => job.warriors.map((w) => `"${w.name}"`).join(' vs ');

/** A BattleRunner on `threads` worker threads. close() (also the way to stop on Ctrl-C) ends them. */
export function createPool({ threads, worker = findWorker() }: PoolOptions): BattleRunner {
  const pool = new Piscina<Task, (BattleResult | MarsError)[]>({
    filename: worker, minThreads: threads, maxThreads: threads, idleTimeout: Infinity, concurrentTasksPerWorker: 1,
  });
  let closed = false;

  return {
    async run(jobs, onDone) {
      const results = new Array<BattleResult | MarsError>(jobs.length);
      let finished = 0;
      const settle = (i: number, result: BattleResult | MarsError) => {
        results[i] = result;
        onDone?.(++finished, jobs.length);
      };

      // A task that fails (its thread died) is retried job by job, so one bad battle cannot
      // take the others in its task down with it; a lone job that fails is an error value.
      async function submit(start: number, end: number): Promise<void> {
        const task = packTask(jobs.slice(start, end));
        try {
          const out = await pool.run(task, { transferList: [task.images.buffer] });
          out.forEach((result, k) => settle(start + k, result));
        } catch (e) {
          if (closed) {
            for (let i = start; i < end; i++) settle(i, { ok: false, error: `stopped before ${battleOf(jobs[i])} finished` });
          } else if (end - start > 1) {
            await Promise.all(Array.from({ length: end - start }, (_, k) => submit(start + k, start + k + 1)));
          } else {
            const message = e instanceof Error ? e.message : String(e);
            settle(start, { ok: false, error: `worker thread failed in ${battleOf(jobs[start])} (round unknown): ${message}` });
          }
        }
      }

      await Promise.all(planTasks(jobs, threads).map(([start, end]) => submit(start, end)));
      return results;
    },
    async close() {
      closed = true;
      await pool.destroy();
    },
  };
}
