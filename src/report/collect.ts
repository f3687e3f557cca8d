// A run directory → its report: what the run recorded (store/run-dir reads it), plus what it did
// not record, every champion against every other 1v1, scored as the held-out set is scored
// (evolve/generality), with the run's own settings, battle rounds and seed.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { generality, type Named } from '../evolve/generality.js';
import type { ModelRow } from '../evolve/models.js';
import { assemble, displayText, formatListing, type HillSettings } from '../lib.js';
import { readRunDir, type RunFiles } from '../store/run-dir.js';
import type { BattleRunner } from '../vm/runner.js';
import { type MatrixCell, type ReportData, reportHtml } from './html.js';

/** The parts of config.json and summary.json that the reports read (src/cli/evolve.ts writes them). */
export interface RunConfig {
  drq: { settings: HillSettings; battleRounds: number; seed: number; fullLength: boolean; rounds: number; iterations: number; history: number };
  heldout?: string | null;
}
export interface Summary {
  status: string; generator: string; seed: number; seconds: number; candidates: number;
  tokens: { prompt: number; completion: number; cached?: number }; cost: number; models?: ModelRow[];
  rounds: { round: number; champion: string | null; fitness: number | null; candidates: number; cells: number; heldout?: { generality?: number; score?: number } }[];
  heldout?: { dir: string; curve: (number | null)[]; score?: (number | null)[] };
}
interface Snapshot { elites: { cell: number; id: string; fitness: number }[] }

/** A run directory as the reports read it. */
export interface Run { dir: string; config: RunConfig; summary: Summary; files: RunFiles }

export function loadRun(dir: string): { ok: true; run: Run } | { ok: false; error: string } {
  const files = readRunDir(dir);
  if (!files.ok) return files;
  const config = files.value.config as RunConfig;
  const summary = files.value.summary as Summary;
  if (typeof config?.drq?.settings?.coresize !== 'number' || !Array.isArray(summary?.rounds)) {
    return { ok: false, error: `${dir} is not a drq evolve run (config.json or summary.json has another shape)` };
  }
  return { ok: true, run: { dir, config, summary, files: files.value } };
}

export type Report = { ok: true; html: string } | { ok: false; error: string };

/** ECharts' browser build, read from the installed package (the report inlines it, the viewer serves it). */
export function chartLibrary(): string {
  return readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
}

/** The battles championMatrix fights for `n` champions. */
export const matrixBattles = (n: number): number => (n * (n - 1)) / 2;

/** Who beats whom: each champion 1v1 against each later one, the earlier one's side mirrored; `tick` after each battle. */
export async function championMatrix(champions: Named[], config: RunConfig['drq'], runner: BattleRunner, tick?: () => void):
  Promise<{ ok: true; cells: MatrixCell[] } | { ok: false; error: string }> {
  const options = { rounds: config.battleRounds, seed: config.seed, fullLength: config.fullLength, onDone: tick };
  const rows = await Promise.all(champions.map((c, i) => generality(c, champions.slice(i + 1), config.settings, runner, options)));
  const cells: MatrixCell[] = [];
  for (const [row, g] of rows.entries()) {
    if (!g.ok) return { ok: false, error: g.error };
    for (const m of g.matchups) {
      const col = champions.findIndex((c) => c.name === m.opponent);
      const mirrored = m.outcome === 'win' ? 'loss' : m.outcome === 'loss' ? 'win' : 'tie';
      cells.push({ row, col, fitness: m.fitness, opponentFitness: m.opponentFitness, outcome: m.outcome },
        { row: col, col: row, fitness: m.opponentFitness, opponentFitness: m.fitness, outcome: mirrored });
    }
  }
  return { ok: true, cells };
}

function listing(source: string, settings: HillSettings): string {
  // Run files are UTF-8 text; the assembler reads byte strings, as pMARS reads files.
  const a = assemble(Buffer.from(source, 'utf8').toString('latin1'), settings);
  return a.ok ? displayText(formatListing(a.warrior, settings.coresize, settings.icws88))
    : `does not assemble with the run's settings: ${a.errors[0]?.message}\n\n${source}`;
}

/** Battles finished of the total (for a progress bar). */
export type Progress = (finished: number, total: number) => void;

export async function buildReport(dir: string, runner: BattleRunner, onDone?: Progress): Promise<Report> {
  const loaded = loadRun(dir);
  if (!loaded.ok) return loaded;
  const { config, summary, files } = loaded.run;
  const s = config.drq.settings;
  const idOf = (round: number): string | null => summary.rounds.find((r) => r.round === round)?.champion ?? null;
  const champions = files.champions.map((c) => ({ name: `round ${c.round}`, source: c.source }));
  let finished = 0;
  const matrix = await championMatrix(champions, config.drq, runner, () => onDone?.(++finished, matrixBattles(champions.length)));
  if (!matrix.ok) return matrix;
  const data: ReportData = {
    title: basename(resolve(dir)),
    status: summary.status,
    generator: summary.generator,
    seed: summary.seed,
    seconds: summary.seconds,
    settings: `coresize ${s.coresize} · cycles ${s.cycles} · processes ${s.processes} · max length ${s.maxLength} · ` +
      `distance ${s.separation} · ${s.icws88 ? "ICWS'88" : "ICWS'94"} · ${config.drq.battleRounds} battle rounds · ` +
      `${config.drq.rounds} rounds of ${config.drq.iterations} iterations planned`,
    battleRounds: config.drq.battleRounds,
    rounds: summary.rounds.map((r) => ({
      round: r.round, champion: r.champion, fitness: r.fitness, candidates: r.candidates, cells: r.cells,
      generality: r.heldout?.generality ?? null, score: r.heldout?.score ?? null,
    })),
    // Runs from before the score was recorded have the generality curve only.
    heldout: summary.heldout ? { ...summary.heldout, score: summary.heldout.score ?? summary.heldout.curve.map(() => null) } : null,
    tokens: summary.tokens,
    cost: summary.cost,
    models: summary.models ?? [],
    candidates: summary.candidates,
    matrix: { names: champions.map((c) => c.name), cells: matrix.cells },
    archives: files.archives.map((a) => ({ round: a.round, elites: (a.snapshot as Snapshot).elites })),
    champions: files.champions.map((c) => ({ round: c.round, id: idOf(c.round), listing: listing(c.source, s) })),
  };
  return { ok: true, html: reportHtml(data, chartLibrary()) };
}
