// The worker pool against the in-thread runner: the same results in job order on any number
// of threads, failures as error values, and a pool that carries on after them. The threads
// run the bundled dist/worker.cjs (npm test builds it first).
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createMars, DEFAULT_SETTINGS, type SeedSpec, summarise, usesPSpace, type Warrior } from '../../src/vm/mars.js';
import { createPool } from '../../src/vm/pool.js';
import { type Piece, planTasks } from '../../src/vm/tasks.js';
import { type BattleJob, type BattleRunner, createLocalRunner, createRunner } from '../../src/vm/runner.js';
import { warriorFrom } from './listing.js';

const imp = warriorFrom(['MOV.I $0, $1'], 0, 'imp');
const dwarf = warriorFrom(['ADD.AB #4, $3', 'MOV.I $2, @2', 'JMP.B $-2, $0', 'DAT.F #0, #0'], 0, 'dwarf');
const stone = warriorFrom(['SPL.B $0, $0', 'MOV.I $2, @-1', 'ADD.AB #-7, $-2', 'JMP.B $-2, $0'], 0, 'stone');
const paper = warriorFrom(['SPL.B $1, $0', 'MOV.I }-1, >-1', 'MOV.I }-2, >-2', 'JMP.B $-3, $0'], 0, 'paper');
const settings = { ...DEFAULT_SETTINGS, cycles: 4000 };

function roundRobin(warriors: Warrior[], rounds: number): BattleJob[] {
  const jobs: BattleJob[] = [];
  warriors.forEach((a, i) => warriors.slice(i + 1).forEach((b, k) => {
    jobs.push({ warriors: [a, b], settings, seed: { kind: 'position', value: 100 + 731 * (i + k) }, options: { rounds } });
  }));
  return jobs;
}

const jobs = [
  ...roundRobin([imp, dwarf, stone, paper], 7),
  { warriors: [imp, dwarf, stone, paper], settings, seed: { kind: 'seed', value: 12345 }, options: { rounds: 5, fullLength: true } },
  { warriors: [imp, dwarf], settings, seed: { kind: 'position', value: 50 }, options: { rounds: 1 } },
] satisfies BattleJob[];

const runners: BattleRunner[] = [];
const open = (runner: BattleRunner) => (runners.push(runner), runner);
afterAll(() => Promise.all(runners.map((r) => r.close())));

describe('the pool', () => {
  it('gives the in-thread results, in job order, on 1 and 2 threads', async () => {
    const local = await createLocalRunner().run(jobs);
    expect(local.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'Position of warrior #2 cannot be smaller than warrior distance' }]);
    for (const threads of [1, 2]) {
      const progress: number[] = [];
      const pooled = await open(createPool({ threads })).run(jobs, (done) => progress.push(done));
      expect(pooled).toEqual(local);
      expect(progress).toEqual(jobs.map((_, i) => i + 1));
    }
  });

  it('createRunner picks this thread for 1 and the pool beyond', async () => {
    const local = await createLocalRunner().run(jobs.slice(0, 3));
    expect(await open(createRunner({ threads: 1 })).run(jobs.slice(0, 3))).toEqual(local);
    expect(await open(createRunner({ threads: 2 })).run(jobs.slice(0, 3))).toEqual(local);
  });

  it('turns a Wasm trap and a dead thread into error values naming the battle, and carries on', async () => {
    const pool = open(createPool({ threads: 2, worker: fileURLToPath(new URL('../fixtures/failing-worker.mjs', import.meta.url)) }));
    const trap = { ...stone, name: 'trap' };
    const crash = { ...paper, name: 'crash' };
    const bad: BattleJob[] = [
      jobs[0],
      { warriors: [imp, trap], settings, seed: { kind: 'seed', value: 1 }, options: { rounds: 5 } },
      jobs[1],
      { warriors: [crash, dwarf], settings, seed: { kind: 'seed', value: 1 }, options: { rounds: 5 } },
      jobs[2],
    ];
    const local = await createLocalRunner().run(jobs.slice(0, 3));
    const out = await pool.run(bad);
    expect([out[0], out[2], out[4]]).toEqual(local);
    expect(out[1]).toEqual({ ok: false, error: 'VM failure in "imp" vs "trap" (round 3): RuntimeError: unreachable' });
    expect(out[3].ok).toBe(false);
    expect(!out[3].ok && out[3].error).toMatch(/^worker thread failed in "crash" vs "dwarf" \(round unknown\): .*70/);
    expect(await pool.run(jobs.slice(0, 3))).toEqual(local);
  });

  it('closing stops the pool: unfinished battles become error values', async () => {
    const pool = createPool({ threads: 2 });
    const pending = pool.run(roundRobin([imp, dwarf, stone, paper], 50));
    await pool.close();
    const out = await pending;
    expect(out.some((r) => !r.ok && r.error.startsWith('stopped before'))).toBe(true);
  });
});

describe('task planning', () => {
  const pieces = (tasks: Piece[][]) => tasks.flat().map(({ job, part, parts }) => [job, part, parts]);

  it('covers every job once, several tasks per thread when the work is small', () => {
    const many = Array.from({ length: 40 }, () => ({ ...jobs[0], options: { rounds: 125 } }));
    const tasks = planTasks(many, 2);
    expect(pieces(tasks).sort((a, b) => a[0] - b[0])).toEqual(many.map((_, i) => [i, 0, 1]));
    expect(tasks.length).toBe(14);
  });

  it('groups tiny battles so that a task is worth a message', () => {
    const tiny = Array.from({ length: 100_000 }, () => ({ ...jobs[0], options: { rounds: 1 }, settings: { ...settings, cycles: 1000 } }));
    expect(planTasks(tiny, 2).map((task) => task.length)).toEqual(Array(20).fill(5000));
  });

  it('cuts a large battle into parts of whole rounds covering its rounds once, largest tasks first', () => {
    const big = { ...jobs[0], settings: DEFAULT_SETTINGS, options: { rounds: 200 } };
    const tasks = planTasks([big, jobs[0]], 2);
    const parts = tasks.flat().filter((p) => p.job === 0).map((p) => p.battle.options);
    expect(parts.length).toBe(16);
    expect(parts.map((o) => [o.firstRound, o.rounds]).sort((a, b) => a[0]! - b[0]!)).toEqual(
      Array.from({ length: 16 }, (_, k) => [Math.floor((k * 200) / 16), Math.floor(((k + 1) * 200) / 16) - Math.floor((k * 200) / 16)]));
    const load = (task: Piece[]) => task.reduce((sum, { battle: b }) => sum + b.options.rounds * b.warriors.length * b.settings.cycles, 0);
    const loads = tasks.map(load);
    expect(loads).toEqual([...loads].sort((a, b) => b - a));
  });

  it('keeps a battle whole when a warrior uses P-space (it carries from round to round)', () => {
    const pspace = warriorFrom(['LDP.AB #0, $1', 'JMP.B $-1, $0'], 0, 'pspace');
    const stored = warriorFrom(['STP.AB #1, #1', 'JMP.B $-1, $0'], 0, 'stored');
    expect([pspace, stored, dwarf].map(usesPSpace)).toEqual([true, true, false]);
    const big = (ws: Warrior[]) => ({ warriors: ws, settings: DEFAULT_SETTINGS, seed: { kind: 'seed', value: 7 }, options: { rounds: 200 } }) satisfies BattleJob;
    expect(pieces(planTasks([big([pspace, dwarf])], 2))).toEqual([[0, 0, 1]]);
    expect(pieces(planTasks([big([dwarf, imp, stored])], 2))).toEqual([[0, 0, 1]]);
  });
});

describe('a battle in parts', () => {
  // Big enough that the pool cuts each battle (an upper bound of 1.6e6+ instructions).
  const long = { ...settings, cycles: 8000 };
  const seeds: SeedSpec[] = [{ kind: 'position', value: 3000 }, { kind: 'seed', value: 987654 }, { kind: 'checksum' }];
  const split: BattleJob[] = seeds.flatMap((seed) => [
    { warriors: [dwarf, stone], settings: long, seed, options: { rounds: 100 } },
    { warriors: [paper, imp, dwarf], settings: long, seed, options: { rounds: 100 } },
    { warriors: [stone, paper, imp, dwarf, paper], settings: long, seed, options: { rounds: 61, fullLength: true } },
  ]);

  it('fights the rounds of the whole battle: same placement, first mover and round numbers', () => {
    const mars = createMars();
    for (const job of split) {
      const whole = mars.battle(job.warriors, job.settings, job.seed, job.options);
      if (!whole.ok) throw new Error(whole.error);
      const parts = [[0, 17], [17, 1], [18, job.options.rounds - 18]].map(([firstRound, rounds]) =>
        mars.battle(job.warriors, job.settings, job.seed, { ...job.options, firstRound, rounds }));
      const rounds = parts.flatMap((p) => (p.ok ? p.rounds : []));
      expect(parts.map((p) => p.ok && p.seed)).toEqual([whole.seed, whole.seed, whole.seed]);
      expect(rounds).toEqual(whole.rounds);
      expect(summarise(job.warriors, whole.settings, whole.seed, rounds)).toEqual(whole);
    }
  });

  it('gives the unsplit result on 1 and 2 threads', async () => {
    expect(planTasks(split, 2).flat().every((p) => p.parts > 1)).toBe(true);
    const local = await createLocalRunner().run(split);
    expect(local.every((r) => r.ok)).toBe(true);
    for (const threads of [1, 2]) {
      expect(await open(createPool({ threads })).run(split)).toEqual(local);
      for (const job of split) expect(await open(createPool({ threads })).run([job])).toEqual(await createLocalRunner().run([job]));
    }
  });
});
