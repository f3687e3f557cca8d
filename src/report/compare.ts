// Several run directories → one comparison report: the DRQ paper's analyses across independent
// runs. Each run's fitness and held-out curves overlaid; round by round, how far apart the runs'
// champions are in behaviour (phenotype: DRQ fitness against each warrior of a probe set) and in
// code (genotype: edit distance over instructions); and each run's Red Queen cycles, the
// intransitive triples of its champion-vs-champion matrix.

import { basename, resolve } from 'node:path';
import { compile } from '../evolve/compile.js';
import { generality, type Named, readWarriorDir } from '../evolve/generality.js';
import type { Instruction } from '../lib.js';
import type { BattleRunner } from '../vm/runner.js';
import { chartLibrary, championMatrix, loadRun, matrixBattles, type Progress, type Report, type Run } from './collect.js';
import { base, escapeHtml, type MatrixCell, num, pageHtml, round3, xName, yName } from './html.js';

export interface ComparedRun {
  name: string;
  dir: string;
  generator: string;
  seed: number;
  history: number;
  candidates: number;
  /** Per round (index = round − 1): champion fitness, held-out generality and score; null where none. */
  fitness: (number | null)[];
  generality: (number | null)[];
  score: (number | null)[];
  champions: number;
  /** Intransitive triples of champions (a beats b beats c beats a), of all triples. */
  cycles: number;
  triples: number;
}

export interface ComparisonData {
  runs: ComparedRun[];
  rounds: number;
  /** The probe set, or null when there was none (no --probe, and no run had --heldout). */
  probe: { dir: string; warriors: number } | null;
  battleRounds: number;
  /** Per round: mean over pairs of runs of the RMS difference of their champions' phenotypes; null with fewer than 2 champions. */
  phenotypeSpread: (number | null)[];
  /** Per round: mean over pairs of runs of their champions' normalised edit distance (0 same code, 1 nothing in common). */
  genotypeDistance: (number | null)[];
}

/** Levenshtein distance over whole instructions, divided by the longer length. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] / Math.max(a.length, b.length);
}

/** Directed 3-cycles of the "beats" relation (row beats column) among n champions, each counted once. */
export function cyclicTriples(n: number, cells: readonly MatrixCell[]): number {
  const beats = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const c of cells) if (c.outcome === 'win') beats[c.row][c.col] = true;
  let cycles = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let k = j + 1; k < n; k++) {
        if ((beats[i][j] && beats[j][k] && beats[k][i]) || (beats[i][k] && beats[k][j] && beats[j][i])) cycles++;
      }
    }
  }
  return cycles;
}

/** Mean of f over the pairs of the values present; null with fewer than two. */
function meanOverPairs<T>(values: (T | null)[], f: (a: T, b: T) => number): number | null {
  const present = values.filter((v): v is T => v !== null);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < present.length; i++) for (let j = i + 1; j < present.length; j++, pairs++) sum += f(present[i], present[j]);
  return pairs ? sum / pairs : null;
}

const rms = (a: readonly number[], b: readonly number[]): number =>
  Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0) / Math.max(1, a.length));

const token = (i: Instruction): string => `${i.opcode}.${i.modifier} ${i.aMode}${i.aNumber}, ${i.bMode}${i.bNumber}`;

/** Runs in `dirs` compared; `probe` defaults to the first run's held-out folder. */
export async function buildComparison(dirs: readonly string[], runner: BattleRunner, options: { probe?: string; onDone?: Progress } = {}): Promise<Report> {
  const runs: Run[] = [];
  for (const dir of dirs) {
    const loaded = loadRun(dir);
    if (!loaded.ok) return loaded;
    runs.push(loaded.run);
  }
  const first = runs[0].config.drq;
  const differs = runs.find((r) => JSON.stringify(r.config.drq.settings) !== JSON.stringify(first.settings));
  if (differs) return { ok: false, error: `${differs.dir} fought on other settings than ${runs[0].dir}: compare runs of one hill` };
  const probeDir = options.probe ?? runs.find((r) => r.config.heldout)?.config.heldout ?? null;
  const probe = probeDir === null ? null : readWarriorDir(probeDir);
  if (probe && !probe.ok) return probe;

  const champions: Named[][] = runs.map((r) => r.files.champions.map((c) => ({ name: `round ${c.round}`, source: c.source })));
  const rounds = Math.max(...runs.map((r) => r.summary.rounds.length), ...runs.map((r) => r.files.champions.at(-1)?.round ?? 0));
  const total = champions.reduce((s, cs) => s + matrixBattles(cs.length) + (probe ? cs.length * probe.warriors.length : 0), 0);
  let finished = 0;
  const tick = () => options.onDone?.(++finished, total);

  // Every battle at once, so that the pool stays busy: the matrices, and each champion against the probe set.
  const probeOptions = { rounds: first.battleRounds, seed: first.seed, fullLength: first.fullLength, onDone: tick };
  const [matrices, phenotypes] = await Promise.all([
    Promise.all(runs.map((r, i) => championMatrix(champions[i], r.config.drq, runner, tick))),
    Promise.all(champions.map((cs) => Promise.all(cs.map((c) => (probe ? generality(c, probe.warriors, first.settings, runner, probeOptions) : null))))),
  ]);

  // Per run, per round: the phenotype (fitness against each probe warrior) and genotype (instructions).
  const byRound = <T>(run: number, value: (k: number) => T | null): (T | null)[] => {
    const at = new Map(runs[run].files.champions.map((c, k) => [c.round, value(k)]));
    return Array.from({ length: rounds }, (_, r) => at.get(r + 1) ?? null);
  };
  const phenotype: (number[] | null)[][] = [];
  for (const [i, row] of phenotypes.entries()) {
    for (const g of row) if (g && !g.ok) return { ok: false, error: g.error };
    phenotype.push(byRound(i, (k) => {
      const g = row[k];
      return g?.ok ? g.matchups.map((m) => m.fitness) : null;
    }));
  }
  const genotype = runs.map((r, i) => byRound(i, (k) => {
    const c = compile(r.files.champions[k].source, first.settings, 2, 0);
    return c.ok ? c.instructions.map(token) : [];
  }));

  const compared: ComparedRun[] = [];
  const names = runs.map((r) => basename(resolve(r.dir)));
  for (const [i, r] of runs.entries()) {
    const matrix = matrices[i];
    if (!matrix.ok) return matrix;
    const perRound = (f: (row: Run['summary']['rounds'][number]) => number | null | undefined) =>
      Array.from({ length: rounds }, (_, k) => {
        const row = r.summary.rounds.find((x) => x.round === k + 1);
        return row ? f(row) ?? null : null;
      });
    const n = champions[i].length;
    compared.push({
      name: names.filter((x) => x === names[i]).length > 1 ? r.dir : names[i],
      dir: r.dir, generator: r.summary.generator, seed: r.summary.seed, history: r.config.drq.history, candidates: r.summary.candidates,
      fitness: perRound((x) => x.fitness), generality: perRound((x) => x.heldout?.generality), score: perRound((x) => x.heldout?.score),
      champions: n, cycles: cyclicTriples(n, matrix.cells), triples: (n * (n - 1) * (n - 2)) / 6,
    });
  }
  const data: ComparisonData = {
    runs: compared, rounds, battleRounds: first.battleRounds,
    // The warriors of the probe set that assemble with the runs' settings (the others are skipped).
    probe: probe?.ok ? { dir: probeDir!, warriors: phenotype.flat().find((p) => p !== null)?.length ?? 0 } : null,
    phenotypeSpread: Array.from({ length: rounds }, (_, k) => meanOverPairs(phenotype.map((p) => p[k]), rms)),
    genotypeDistance: Array.from({ length: rounds }, (_, k) => meanOverPairs(genotype.map((g) => g[k]), editDistance)),
  };
  return { ok: true, html: comparisonHtml(data, chartLibrary()) };
}

function overlaid(data: ComparisonData, curve: (r: ComparedRun) => (number | null)[], name: string, max?: number): object {
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', ...xName('round'), data: Array.from({ length: data.rounds }, (_, k) => k + 1) },
    yAxis: { type: 'value', ...yName(name), min: 0, max },
    series: data.runs.map((r) => ({ type: 'line', name: r.name, connectNulls: false, data: curve(r).map((x) => (x === null ? null : round3(x))) })),
  };
}

function convergenceChart(data: ComparisonData): object {
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { ...base.grid, right: 48 },
    xAxis: { type: 'category', ...xName('round'), data: Array.from({ length: data.rounds }, (_, k) => k + 1) },
    yAxis: [
      { type: 'value', ...yName('phenotype spread'), min: 0 },
      { type: 'value', name: 'genotype distance', min: 0, max: 1, splitLine: { show: false } },
    ],
    series: [
      ...(data.probe ? [{ type: 'line', name: 'phenotype spread', data: data.phenotypeSpread.map((x) => (x === null ? null : round3(x))) }] : []),
      { type: 'line', name: 'genotype distance', yAxisIndex: 1, data: data.genotypeDistance.map((x) => (x === null ? null : round3(x))) },
    ],
  };
}

function cyclesChart(data: ComparisonData): object {
  return {
    ...base,
    xAxis: { type: 'category', ...xName('run (--history K)'), data: data.runs.map((r) => `${r.name} (K=${r.history})`) },
    yAxis: { type: 'value', ...yName('intransitive triples'), minInterval: 1 },
    series: [{ type: 'bar', name: 'intransitive triples', data: data.runs.map((r) => r.cycles), label: { show: true, position: 'top' } }],
  };
}

/** The comparison as one self-contained page (pure). */
export function comparisonHtml(data: ComparisonData, library: string): string {
  const held = data.runs.some((r) => r.generality.some((g) => g !== null));
  const charts: Record<string, object> = {
    fitness: overlaid(data, (r) => r.fitness, 'champion fitness'),
    convergence: convergenceChart(data),
    cycles: cyclesChart(data),
  };
  if (held) {
    charts.generality = overlaid(data, (r) => r.generality, 'held-out generality', 1);
    charts.score = overlaid(data, (r) => r.score, 'held-out score', 300);
  }
  const chart = (id: string) => `<div class="chart" id="${id}"></div>`;
  const runRows = data.runs.map((r) =>
    `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.generator)}</td><td>${r.seed}</td><td>${r.history}</td><td>${r.candidates}</td>` +
    `<td>${r.champions}</td><td>${r.cycles} of ${r.triples}</td></tr>`).join('\n');
  const roundRows = data.phenotypeSpread.map((p, k) =>
    `<tr><td>${k + 1}</td><td>${num(p)}</td><td>${num(data.genotypeDistance[k])}</td></tr>`).join('\n');
  const probe = data.probe
    ? `each champion fought the ${data.probe.warriors} warriors of <code>${escapeHtml(data.probe.dir)}</code> 1v1 for
${data.battleRounds} rounds (the same placements for every champion), and its phenotype is its DRQ fitness against each of them.
The spread is, over every pair of runs, the root-mean-square difference of their champions' phenotypes (0: they behave alike)`
    : 'no probe set was given (<code>--probe DIR</code>) and no run had <code>--heldout</code>, so there is no phenotype spread';
  return pageHtml(`drq comparison: ${data.runs.length} runs`, `<h1>drq comparison: ${data.runs.length} runs</h1>
<table>
<tr><th>run</th><th>generator</th><th>seed</th><th>--history K</th><th>candidates</th><th>champions</th><th>intransitive triples</th></tr>
${runRows}
</table>

<h2>Champion fitness per round</h2>
${chart('fitness')}
${held ? `<h2>Held-out generality and score per round</h2>
<p>Each run's champions against its own <code>--heldout</code> set: generality (the DRQ paper's) and KotH score (the Core War hills', 0-300).</p>
${chart('generality')}
${chart('score')}` : ''}
<h2>Phenotype convergence, genotype diversity</h2>
<p>Round by round, across the runs' champions of that round: ${probe}. The genotype distance is, over every pair of
runs, the edit distance between their champions' instruction lists (insertions, deletions and changes of whole
instructions) divided by the longer list (0: the same code, 1: nothing in common). Behaviour converging while code
stays diverse shows as a falling phenotype spread beside a high genotype distance.</p>
${chart('convergence')}
<table>
<tr><th>round</th><th>phenotype spread</th><th>genotype distance</th></tr>
${roundRows}
</table>

<h2>Red Queen cycles</h2>
<p>In each run every champion fought every other 1v1 (the run's settings, battle rounds and seed); a champion beats another
when its DRQ fitness is higher. An intransitive triple is three champions that beat each other in a circle
(rock-paper-scissors); the paper finds fewer with a longer history K.</p>
${chart('cycles')}
`, charts, library);
}
