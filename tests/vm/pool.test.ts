// The worker pool against the in-thread runner: the same results in job order on any number
// of threads, failures as error values, and a pool that carries on after them. The threads
// run the compiled dist/src/vm/worker.js (npm test builds it first).
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Warrior } from '../../src/vm/mars.js';
import { createPool, planTasks } from '../../src/vm/pool.js';
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
    expect(out[1]).toEqual({ ok: false, error: 'VM failure in "imp" vs "trap" (round 3 of 5): RuntimeError: unreachable' });
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
  it('covers the jobs in order with contiguous ranges, several per thread when the work is small', () => {
    const many = Array.from({ length: 40 }, () => jobs[0]);
    const ranges = planTasks(many, 2);
    expect(ranges.flatMap(([s, e]) => Array.from({ length: e - s }, (_, k) => s + k))).toEqual(many.map((_, i) => i));
    expect(ranges.length).toBe(8);
  });
  it('groups tiny battles so that a task is worth a message', () => {
    const tiny = Array.from({ length: 100_000 }, () => ({ ...jobs[0], options: { rounds: 1 }, settings: { ...settings, cycles: 1000 } }));
    expect(planTasks(tiny, 2).map(([s, e]) => e - s)).toEqual(Array(10).fill(10_000));
  });
});
