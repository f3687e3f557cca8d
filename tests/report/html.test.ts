// The report builder on hand-made data: the data reaches the page, text is escaped, and nothing
// in the page is fetched from a network.
import { describe, expect, it } from 'vitest';
import { type ReportData, reportHtml } from '../../src/report/html.js';

const data: ReportData = {
  title: 'run <1>',
  status: 'completed',
  generator: 'llm:gpt-4.1-mini',
  seed: 7,
  seconds: 12,
  settings: 'coresize 800 · cycles 8000',
  battleRounds: 4,
  rounds: [
    { round: 1, champion: 'r1s3', fitness: 1.25, candidates: 10, cells: 3, generality: 0.5, score: 112.5 },
    { round: 2, champion: 'r2s9', fitness: 2.875, candidates: 12, cells: 5, generality: 0.25, score: 87.25 },
  ],
  heldout: { dir: 'warriors', curve: [0.5, 0.25], score: [112.5, 87.25] },
  tokens: { prompt: 12345, completion: 678, cached: 9000 },
  cost: 0.0421,
  models: [
    { model: 'model-a', candidates: 14, fought: 12, placed: 5, repaired: 3, fixed: 2, meanFitness: 1.5, bestFitness: 2.875, promptTokens: 8000, completionTokens: 400, cachedTokens: 6000, cost: 0.03 },
    { model: 'model-b', candidates: 8, fought: 0, placed: 0, repaired: 0, fixed: 0, meanFitness: null, bestFitness: null, promptTokens: 4345, completionTokens: 278, cachedTokens: 3000, cost: 0.0121 },
  ],
  candidates: 22,
  matrix: {
    names: ['round 1', 'round 2'],
    cells: [
      { row: 0, col: 1, fitness: 0.5, opponentFitness: 1.5, outcome: 'loss' },
      { row: 1, col: 0, fitness: 1.5, opponentFitness: 0.5, outcome: 'win' },
    ],
  },
  archives: [
    { round: 1, elites: [{ cell: 7, id: 'r1s3', fitness: 1.25 }] },
    { round: 2, elites: [{ cell: 0, id: 'r2s1', fitness: 0.5 }, { cell: 35, id: 'r2s9', fitness: 2.875 }] },
  ],
  champions: [
    { round: 1, id: 'r1s3', listing: 'Program "</script><b>x" (length 1)\nSTART  MOV.I $ 0, $ 1\n' },
    { round: 2, id: 'r2s9', listing: 'Program "two" (length 1)\n' },
  ],
};

const LIBRARY = 'window.echarts = { init() { return { setOption() {}, resize() {} }; } };';
const html = reportHtml(data, LIBRARY);
const charts = (): Record<string, { series: { type: string; data: unknown[] }[] }> =>
  JSON.parse(/<script type="application\/json" id="drq-charts">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');

describe('reportHtml', () => {
  it('inlines the charting library and fetches nothing from a network', () => {
    expect(html).toContain(LIBRARY);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  });

  it('has one chart per figure: fitness, the matrix, generality, and each round\'s archive', () => {
    const c = charts();
    expect(Object.keys(c).sort()).toEqual(['archive-1', 'archive-2', 'fitness', 'generality', 'matrix']);
    for (const id of Object.keys(c)) expect(html).toContain(`id="${id}"`);
    expect(c.fitness.series[0].data).toEqual([1.25, 2.875]);
    // Held-out generality (left axis) and KotH score (right axis) per round.
    expect(c.generality.series[0].data).toEqual([0.5, 0.25]);
    expect(c.generality.series[1].data).toEqual([112.5, 87.3]);
    // Heatmap points are [column, row, value]: the matrix's are fitness differences …
    expect(c.matrix.series[0].data).toEqual([[1, 0, -1], [0, 1, 1]]);
    // … and an archive's are [coverage bin, spawned bin, fitness] of cell = spawned × 6 + coverage.
    expect(c['archive-2'].series[0].data).toEqual([[0, 0, 0.5], [5, 5, 2.875]]);
  });

  it('shows the rounds, tokens, cost and listings, escaped', () => {
    for (const text of ['r1s3', 'r2s9', '2.875', '12345', '678', '$0.0421', 'START  MOV.I', 'run &lt;1&gt;']) expect(html).toContain(text);
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;x');
    expect(html.match(/<\/script>/g)?.length).toBe(3);
  });

  it('breaks fitness and cost down per model, with cached prompt tokens', () => {
    expect(html).toMatch(/cached prompt tokens<\/th><td>9000/);
    expect(html).toMatch(/model-a<\/td><td>14<\/td><td>12<\/td><td>5<\/td><td>2\/3<\/td><td>1.500<\/td><td>2.875<\/td><td>8000<\/td><td>6000<\/td><td>400<\/td><td>\$0.0300/);
    expect(html).toMatch(/model-b<\/td><td>8<\/td><td>0<\/td><td>0<\/td><td>0\/0<\/td><td>–<\/td>/);
    expect(reportHtml({ ...data, models: [] }, LIBRARY)).not.toContain('Per model');
  });

  it('leaves out the generality chart when the run measured none, and the matrix when it has no champion', () => {
    const bare = reportHtml({ ...data, heldout: null, matrix: { names: [], cells: [] }, champions: [] }, LIBRARY);
    expect(bare).not.toContain('id="generality"');
    expect(bare).not.toContain('id="matrix"');
    expect(bare).toContain('No champions yet.');
  });
});
