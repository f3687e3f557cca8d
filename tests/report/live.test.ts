// `drq report RUN_DIR --serve`: the run directory read without its lock while a writer appends
// (a line still being written is left for later), and the live page in Chromium following a
// real `drq evolve` as it writes: the candidate count rises with no reload, and the page ends
// on what the run's files say.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { followRun } from '../../src/report/live.js';
import { tailRunDir } from '../../src/store/run-dir.js';
import { launchChromium, watchProblems } from '../browser.js';
import { launch, lines, summary } from '../evolve/runs.js';
import { CLI } from '../support.js';

const work = mkdtempSync(join(tmpdir(), 'drq-live-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('tailRunDir', () => {
  it('reads whole lines from an offset, leaves a torn last line, starts over when the log was cut', () => {
    const dir = join(work, 'tail');
    mkdirSync(dir);
    expect(tailRunDir(dir, 0)).toEqual({ ok: true, value: { config: null, summary: null, records: [], next: 0, restarted: false, more: false, writerGone: false } });
    writeFileSync(join(dir, 'config.json'), '{"drq":{"rounds":3}}\n');
    writeFileSync(join(dir, 'candidates.jsonl'), '{"id":"a"}\n{"id":"b"}\n{"id":');
    const first = tailRunDir(dir, 0);
    if (!first.ok) throw new Error(first.error);
    expect(first.value).toMatchObject({ config: { drq: { rounds: 3 } }, records: [{ id: 'a' }, { id: 'b' }], next: 22, restarted: false });
    appendFileSync(join(dir, 'candidates.jsonl'), '"c"}\n');
    expect(tailRunDir(dir, 22)).toMatchObject({ ok: true, value: { records: [{ id: 'c' }], next: 33 } });
    // A few bytes at a time: a line longer than that is still read whole, and `more` says there is more.
    expect(tailRunDir(dir, 0, 4)).toMatchObject({ ok: true, value: { records: [{ id: 'a' }], next: 11, more: true } });
    expect(tailRunDir(dir, 22, 4)).toMatchObject({ ok: true, value: { records: [{ id: 'c' }], next: 33, more: false } });
    writeFileSync(join(dir, 'candidates.jsonl'), '{"id":"a"}\n');
    expect(tailRunDir(dir, 33)).toMatchObject({ ok: true, value: { records: [{ id: 'a' }], next: 11, restarted: true } });
  });
});

describe('followRun', () => {
  it("folds the log into counts, the current round's archive, tokens, cost and the latest candidates with their problems", () => {
    const dir = join(work, 'follow');
    mkdirSync(dir);
    writeFileSync(join(dir, 'config.json'), '{"drq":{"rounds":2}}\n');
    const record = (id: string, round: number, more: object) => JSON.stringify({
      id, round, phase: 'iteration', generator: 'llm:m', source: null, errors: null, error: null, reply: null, fitness: null, cell: null,
      placed: false, usage: { promptTokens: 100, completionTokens: 10, cost: 0.5 }, ...more }) + '\n';
    writeFileSync(join(dir, 'candidates.jsonl'), record('r1s0', 1, { source: 'MOV 0, 1', fitness: 3, cell: 4, placed: true }));
    const run = followRun(dir);
    const first = run.read();
    if (!first.ok) throw new Error(first.error);
    expect(first.state).toMatchObject({ status: 'running', plannedRounds: 2, round: 1, candidates: 1, best: 3, bestThisRound: 3 });
    appendFileSync(join(dir, 'candidates.jsonl'),
      record('r2s0', 2, { source: 'MOV 0, 1', fitness: 1, cell: 7, placed: true }) +
      record('r2s1', 2, { source: 'JMP', errors: [{ line: 1, column: 4, message: 'missing operand' }] }) +
      record('r2s2', 2, { reply: 'I cannot write Redcode', error: 'no Redcode found in the reply', usage: null }));
    const second = run.read();
    if (!second.ok) throw new Error(second.error);
    const s = second.state;
    expect(s).toMatchObject({ round: 2, candidates: 4, best: 3, bestThisRound: 1, tokens: { prompt: 300, completion: 30 }, cost: 1.5 });
    // The archive is round 2's alone.
    expect((s.charts.archive as { series: { data: number[][] }[] }).series[0].data).toEqual([[1, 1, 1]]);
    expect(s.latest.map((c) => c.id)).toEqual(['r2s2', 'r2s1', 'r2s0', 'r1s0']);
    expect(s.latest[0].problems).toEqual(['no Redcode found in the reply', 'the reply:\nI cannot write Redcode']);
    expect(s.latest[1].problems).toEqual(['1:4: missing operand']);

    // A writer killed with SIGKILL leaves its lock and a 'running' summary behind: the page says it stopped.
    writeFileSync(join(dir, 'summary.json'), '{"status":"running","rounds":[]}\n');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, 'run.lock'), JSON.stringify({ pid: dead, host: hostname(), started: new Date().toISOString(), boot: null, ticks: null }));
    const third = run.read();
    if (!third.ok) throw new Error(third.error);
    expect(third.state.status).toMatch(/^stopped: its drq process died/);
    writeFileSync(join(dir, 'run.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), boot: null, ticks: null }));
    const fourth = run.read();
    if (!fourth.ok) throw new Error(fourth.error);
    expect(fourth.state.status).toBe('running');
  });
});

/** `drq report DIR --serve --port 0`, resolved with its URL once it listens. */
function serve(dir: string): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'report', dir, '--serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((done, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) done(out.trim());
    });
    child.on('close', (code) => fail(new Error(`drq report --serve exited ${code}`)));
  });
}

describe('drq report --serve', () => {
  it('follows a real evolve in Chromium: the candidate count rises without a reload, and ends on the run', async () => {
    // A run far longer than the test, stopped with SIGINT once the page has seen it grow.
    const browser = await launchChromium();
    if (!browser) return;
    const dir = join(work, 'run');
    try {
      // Served before the run exists: the page waits for it.
      const url = await serve(dir);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems = watchProblems(tab, (u) => u.startsWith(url));
      await tab.goto(url, { waitUntil: 'load' });
      await tab.waitForFunction(() => document.getElementById('status')?.textContent === 'waiting');
      await tab.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });

      const evolve = launch(['evolve', '--offline', '--preset', 'tiny', '--rounds', '3', '--iterations', '3000', '--battle-rounds', '8',
        '--fitness-threshold', '50', '--seed', '7', '--threads', '1', '--concurrency', '2', '--out', dir]);
      children.push(evolve.child);
      const count = async () => Number(await tab.textContent('#candidates'));
      await tab.waitForFunction(() => Number(document.getElementById('candidates')?.textContent) > 0);
      const early = await count();
      await tab.waitForFunction((n) => Number(document.getElementById('candidates')?.textContent) >= n + 20, early);
      expect(await count()).toBeGreaterThan(early);
      // Still the same document: it updated in place.
      expect(await tab.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      expect(await tab.textContent('#status')).toBe('running');
      // The current round's archive is drawn, and the latest candidates are listed with their source.
      await tab.waitForSelector('#archive canvas');
      expect(await tab.$$eval('#latest .candidate', (els) => els.length)).toBeGreaterThan(0);
      expect(await tab.textContent('#latest pre.source')).toMatch(/;redcode-94/);
      expect(Number(await tab.textContent('#best'))).toBeGreaterThan(0);

      evolve.child.kill('SIGINT');
      expect((await evolve.exited).code).toBe(130);
      const total = lines(dir).length;
      await tab.waitForFunction((n) => document.getElementById('status')?.textContent === 'interrupted' &&
        Number(document.getElementById('candidates')?.textContent) === n, total);
      const last = JSON.parse(lines(dir).at(-1)!) as { round: number };
      expect(await tab.textContent('#round')).toBe(`${last.round} / 3 (${summary(dir).roundsDone} done)`);
      expect(await tab.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      expect(problems).toEqual([]);
      // It never took the run's lock or wrote to the directory.
      expect(existsSync(join(dir, 'run.lock'))).toBe(false);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
