// What a run directory promises, through real `drq evolve` processes: one writer at a time,
// a clean stop on SIGINT, SIGTERM and SIGHUP (a second signal leaves at once, still safely),
// a full or read-only disk stops the run with a clear message and --resume finishes it, a run
// can be extended with --resume --rounds N, flags that would change results are refused on
// resume, and wall time adds up across resumes. Each resumed run must end exactly as the
// uninterrupted one: nothing lost, nothing doubled.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requires } from '../support.js';
import { ARGS, CANDIDATES, champions, drq, launch, lines, summary, until } from './runs.js';

const work = mkdtempSync(join(tmpdir(), 'drq-trust-'));
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
  rmSync(work, { recursive: true, force: true });
});

let expected: string[] = [];
let expectedChampions: string[] = [];
beforeAll(() => {
  const whole = join(work, 'whole');
  expect(drq([...ARGS, '--out', whole]).status).toBe(0);
  expected = lines(whole);
  expectedChampions = champions(whole);
  expect(expected.length).toBe(CANDIDATES);
});

/** Resumes `dir` to the end and checks it ended as the uninterrupted run. */
function finishes(dir: string, extra: string[] = []): void {
  const r = drq(['evolve', '--resume', dir, ...extra]);
  expect(r.stderr).toMatch(/drq: done/);
  expect(r.status).toBe(0);
  expect(lines(dir)).toEqual(expected);
  expect(champions(dir)).toEqual(expectedChampions);
  expect(summary(dir)).toMatchObject({ status: 'completed', roundsDone: 4 });
}

const isPrefix = (got: string[]): boolean => got.every((line, i) => line === expected[i]);

describe('one writer per run directory', () => {
  it('refuses a second evolve or --resume on a busy directory with exit 2, naming the holder; readers need no lock', async () => {
    const dir = join(work, 'busy');
    const first = launch([...ARGS, '--out', dir]);
    await until(first, () => existsSync(join(dir, 'summary.json')) && lines(dir).length > CANDIDATES / 3);
    first.child.kill('SIGSTOP'); // frozen mid-run: it holds the lock for as long as the test needs
    try {
      for (const args of [['evolve', '--resume', dir], [...ARGS, '--out', dir]]) {
        const second = drq(args);
        expect(second.status).toBe(2);
        expect(second.stderr).toMatch(new RegExp(`in use by another drq: process ${first.child.pid} on .*, started 20`));
      }
      expect(JSON.parse(readFileSync(join(dir, 'run.lock'), 'utf8'))).toMatchObject({ pid: first.child.pid });
      const report = drq(['report', dir, '--out', join(work, 'busy-report.html'), '--threads', '1']);
      expect(report.stderr).toBe('');
      expect(report.status).toBe(0);
      const evaluated = drq(['eval', join(dir, 'champions', 'round_001.red'), '--against', join(dir, 'champions'), '--preset', 'tiny', '-r', '2', '--threads', '1']);
      expect(evaluated.status).toBe(0);
    } finally {
      first.child.kill('SIGCONT');
    }
    expect((await first.exited).code).toBe(0);
    expect(lines(dir)).toEqual(expected);
    expect(existsSync(join(dir, 'run.lock'))).toBe(false);
  });
});

describe('every way a run can stop is clean', () => {
  it.each([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const)('%s: finishes what is in flight, marks the summary, frees the lock, exits %i; --resume ends the run', async (signal, status) => {
    const dir = join(work, signal);
    const run = launch([...ARGS, '--out', dir]);
    await until(run, () => lines(dir).length >= CANDIDATES / 3);
    run.child.kill(signal);
    expect((await run.exited).code).toBe(status);
    expect(run.stderr()).toMatch(new RegExp(`${signal}: finishing the candidates in flight`));
    expect(summary(dir)).toMatchObject({ status: 'interrupted', reason: signal });
    expect(existsSync(join(dir, 'run.lock'))).toBe(false);
    expect(lines(dir).length).toBeLessThan(CANDIDATES);
    expect(isPrefix(lines(dir))).toBe(true);
    finishes(dir);
  });

  it('a second Ctrl-C leaves at once, and is still safe', async () => {
    // Rounds of 20 million cycles (tied ones run to the end: about half a second a candidate), so
    // that candidates are still in flight when the second signal comes, even on a loaded machine;
    // at the default 80,000 its battles took milliseconds, and a loaded CI run once lost that race.
    const slow = ['evolve', '--offline', '--rounds', '1', '--iterations', '4', '--initial-new', '4', '--battle-rounds', '6',
      '--cycles', '20000000', '--fitness-threshold', '50', '--seed', '7', '--threads', '2', '--concurrency', '4'];
    const whole = join(work, 'twice-whole');
    expect(drq([...slow, '--out', whole]).status).toBe(0);
    const dir = join(work, 'twice');
    const run = launch([...slow, '--out', dir]);
    await until(run, () => lines(dir).length >= 1);
    run.child.kill('SIGINT');
    await until(run, () => run.stderr().includes('SIGINT: finishing'));
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    expect(summary(dir)).toMatchObject({ status: 'interrupted', reason: 'SIGINT (leaving at once)' });
    expect(existsSync(join(dir, 'run.lock'))).toBe(false);
    const got = lines(dir);
    expect(got.length).toBeLessThan(lines(whole).length);
    expect(got).toEqual(lines(whole).slice(0, got.length));
    expect(drq(['evolve', '--resume', dir]).status).toBe(0);
    expect(lines(dir)).toEqual(lines(whole));
    expect(champions(dir)).toEqual(champions(whole));
  });
});

describe('a full or read-only disk', () => {
  // A small tmpfs of the test's own (mounting needs root, as CI has).
  const mount = (dir: string, options: string): boolean => {
    mkdirSync(dir, { recursive: true });
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0;
    if (ok) mounts.push(dir);
    return ok;
  };
  const remount = (dir: string, options: string): void => {
    expect(spawnSync('mount', ['-o', `remount,${options}`, dir]).status).toBe(0);
  };
  const available = (dir: string): boolean => requires('a tmpfs mount for the disk tests (run as root)', mount(dir, 'size=96k'));

  it('ENOSPC stops the run with a clear message, the log stays parseable, and --resume finishes it once there is space', (ctx) => {
    const disk = join(work, 'small');
    if (!available(disk)) return ctx.skip();
    const dir = join(disk, 'run');
    const full = drq([...ARGS, '--out', dir]);
    expect(full.status).toBe(1);
    expect(full.stderr).toMatch(/cannot write .*: ENOSPC: no space left on device/);
    expect(full.stderr).toMatch(/continue with: drq evolve --resume/);
    const got = lines(dir);
    for (const line of got) JSON.parse(line);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(CANDIDATES);
    expect(isPrefix(got)).toBe(true);
    expect(existsSync(join(dir, 'run.lock'))).toBe(false);

    const again = drq(['evolve', '--resume', dir]); // still full: stops again, loses nothing
    expect(again.status).toBe(1);
    expect(isPrefix(lines(dir))).toBe(true);

    remount(disk, 'size=16m');
    finishes(dir);
  });

  it('a read-only directory is refused with a clear message and exit 2', (ctx) => {
    const disk = join(work, 'readonly');
    if (!available(disk)) return ctx.skip();
    remount(disk, 'size=16m');
    const dir = join(disk, 'run');
    const first = drq([...ARGS, '--rounds', '1', '--out', dir]);
    expect(first.status).toBe(0);
    remount(disk, 'ro');
    for (const args of [['evolve', '--resume', dir, '--rounds', '4'], [...ARGS, '--out', join(disk, 'other')]]) {
      const r = drq(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/cannot write .*: EROFS: read-only file system/);
    }
  });
});

describe('extending and changing a run on resume', () => {
  it('--resume DIR --rounds N extends a finished run to what a run of N rounds gives', () => {
    const dir = join(work, 'extend');
    const short = drq([...ARGS.map((a, i) => (ARGS[i - 1] === '--rounds' ? '2' : a)), '--out', dir]);
    expect(short.status).toBe(0);
    expect(summary(dir)).toMatchObject({ status: 'completed', roundsDone: 2 });
    const r = drq(['evolve', '--resume', dir, '--rounds', '4']);
    expect(r.stderr).toMatch(/extended from 2 to 4 rounds/);
    expect(r.status).toBe(0);
    expect(lines(dir)).toEqual(expected);
    expect(champions(dir)).toEqual(expectedChampions);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).drq.rounds).toBe(4);
  });

  it('refuses flags that would change results, listing what differs; accepts the same values and speed flags', () => {
    const dir = join(work, 'flags');
    const run = drq([...ARGS, '--rounds', '1', '--out', dir]);
    expect(run.status).toBe(0);
    const refused = drq(['evolve', '--resume', dir, '--iterations', '61', '--preset', 'tiny', '-c', '9000', '--seed', '99']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/refused, these flags would change the run's results/);
    expect(refused.stderr).toMatch(/drq\.iterations: 60 in config\.json, 61 now/);
    expect(refused.stderr).toMatch(/drq\.settings\.cycles: 8000 in config\.json, 9000 now/);
    expect(refused.stderr).not.toMatch(/coresize/);
    expect(refused.stderr).not.toMatch(/drq\.seed/);
    expect(drq(['evolve', '--resume', dir, '--rounds', '0']).stderr).toMatch(/can be extended, not shortened/);
    expect(drq(['evolve', '--resume', dir, '--out', dir]).status).toBe(2);
    // The command line of the run itself, plus speed flags: accepted, and the speed flags kept.
    const same = drq([...ARGS, '--resume', dir, '--threads', '1', '--concurrency', '3', '--max-cost', '5']);
    expect(same.stderr).toMatch(/extended from 1 to 4 rounds; --concurrency 4 → 3; --max-cost null → 5/);
    expect(same.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).drq).toMatchObject({ rounds: 4, concurrency: 3, maxCost: 5 });
  });
});

describe('honest time', () => {
  it('summary.json adds up wall time across resumes', async () => {
    const dir = join(work, 'time');
    const run = launch([...ARGS, '--out', dir]);
    await until(run, () => lines(dir).length >= CANDIDATES / 3);
    run.child.kill('SIGTERM');
    await run.exited;
    // The earlier process's time, as if it had run for an hour.
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ ...summary(dir), seconds: 3600 }));
    finishes(dir);
    expect(summary(dir).seconds).toBeGreaterThanOrEqual(3600);
  });
});
