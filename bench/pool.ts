// The measurements behind `drq bench`: each workload on one thread (in-thread runner) and on
// all threads (the pool), and, given a pMARS, the same battles as pMARS processes, one at a
// time and `threads` at a time. Engines alternate within each repeat; the best repeat counts,
// since the machine may be shared. The drq results must not depend on the thread count, and
// for two warriors they must match pMARS's "Results: W L T"; mismatches are counted.

import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { encodeWarrior, MODES, MODIFIERS, OPCODES } from '../src/redcode/index.js';
import type { BattleResult, MarsError, Warrior } from '../src/vm/mars.js';
import { type BattleRunner, createLocalRunner } from '../src/vm/runner.js';
import { type BenchBattle, POSITION, type Workload } from './workloads.js';

const run = promisify(execFile);

export interface Speed {
  seconds: number;
  battlesPerSecond: number;
  /** MARS cycles (each live warrior one turn; a round lasts its longest-lived warrior's turns). */
  cyclesPerSecond: number;
  nsPerInstruction: number;
}

export interface WorkloadReport {
  name: string;
  description: string;
  battles: number;
  rounds: number;
  instructions: number;
  cycles: number;
  drq: { one: Speed; all: Speed; queue?: Speed };
  pmars: { one: Speed; all: Speed } | null;
  /**
   * drq speed ÷ pMARS speed, best against best; `repeats`: on one thread, each repeat's drq run
   * against the pMARS run right after it, lowest and highest (how much the machine moved).
   */
  ratios: { one: number; all: number; repeats: [number, number] } | null;
  mismatches: { threads: number; pmars: number | null };
  /** Evaluation workloads: share of one evaluation's wall time spent outside Wasm. */
  outsideWasm: number | null;
}

export interface BenchOptions {
  threads: number;
  repeats: number;
  pmars: string | null;
  /** The pool on `threads` threads (the caller owns it, so that Ctrl-C can close it). */
  pool: BattleRunner;
  /** With --redis: the same battles through the queue (fought by drq workers), timed after the pool's. */
  queue?: BattleRunner;
  onProgress?: (done: number, total: number) => void;
}

function totals(results: (BattleResult | MarsError)[]): { rounds: number; instructions: number; cycles: number } {
  let rounds = 0, instructions = 0, cycles = 0;
  for (const r of results) {
    if (!r.ok) throw new Error(r.error);
    for (const round of r.rounds) {
      rounds++;
      instructions += round.instructionsWithTail;
      cycles += Math.max(...round.warriors.map((w) => w.turns));
    }
  }
  return { rounds, instructions, cycles };
}

const speed = (seconds: number, battles: number, t: { instructions: number; cycles: number }): Speed => ({
  seconds, battlesPerSecond: battles / seconds, cyclesPerSecond: t.cycles / seconds, nsPerInstruction: (seconds * 1e9) / t.instructions,
});

/** pMARS's "Results: W L T" line for two warriors, else its whole score output. */
async function pmarsBattle(pmars: string, battle: BenchBattle): Promise<string> {
  const { stdout } = await run(pmars, ['-b', '-r', `${battle.rounds}`, '-F', `${POSITION}`, ...battle.files], { maxBuffer: 1 << 24 });
  return battle.files.length === 2 ? /Results: (\d+ \d+ \d+)/.exec(stdout)?.[1] ?? stdout : stdout;
}

/** All battles as pMARS processes, `parallel` at a time; outputs in battle order. */
export async function pmarsRun(pmars: string, battles: BenchBattle[], parallel: number, tick: () => void): Promise<{ seconds: number; outputs: string[] }> {
  const outputs = new Array<string>(battles.length);
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < battles.length) {
      const i = next++;
      outputs[i] = await pmarsBattle(pmars, battles[i]);
      tick();
    }
  }));
  return { seconds: (performance.now() - t) / 1000, outputs };
}

async function timed(runner: BattleRunner, jobs: Workload['jobs'], tick: () => void) {
  const t = performance.now();
  const results = await runner.run(jobs, tick);
  return { seconds: (performance.now() - t) / 1000, results };
}

/** DAT.F $0, $0: a process that executes it dies. */
const [DAT] = encodeWarrior([{ opcode: OPCODES.indexOf('DAT'), modifier: MODIFIERS.indexOf('F'), aMode: MODES.indexOf('$'), aNumber: 0,
  bMode: MODES.indexOf('$'), bNumber: 0, traced: false }]);

/** The warrior with every instruction a DAT: the same size, dead on its first turn. */
function stillborn(w: Warrior): Warrior {
  const image = new Int32Array(w.image.length);
  for (let i = 0; i < image.length; i += 3) image[i] = DAT;
  return { ...w, image };
}

/**
 * The share of an evaluation's wall time spent outside Wasm, as a DRQ step sees it: one battle
 * sent to the pool and awaited. The same battle with every warrior stillborn is planned and cut
 * into the same tasks (same rounds, warriors and cycles), and costs the same packing, messages,
 * loading, reading back and scoring, with next to nothing for the Wasm to run (its placement and
 * core clearing count as outside, so the share is an upper bound). Best of `repeats` each.
 */
async function outsideWasmShare(pool: BattleRunner, jobs: Workload['jobs'], repeats: number, tick: () => void): Promise<number> {
  const wall = async (job: Workload['jobs'][number]) => {
    const t = performance.now();
    await pool.run([job]);
    return performance.now() - t;
  };
  let whole = 0, outside = 0;
  for (const job of jobs) {
    let bestWhole = Infinity, bestOutside = Infinity;
    for (let k = 0; k < repeats; k++) {
      bestWhole = Math.min(bestWhole, await wall(job));
      bestOutside = Math.min(bestOutside, await wall({ ...job, warriors: job.warriors.map(stillborn) }));
      tick();
    }
    whole += bestWhole;
    outside += bestOutside;
  }
  return outside / whole;
}

async function benchWorkload(workload: Workload, options: BenchOptions, tick: () => void): Promise<WorkloadReport> {
  const { jobs, battles } = workload;
  const local = createLocalRunner();
  // On one thread the pool is this thread: each figure is measured once and stands for both.
  const parallel = options.threads > 1;
  if (parallel) await options.pool.run(jobs.slice(0, options.threads)); // every thread loaded and warm
  if (options.queue) await options.queue.run(jobs.slice(0, options.threads));
  let one = Infinity, all = Infinity, queued = Infinity, pmOne = Infinity, pmAll = Infinity;
  let threadMismatches = 0, pmarsMismatches: number | null = null;
  const perRepeat: number[] = [];
  let reference: (BattleResult | MarsError)[] = [];
  for (let k = 0; k < options.repeats; k++) {
    const a = await timed(local, jobs, tick);
    const b = parallel ? await timed(options.pool, jobs, tick) : a;
    one = Math.min(one, a.seconds);
    all = Math.min(all, b.seconds);
    reference = a.results;
    if (parallel) threadMismatches += b.results.filter((r, i) => JSON.stringify(r) !== JSON.stringify(a.results[i])).length;
    if (options.queue) {
      const q = await timed(options.queue, jobs, tick);
      queued = Math.min(queued, q.seconds);
      threadMismatches += q.results.filter((r, i) => JSON.stringify(r) !== JSON.stringify(a.results[i])).length;
    }
    if (options.pmars) {
      const p1 = await pmarsRun(options.pmars, battles, 1, tick);
      const pn = parallel ? await pmarsRun(options.pmars, battles, options.threads, tick) : p1;
      pmOne = Math.min(pmOne, p1.seconds);
      perRepeat.push(p1.seconds / a.seconds);
      pmAll = Math.min(pmAll, pn.seconds);
      pmarsMismatches = (pmarsMismatches ?? 0) + reference.filter((r, i) =>
        battles[i].files.length === 2 && r.ok && `${r.results.wins} ${r.results.losses} ${r.results.ties}` !== p1.outputs[i]).length;
    }
  }
  const t = totals(reference);
  const drq = { one: speed(one, jobs.length, t), all: speed(all, jobs.length, t), queue: options.queue ? speed(queued, jobs.length, t) : undefined };
  const pmars = options.pmars ? { one: speed(pmOne, jobs.length, t), all: speed(pmAll, jobs.length, t) } : null;
  return {
    name: workload.name, description: workload.description, battles: jobs.length, ...t, drq, pmars,
    ratios: pmars && { one: pmOne / one, all: pmAll / all, repeats: [Math.min(...perRepeat), Math.max(...perRepeat)] },
    mismatches: { threads: threadMismatches, pmars: pmarsMismatches },
    outsideWasm: workload.evaluations ? await outsideWasmShare(options.pool, jobs, options.repeats, tick) : null,
  };
}

/** Progress units: battles, per engine and repeat. */
function benchSize(workloads: Workload[], options: Pick<BenchOptions, 'threads' | 'repeats' | 'pmars' | 'queue'>): number {
  const engines = (options.pmars ? 2 : 1) * (options.threads > 1 ? 2 : 1) + (options.queue ? 1 : 0);
  return workloads.reduce((sum, w) => sum + w.jobs.length * options.repeats * (engines + (w.evaluations ? 1 : 0)), 0);
}

export async function runBench(workloads: Workload[], options: BenchOptions): Promise<WorkloadReport[]> {
  const total = benchSize(workloads, options);
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  const reports: WorkloadReport[] = [];
  for (const workload of workloads) reports.push(await benchWorkload(workload, options, tick));
  return reports;
}
