// The only file that knows Piscina: battles on worker threads, each thread with its own
// compiled Wasm and MARS instance (worker.ts). Jobs go out in tasks big enough to amortise a
// message, a large battle cut into parts of whole rounds, and come back in job order: each
// round's placement comes from the job's seed, so the results do not depend on the thread
// count or on which thread ran what.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { type BattleResult, type MarsError, type RoundResult, summarise, usesPSpace, type Warrior } from './mars.js';
import type { BattleJob, BattleRunner } from './runner.js';
import type { Task, TaskWarrior } from './worker.js';

export interface PoolOptions {
  threads: number;
  /** The module the threads run; default the compiled worker.js (tests pass a wrapper of it). */
  worker?: string;
}

/**
 * A task carries at most MAX_TASK_INSTRUCTIONS (an upper bound: rounds × warriors × cycles)
 * and at most 1/TASKS_PER_THREAD of a thread's share, so that the last tasks finish close
 * together; a battle bigger than that is split into parts of whole rounds. It carries at
 * least MIN_TASK_INSTRUCTIONS where the jobs allow, so that a message (~0.1 ms) costs well
 * under 1% of it.
 */
const MAX_TASK_INSTRUCTIONS = 1e7;
const MIN_TASK_INSTRUCTIONS = 1e6;
const TASKS_PER_THREAD = 8;

/** dist/src/vm/worker.js: next to this file once compiled; from src/vm/ (under vitest) in dist/. */
function findWorker(): string {
  for (const relative of ['./worker.js', '../../dist/src/vm/worker.js']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('dist/src/vm/worker.js not found: run npm run build');
}

const instructionBound = (job: BattleJob): number => job.options.rounds * job.warriors.length * job.settings.cycles;

/** Rounds of jobs[job]: part `part` of `parts`, all of it when parts = 1. */
export interface Piece {
  job: number;
  part: number;
  parts: number;
  /** The piece as a battle: the job's options with its own rounds and firstRound. */
  battle: BattleJob;
}

/**
 * A job in `parts` pieces of whole rounds. Each round is placed from the job's seed whatever
 * piece fights it (BattleOptions.firstRound); P-space carries from round to round, so a
 * battle with LDP/STP stays whole.
 */
function cut(job: BattleJob, i: number, parts: number): Piece[] {
  const { rounds, firstRound = 0 } = job.options;
  const n = job.warriors.some(usesPSpace) ? 1 : Math.max(1, Math.min(rounds, parts));
  if (n === 1) return [{ job: i, part: 0, parts: 1, battle: job }];
  return Array.from({ length: n }, (_, part) => {
    const from = Math.floor((part * rounds) / n);
    const to = Math.floor(((part + 1) * rounds) / n);
    return { job: i, part, parts: n, battle: { ...job, options: { ...job.options, firstRound: firstRound + from, rounds: to - from } } };
  });
}

/**
 * The tasks, largest first so that the small ones fill in at the end: big battles cut into
 * parts, consecutive small ones grouped.
 */
export function planTasks(jobs: BattleJob[], threads: number): Piece[][] {
  const total = jobs.reduce((sum, job) => sum + instructionBound(job), 0);
  const target = Math.max(MIN_TASK_INSTRUCTIONS, Math.min(MAX_TASK_INSTRUCTIONS, total / (threads * TASKS_PER_THREAD)));
  const tasks: { pieces: Piece[]; load: number }[] = [];
  let open: { pieces: Piece[]; load: number } | null = null;
  jobs.forEach((job, i) => {
    for (const piece of cut(job, i, Math.ceil(instructionBound(job) / target))) {
      if (!open) tasks.push(open = { pieces: [], load: 0 });
      open.pieces.push(piece);
      open.load += instructionBound(piece.battle);
      if (open.load >= target) open = null;
    }
  });
  return tasks.sort((a, b) => b.load - a.load).map((task) => task.pieces);
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

/** A cut battle from its parts (in round order): the first failure, or all its rounds scored as one battle. */
function merge(job: BattleJob, parts: (BattleResult | MarsError)[]): BattleResult | MarsError {
  const rounds: RoundResult[] = [];
  for (const part of parts) {
    if (!part.ok) return part;
    rounds.push(...part.rounds);
  }
  const { settings, seed } = parts[0] as BattleResult;
  return summarise(job.warriors, settings, seed, rounds);
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
      const parts = jobs.map(() => [] as (BattleResult | MarsError)[]);
      let finished = 0;
      const settle = (piece: Piece, result: BattleResult | MarsError) => {
        const done = parts[piece.job];
        done[piece.part] = result;
        if (done.filter(Boolean).length < piece.parts) return;
        results[piece.job] = piece.parts === 1 ? result : merge(jobs[piece.job], done);
        onDone?.(++finished, jobs.length);
      };

      // A task that fails (its thread died) is retried piece by piece, so one bad battle cannot
      // take the others in its task down with it; a lone piece that fails is an error value.
      async function submit(pieces: Piece[]): Promise<void> {
        const task = packTask(pieces.map((p) => p.battle));
        try {
          const out = await pool.run(task, { transferList: [task.images.buffer] });
          // Piscina reads finished tasks synchronously when the next is posted, so a busy pool can
          // chain promise callbacks without end: let the event loop turn, or signals are never seen.
          await new Promise((resolve) => setImmediate(resolve));
          out.forEach((result, k) => settle(pieces[k], result));
        } catch (e) {
          if (closed) {
            for (const p of pieces) settle(p, { ok: false, error: `stopped before ${battleOf(p.battle)} finished` });
          } else if (pieces.length > 1) {
            await Promise.all(pieces.map((p) => submit([p])));
          } else {
            const message = e instanceof Error ? e.message : String(e);
            settle(pieces[0], { ok: false, error: `worker thread failed in ${battleOf(pieces[0].battle)} (round unknown): ${message}` });
          }
        }
      }

      await Promise.all(planTasks(jobs, threads).map(submit));
      return results;
    },
    async close() {
      closed = true;
      await pool.destroy();
    },
  };
}
