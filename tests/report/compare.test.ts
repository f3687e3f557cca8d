// `drq report RUN_DIR…` on three tiny offline runs with different --history: one comparison page
// with the runs' curves overlaid, phenotype spread and genotype distance per round and the cycles
// of each run, drawn in Chromium from disk; and the measures it is built from.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/evolve/compile.js';
import { generality, readWarriorDir } from '../../src/evolve/generality.js';
import type { MatrixCell } from '../../src/report/html.js';
import { cyclicTriples, editDistance } from '../../src/report/compare.js';
import { createLocalRunner } from '../../src/vm/runner.js';
import { drawnCharts } from '../browser.js';
import { CLI, WARRIORS } from '../support.js';

const work = mkdtempSync(join(tmpdir(), 'drq-compare-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const drq = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: work });
const runs = [1, 2, 3].map((k) => join(work, `k${k}`));
const page = join(work, 'comparison.html');

type Charts = Record<string, { series: { name: string; data: (number | null | number[])[] }[] }>;
const chartsOf = (html: string): Charts =>
  JSON.parse(/<script type="application\/json" id="drq-charts">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');

beforeAll(() => {
  for (const [i, dir] of runs.entries()) {
    const evolved = drq(['evolve', '--offline', '--preset', 'tiny', '--rounds', '4', '--iterations', '16', '--battle-rounds', '4',
      '--seed', String(10 + i), '--history', String(i + 1), '--threads', '2', '--heldout', WARRIORS, '--out', dir]);
    expect(evolved.stderr).toMatch(/drq: done/);
  }
  // Without --out, several runs go to ./comparison.html.
  const compared = drq(['report', ...runs, '--threads', '2']);
  expect(compared.stderr).toBe('');
  expect(compared.stdout).toBe('comparison.html\n');
});

describe('the measures', () => {
  it('edit distance over whole instructions, divided by the longer list', () => {
    expect(editDistance([], [])).toBe(0);
    expect(editDistance(['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(0);
    expect(editDistance(['a', 'b', 'c'], ['a', 'c'])).toBeCloseTo(1 / 3, 12);
    expect(editDistance(['a', 'b'], ['c', 'd', 'e', 'f'])).toBe(1);
    expect(editDistance(['x', 'a', 'b'], ['a', 'b', 'y'])).toBeCloseTo(2 / 3, 12);
  });

  it('counts each rock-paper-scissors triple once', () => {
    const beat = (row: number, col: number): MatrixCell[] => [
      { row, col, fitness: 1, opponentFitness: 0, outcome: 'win' }, { row: col, col: row, fitness: 0, opponentFitness: 1, outcome: 'loss' }];
    // 0 > 1 > 2 > 0 is a cycle; 3 beats everyone, so no triple with it is.
    const cells = [...beat(0, 1), ...beat(1, 2), ...beat(2, 0), ...beat(3, 0), ...beat(3, 1), ...beat(3, 2)];
    expect(cyclicTriples(4, cells)).toBe(1);
    expect(cyclicTriples(3, [...beat(0, 1), ...beat(1, 2), ...beat(0, 2)])).toBe(0);
  });
});

describe('drq report with several runs', () => {
  it("overlays the runs' curves and gives spread, distance and cycles per round and run", () => {
    const html = readFileSync(page, 'utf8');
    const charts = chartsOf(html);
    expect(Object.keys(charts).sort()).toEqual(['convergence', 'cycles', 'fitness', 'generality', 'score']);
    for (const id of ['fitness', 'generality', 'score']) {
      expect(charts[id].series.map((s) => s.name), id).toEqual(['k1', 'k2', 'k3']);
      for (const s of charts[id].series) expect(s.data, id).toHaveLength(4);
    }
    const [spread, distance] = charts.convergence.series;
    expect([spread.name, distance.name]).toEqual(['phenotype spread', 'genotype distance']);
    for (const x of [...spread.data, ...distance.data] as number[]) expect(x).toBeGreaterThanOrEqual(0);
    for (const x of distance.data as number[]) expect(x).toBeLessThanOrEqual(1);

    // Each run's cycles are those of its own champions matrix, as `drq report RUN` draws it.
    charts.cycles.series[0].data.forEach((cycles, i) => {
      const single = join(work, `single-${i}.html`);
      expect(drq(['report', runs[i], '--out', single, '--threads', '2']).status).toBe(0);
      const cells = (chartsOf(readFileSync(single, 'utf8')).matrix.series[0].data as number[][]).map(([col, row, diff]) =>
        ({ row, col, fitness: diff, opponentFitness: 0, outcome: diff > 0 ? 'win' : diff < 0 ? 'loss' : 'tie' }) as MatrixCell);
      expect(cycles, runs[i]).toBe(cyclicTriples(4, cells));
    });
    expect(html).toMatch(/<td>k3<\/td><td>offline<\/td><td>12<\/td><td>3<\/td>/);
  });

  it("measures each round's spread and distance from the runs' champions of that round", async () => {
    const charts = chartsOf(readFileSync(page, 'utf8'));
    const [spread, distance] = charts.convergence.series.map((s) => s.data as number[]);
    const config = JSON.parse(readFileSync(join(runs[0], 'config.json'), 'utf8'));
    const probe = readWarriorDir(WARRIORS);
    if (!probe.ok) throw new Error(probe.error);
    const runner = createLocalRunner();
    for (const round of [1, 4]) {
      const sources = runs.map((dir) => readFileSync(join(dir, 'champions', `round_00${round}.red`), 'utf8'));
      const phenotypes = await Promise.all(sources.map(async (source) => {
        const g = await generality({ name: 'c', source }, probe.warriors, config.drq.settings, runner,
          { rounds: config.drq.battleRounds, seed: config.drq.seed, fullLength: config.drq.fullLength });
        if (!g.ok) throw new Error(g.error);
        return g.matchups.map((m) => m.fitness);
      }));
      const code = sources.map((source) => {
        const c = compile(source, config.drq.settings, 2, 0);
        if (!c.ok) throw new Error('a champion does not assemble');
        return c.instructions.map((i) => JSON.stringify(i));
      });
      const pairs = [[0, 1], [0, 2], [1, 2]];
      const rms = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0) / a.length);
      const mean = (f: (i: number, j: number) => number) => pairs.reduce((s, [i, j]) => s + f(i, j), 0) / pairs.length;
      expect(spread[round - 1], `round ${round}`).toBeCloseTo(mean((i, j) => rms(phenotypes[i], phenotypes[j])), 3);
      expect(distance[round - 1], `round ${round}`).toBeCloseTo(mean((i, j) => editDistance(code[i], code[j])), 3);
    }
  });

  it('refuses --serve with several runs, and a run that does not exist', () => {
    expect(drq(['report', ...runs, '--serve']).stderr).toMatch(/--serve follows one run/);
    const missing = drq(['report', runs[0], join(work, 'nothing')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/holds no run/);
  });

  it('opens from disk in Chromium with every chart drawn and no console error', async () => {
    const drawn = await drawnCharts(page);
    if (!drawn) return;
    expect(drawn.charts.map((d) => d.id).sort()).toEqual(['convergence', 'cycles', 'fitness', 'generality', 'score']);
    for (const d of drawn.charts) expect(d.width * d.height, d.id).toBeGreaterThan(0);
    expect(drawn.problems).toEqual([]);
  });
});
