// The one place that cuts battles into tasks of whole rounds and puts their results back
// together. The Piscina pool (pool.ts) and the Redis queue (remote.ts) carry the same tasks,
// so results never depend on where, or on how many machines, a battle was fought: each round's
// placement comes from the job's seed whatever piece fights it.

import { type BattleResult, type MarsError, type RoundResult, summarise, usesPSpace, type Warrior } from './mars.js';
import type { BattleJob } from './runner.js';
import type { Task, TaskWarrior } from './worker.js';

/**
 * A task carries at most MAX_TASK_INSTRUCTIONS (an upper bound: rounds × warriors × cycles)
 * and at most 1/TASKS_PER_THREAD of a thread's share, so that the last tasks finish close
 * together; a battle bigger than that is split into parts of whole rounds. It carries at
 * least `minimum` instructions where the jobs allow (default MIN_TASK_INSTRUCTIONS, so that a
 * thread message, ~0.1 ms, costs well under 1% of it).
 */
export const MAX_TASK_INSTRUCTIONS = 1e7;
const MIN_TASK_INSTRUCTIONS = 1e6;
const TASKS_PER_THREAD = 8;

export const instructionBound = (job: BattleJob): number => job.options.rounds * job.warriors.length * job.settings.cycles;

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
 * The tasks for `threads` threads, largest first so that the small ones fill in at the end:
 * big battles cut into parts, consecutive small ones grouped.
 */
export function planTasks(jobs: BattleJob[], threads: number, minimum = MIN_TASK_INSTRUCTIONS): Piece[][] {
  const total = jobs.reduce((sum, job) => sum + instructionBound(job), 0);
  const target = Math.max(minimum, Math.min(MAX_TASK_INSTRUCTIONS, total / (threads * TASKS_PER_THREAD)));
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

/** A task's battles again, each warrior's image a view of the task's buffer. */
export function unpackTask(task: Task): BattleJob[] {
  const warriors: Warrior[] = task.warriors.map(({ offset, length, ...w }) => ({ ...w, image: task.images.subarray(offset, offset + length) }));
  return task.jobs.map((job) => ({ warriors: job.warriors.map((i) => warriors[i]), settings: job.settings, seed: job.seed, options: job.options }));
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

export const battleOf = (job: BattleJob): string => job.warriors.map((w) => `"${w.name}"`).join(' vs ');

/** What a battle gives when its runner is closed before it is fought. */
export const stoppedBefore = (job: BattleJob): MarsError => ({ ok: false, error: `stopped before ${battleOf(job)} finished` });

/**
 * The jobs' results as their pieces come back, in any order: `settle` the first result of each
 * piece (later ones, a task fought twice after a failure elsewhere, are ignored, so nothing
 * counts twice); `results` once every piece is settled.
 */
function collect(jobs: BattleJob[], onDone?: (finished: number, total: number) => void) {
  const results = new Array<BattleResult | MarsError>(jobs.length);
  const parts = jobs.map(() => [] as (BattleResult | MarsError)[]);
  let finished = 0;
  return {
    results,
    settle(piece: Piece, result: BattleResult | MarsError): void {
      const done = parts[piece.job];
      if (done[piece.part] || results[piece.job]) return;
      done[piece.part] = result;
      if (done.filter(Boolean).length < piece.parts) return;
      results[piece.job] = piece.parts === 1 ? result : merge(jobs[piece.job], done);
      onDone?.(++finished, jobs.length);
    },
  };
}

/**
 * The jobs fought as the planned `tasks`, each task by `fight` (a pool thread, or a queued job),
 * and put back together in job order.
 */
export async function fightTasks(jobs: BattleJob[], tasks: Piece[][], fight: (battles: BattleJob[]) => Promise<(BattleResult | MarsError)[]>,
  onDone?: (finished: number, total: number) => void): Promise<(BattleResult | MarsError)[]> {
  const { results, settle } = collect(jobs, onDone);
  await Promise.all(tasks.map(async (pieces) => {
    const out = await fight(pieces.map((p) => p.battle));
    out.forEach((result, k) => settle(pieces[k], result));
  }));
  return results;
}
