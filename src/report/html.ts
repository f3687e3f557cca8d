// The run report as one HTML file, pure: report data and the charting library's browser build in,
// the page's text out. Every chart is an ECharts option computed here and embedded as JSON, so the
// page's own script only hands each option to the library: nothing is fetched, the file opens offline.

import { BINS, COVERAGE_EDGES, SPAWNED_EDGES } from '../evolve/descriptors.js';
import type { ModelRow } from '../evolve/models.js';

export interface RoundRow {
  round: number;
  champion: string | null;
  fitness: number | null;
  candidates: number;
  cells: number;
  /** Held-out generality and KotH score of the round's champion, when the run measured them. */
  generality: number | null;
  score: number | null;
}

/** One champion-vs-champion battle, seen from the row champion. */
export interface MatrixCell {
  row: number;
  col: number;
  fitness: number;
  opponentFitness: number;
  outcome: 'win' | 'loss' | 'tie';
}

export interface ReportData {
  title: string;
  status: string;
  generator: string;
  seed: number;
  seconds: number;
  /** The hill the run fought on, as one line ("coresize 800, cycles 8000, …"). */
  settings: string;
  battleRounds: number;
  rounds: RoundRow[];
  heldout: { dir: string; curve: (number | null)[]; score: (number | null)[] } | null;
  /** cached: prompt tokens served from the provider's prompt cache (runs before it was recorded have none). */
  tokens: { prompt: number; completion: number; cached?: number };
  cost: number;
  /** Fitness and cost per LLM model. */
  models: ModelRow[];
  candidates: number;
  matrix: { names: string[]; cells: MatrixCell[] };
  archives: { round: number; elites: { cell: number; id: string; fitness: number }[] }[];
  champions: { round: number; id: string | null; listing: string }[];
}

/** Fitness and cost per model: shown when the run used an LLM. */
function modelSection(rows: ModelRow[]): string {
  if (rows.length === 0) return '';
  const f = (x: number | null): string => (x === null ? '–' : x.toFixed(3));
  const body = rows.map((r) => `<tr><td style="text-align:left">${escapeHtml(r.model)}</td><td>${r.candidates}</td><td>${r.fought}</td><td>${r.placed}</td>` +
    `<td>${r.fixed}/${r.repaired}</td><td>${f(r.meanFitness)}</td><td>${f(r.bestFitness)}</td><td>${r.promptTokens}</td><td>${r.cachedTokens}</td>` +
    `<td>${r.completionTokens}</td><td>$${r.cost.toFixed(4)}</td></tr>`).join('\n');
  return `<h3>Per model</h3>
<table>
<tr><th>model</th><th>candidates</th><th>fought</th><th>placed</th><th>repaired</th><th>mean fitness</th><th>best fitness</th><th>prompt tokens</th><th>cached</th><th>completion tokens</th><th>cost</th></tr>
${body}
</table>`;
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** JSON inside a <script> element: `<` escaped, so no string in it can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The bins' labels along one descriptor axis: "<e0", "e0–e1", …, "≥eN". */
function binLabels(edges: readonly number[]): string[] {
  return Array.from({ length: BINS }, (_, k) =>
    k === 0 ? `<${edges[0]}` : k === edges.length ? `≥${edges[k - 1]}` : `${edges[k - 1]}–${edges[k]}`);
}

export const base = { animation: false, tooltip: {}, grid: { containLabel: true, left: 16, right: 24, top: 40, bottom: 36 } };
/** Axis names placed where long ones are not clipped: x centred below its labels, y above its axis, left-aligned. */
export const xName = (name: string, gap = 28): object => ({ name, nameLocation: 'middle', nameGap: gap });
export const yName = (name: string, inverse = false): object =>
  ({ name, nameLocation: inverse ? 'start' : 'end', nameTextStyle: { align: 'left' }, inverse });
/** Heatmap cells are narrow: every label shown, small. */
const everyLabel = { axisLabel: { interval: 0, fontSize: 10 } };

export function fitnessChart(rounds: RoundRow[]): object {
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', ...xName('round'), data: rounds.map((r) => r.round) },
    yAxis: { type: 'value', ...yName('champion fitness') },
    series: [{ type: 'line', name: 'champion fitness', data: rounds.map((r) => (r.fitness === null ? null : round3(r.fitness))) }],
  };
}

/** Held-out generality (0-1, left axis) and KotH score (0-300, right axis) per round. */
function generalityChart(heldout: NonNullable<ReportData['heldout']>): object {
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { ...base.grid, right: 48 },
    xAxis: { type: 'category', ...xName('round'), data: heldout.curve.map((_, i) => i + 1) },
    yAxis: [
      { type: 'value', ...yName('generality'), min: 0, max: 1 },
      { type: 'value', name: 'score', min: 0, max: 300, splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: 'held-out generality', data: heldout.curve.map((g) => (g === null ? null : round3(g))) },
      { type: 'line', name: 'held-out score', yAxisIndex: 1, data: heldout.score.map((g) => (g === null ? null : Math.round(g * 10) / 10)) },
    ],
  };
}

function matrixChart(matrix: ReportData['matrix']): object {
  const data = matrix.cells.map((c) => [c.col, c.row, round3(c.fitness - c.opponentFitness)]);
  const extent = Math.max(1e-3, ...data.map((d) => Math.abs(d[2])));
  // Past a dozen champions the column labels turn, and past twenty the cells lose their numbers (the tooltip keeps them).
  const many = matrix.names.length > 12;
  return {
    ...base,
    grid: { ...base.grid, bottom: many ? 110 : 84 },
    xAxis: {
      type: 'category', ...xName('opponent', many ? 56 : 28), axisLabel: { ...everyLabel.axisLabel, rotate: many ? 45 : 0 },
      data: matrix.names, splitArea: { show: true },
    },
    yAxis: { type: 'category', ...yName('champion', true), ...everyLabel, data: matrix.names, splitArea: { show: true } },
    visualMap: {
      min: -extent, max: extent, calculable: true, precision: 2, orient: 'horizontal', left: 'center', bottom: 0,
      text: ['row beats column', 'column beats row'], inRange: { color: ['#d73027', '#f7f7f7', '#1a9850'] },
    },
    series: [{ type: 'heatmap', name: 'fitness difference', data, label: { show: matrix.names.length <= 20 } }],
  };
}

export function archiveChart(archive: ReportData['archives'][number]): object {
  const data = archive.elites.map((e) => [e.cell % BINS, Math.floor(e.cell / BINS), round3(e.fitness)]);
  return {
    ...base,
    title: { text: `round ${archive.round}`, right: 8, textStyle: { fontSize: 13 } },
    grid: { ...base.grid, bottom: 84 },
    xAxis: { type: 'category', ...xName('memory coverage', 44), axisLabel: { interval: 0, fontSize: 9, rotate: 30 }, data: binLabels(COVERAGE_EDGES), splitArea: { show: true } },
    yAxis: { type: 'category', ...yName('spawned processes'), ...everyLabel, data: binLabels(SPAWNED_EDGES), splitArea: { show: true } },
    visualMap: {
      min: 0, max: Math.max(1e-3, ...data.map((d) => d[2])), orient: 'horizontal', left: 'center', bottom: 0,
      calculable: true, precision: 2, itemHeight: 120, inRange: { color: ['#eff3ff', '#08519c'] },
    },
    series: [{ type: 'heatmap', name: 'elite fitness', data, label: { show: true, fontSize: 9 } }],
  };
}

export const num = (x: number | null, digits = 3): string => (x === null ? '—' : x.toFixed(digits));

export function reportHtml(data: ReportData, chartLibrary: string): string {
  const charts: Record<string, object> = { fitness: fitnessChart(data.rounds) };
  if (data.matrix.names.length > 0) charts.matrix = matrixChart(data.matrix);
  if (data.heldout) charts.generality = generalityChart(data.heldout);
  for (const a of data.archives) charts[`archive-${a.round}`] = archiveChart(a);
  const chart = (id: string, cls = 'chart', style = ''): string => `<div class="${cls}" id="${id}"${style ? ` style="${style}"` : ''}></div>`;

  const roundRows = data.rounds.map((r) =>
    `<tr><td>${r.round}</td><td>${escapeHtml(r.champion ?? '—')}</td><td>${num(r.fitness)}</td><td>${r.candidates}</td>` +
    `<td>${r.cells}</td><td>${num(r.generality)}</td><td>${num(r.score, 1)}</td></tr>`).join('\n');
  const pairs = data.matrix.cells.filter((c) => c.row < c.col);
  const upsets = pairs.filter((c) => c.outcome === 'win').length;
  const matrixSection = data.matrix.names.length > 0
    ? `<p>Each champion fought every other 1v1 for ${data.battleRounds} rounds with the run's settings. A cell is the row champion's
DRQ fitness minus the column champion's: green, the row beats the column (the DRQ paper's "beats": higher 1v1 fitness).
Rows and columns run in round order, so a green cell above the diagonal is an earlier champion beating a later one that was
evolved against it: the intransitivity behind Red Queen cycles (${upsets} of ${pairs.length} pairs here).</p>
${chart('matrix', 'chart', `height: ${Math.max(520, 160 + 24 * data.matrix.names.length)}px`)}`
    : '<p>No champions yet.</p>';
  const heldoutSection = data.heldout
    ? `<h2>Held-out generality and score</h2>
<p>Each round's champion 1v1 against the warriors of <code>${escapeHtml(data.heldout.dir)}</code>: its generality, the fraction
it beats or ties on DRQ fitness (the paper's measure, left axis), and its KotH score, 100 × (3 wins + ties) / rounds averaged
over them (the Core War hills' scale, 0-300, right axis; 100 ties everything).</p>
${chart('generality')}`
    : '';
  const archives = data.archives.map((a) => chart(`archive-${a.round}`, 'chart small')).join('\n');
  const listings = data.champions.map((c) =>
    `<h3>Round ${c.round}${c.id ? ` · ${escapeHtml(c.id)}` : ''}</h3>\n<pre>${escapeHtml(c.listing)}</pre>`).join('\n');

  return pageHtml(`drq report: ${escapeHtml(data.title)}`, `<h1>drq report: ${escapeHtml(data.title)}</h1>
<p class="meta">${escapeHtml(data.status)} · ${data.rounds.length} rounds · ${data.candidates} candidates · generator ${escapeHtml(data.generator)}
 · seed ${data.seed} · ${data.seconds} s<br>${escapeHtml(data.settings)}</p>

<h2>Best fitness per round</h2>
${chart('fitness')}
<table>
<tr><th>round</th><th>champion</th><th>fitness</th><th>candidates</th><th>cells</th><th>held-out generality</th><th>held-out score</th></tr>
${roundRows}
</table>

<h2>Champions vs champions</h2>
${matrixSection}
${heldoutSection}
<h2>MAP-Elites archive per round</h2>
<p>Each cell holds its elite's fitness: total spawned processes (rows) × memory coverage (columns), per battle round.</p>
<div class="grid">
${archives}
</div>

<h2>Tokens and cost</h2>
<table>
<tr><th>prompt tokens</th><td>${data.tokens.prompt}</td></tr>
<tr><th>completion tokens</th><td>${data.tokens.completion}</td></tr>
${data.tokens.cached === undefined ? '' : `<tr><th>cached prompt tokens</th><td>${data.tokens.cached}</td></tr>\n`}<tr><th>cost</th><td>$${data.cost.toFixed(4)}</td></tr>
</table>
${modelSection(data.models)}

<h2>Champions</h2>
${listings}
`, charts, chartLibrary);
}

/**
 * A self-contained page: `title` (HTML, escaped) and `body` (HTML), each chart option drawn into
 * the element of its id, the charting library inlined so nothing is fetched.
 */
export function pageHtml(title: string, body: string, charts: Record<string, object>, chartLibrary: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px 24px; color: #222; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { margin-top: 32px; border-bottom: 1px solid #ddd; }
.meta { color: #555; }
.chart { width: 100%; height: 320px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
.chart.small { height: 340px; }
table { border-collapse: collapse; } td, th { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: right; }
pre { background: #f6f8fa; padding: 10px; overflow-x: auto; font-size: 12px; }
</style>
</head>
<body>
${body}
<script>${chartLibrary.replace(/<\/script/gi, '<\\/script')}</script>
<script type="application/json" id="drq-charts">${scriptJson(charts)}</script>
<script>
for (const [id, option] of Object.entries(JSON.parse(document.getElementById('drq-charts').textContent))) {
  const chart = echarts.init(document.getElementById(id));
  chart.setOption(option);
  addEventListener('resize', () => chart.resize());
}
</script>
</body>
</html>
`;
}
