// `drq report` on a real tiny run, through the real command: the page carries the run's data and
// the champions matrix, and opened from disk in Chromium (playwright-core, /usr/bin/chromium) it
// draws every chart without a console error or a request off the disk.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnCharts } from '../browser.js';
import { CLI, WARRIORS } from '../support.js';

const work = mkdtempSync(join(tmpdir(), 'drq-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const drq = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const run = join(work, 'run');
const page = join(work, 'report.html');

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/drq.cjs is missing: npm run build');
  const evolved = drq(['evolve', '--offline', '--preset', 'tiny', '--rounds', '3', '--iterations', '20', '--battle-rounds', '4',
    '--seed', '1', '--threads', '2', '--heldout', WARRIORS, '--out', run]);
  expect(evolved.stderr).toMatch(/drq: done/);
  const reported = drq(['report', run, '--out', page, '--threads', '2']);
  expect(reported.stderr).toBe('');
  expect(reported.stdout).toBe(`${page}\n`);
});

describe('drq report', () => {
  it('writes the run into the page, with every champion against every other', () => {
    const html = readFileSync(page, 'utf8');
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as { rounds: { champion: string }[] };
    // (includes(), not toContain(): a failure would print the whole megabyte page.)
    for (const text of [...summary.rounds.map((r) => r.champion), 'Program &quot;', 'START']) expect(html.includes(text), text).toBe(true);
    const charts = JSON.parse(/<script type="application\/json" id="drq-charts">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');
    expect(Object.keys(charts).sort()).toEqual(['archive-1', 'archive-2', 'archive-3', 'fitness', 'generality', 'matrix']);
    // Three champions: six ordered pairs, each the mirror of its partner.
    // Held-out generality and score, one point per round each.
    const held = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')).heldout;
    expect(held.score).toHaveLength(3);
    for (const x of held.score) expect(x).toBeGreaterThanOrEqual(0);
    expect(charts.generality.series.map((s: { data: unknown[] }) => s.data.length)).toEqual([3, 3]);
    const cells = charts.matrix.series[0].data as [number, number, number][];
    expect(cells).toHaveLength(6);
    for (const [col, row, diff] of cells) expect(cells).toContainEqual([row, col, diff === 0 ? 0 : -diff]);
  });

  it('refuses a directory that holds no run, with exit status 2', () => {
    const r = drq(['report', work]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds no run/);
  });

  it('opens from disk in Chromium with every chart drawn and no console error', async () => {
    const drawn = await drawnCharts(page);
    if (!drawn) return;
    expect(drawn.charts.map((d) => d.id).sort()).toEqual(['archive-1', 'archive-2', 'archive-3', 'fitness', 'generality', 'matrix']);
    for (const d of drawn.charts) expect(d.width * d.height, d.id).toBeGreaterThan(0);
    expect(drawn.problems).toEqual([]);
  });
});
