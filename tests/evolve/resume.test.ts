// The run directory through the real command: a `drq evolve` child process killed with SIGKILL
// mid-run and resumed ends exactly as an uninterrupted run with the same seed.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../dist/src/cli.js');
const work = mkdtempSync(join(tmpdir(), 'drq-resume-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ARGS = ['evolve', '--offline', '--preset', 'tiny', '--rounds', '4', '--iterations', '60', '--battle-rounds', '8',
  '--fitness-threshold', '50', '--seed', '99', '--threads', '2', '--concurrency', '4'];
const lines = (dir: string): string[] => readFileSync(join(dir, 'candidates.jsonl'), 'utf8').split('\n').filter(Boolean);
const champions = (dir: string): string[] =>
  readdirSync(join(dir, 'champions')).sort().map((f) => readFileSync(join(dir, 'champions', f), 'utf8'));

function run(args: string[]): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  expect(r.stderr).toMatch(/drq: done/);
  expect(r.status).toBe(0);
}

describe('drq evolve --resume after kill -9', () => {
  it('loses and repeats nothing, and ends exactly as the uninterrupted run', async () => {
    if (!existsSync(CLI)) throw new Error('dist/src/cli.js is missing: npm run build');
    const whole = join(work, 'whole');
    run([...ARGS, '--out', whole]);
    const expected = lines(whole);
    expect(expected.length).toBe(4 * (8 + 60) + 1 + 2 + 3 + 4);

    const killed = join(work, 'killed');
    const child: ChildProcess = spawn(process.execPath, [CLI, ...ARGS, '--out', killed], { stdio: 'ignore' });
    const target = Math.floor(expected.length / 2);
    await new Promise<void>((done, fail) => {
      const poll = setInterval(() => {
        const n = existsSync(join(killed, 'candidates.jsonl')) ? lines(killed).length : 0;
        if (n >= target) {
          clearInterval(poll);
          child.kill('SIGKILL');
          done();
        }
      }, 5);
      child.on('exit', () => { clearInterval(poll); fail(new Error('the run ended before it was killed')); });
    });
    await new Promise((r) => child.on('exit', r));
    const before = lines(killed).length;
    expect(before).toBeLessThan(expected.length);

    run(['evolve', '--resume', killed]);
    expect(lines(killed)).toEqual(expected);
    expect(champions(killed)).toEqual(champions(whole));
    const summary = JSON.parse(readFileSync(join(killed, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ status: 'completed', roundsDone: 4 });
  });
});
