// Battles and tournaments of warrior files: each file read and assembled as pMARS assembles it
// for that battle, the battles run through a BattleRunner, the results reported as pMARS
// prints them. The command line (battle, tournament) and scripts share this room.

import { readFileSync } from 'node:fs';
import { assemblerSettings, type HillSettings } from './config.js';
import { assembleSource, type Diagnostic, encodeWarrior, type Warrior as Assembled } from './redcode/index.js';
import type { BattleOptions, BattleResult, MarsError, SeedSpec, Warrior } from './vm/mars.js';
import type { BattleRunner } from './vm/runner.js';

/** Source files are bytes: one character per byte, so names survive byte for byte. */
export function readSource(path: string): { ok: true; source: string } | { ok: false; error: string } {
  try {
    return { ok: true, source: readFileSync(path).toString('latin1') };
  } catch (e) {
    return { ok: false, error: `Unable to open file '${path}': ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

/** KotH points per round fought, on the hills' 0-300 scale: 3 a win, 1 a tie. */
export const kothScore = (wins: number, ties: number, rounds: number): number => (rounds ? (100 * (3 * wins + ties)) / rounds : 0);

/** `FILE:LINE:COL: severity: message` (just `FILE: severity: message` for the whole warrior). */
export const located = (file: string, d: Diagnostic): string =>
  `${file}${d.line ? `:${d.line}:${d.column}` : ''}: ${d.severity}: ${d.message}${d.count > 1 ? ` (${d.count} times)` : ''}\n`;

/** A warrior file assembled for one seat of a battle, with its load image for the VM. */
export interface Entrant {
  file: string;
  assembled: Assembled;
  image: Warrior;
  /** Assembler warnings, already `located`. */
  warnings: string[];
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; messages: string[] };

export const toImage = (w: Assembled): Warrior =>
  ({ image: encodeWarrior(w.instructions), start: w.start, pin: w.pin, name: w.name, author: w.author });

/**
 * Reads and assembles `file` as warrior `index` of `warriors` (WARRIORS is a constant of the
 * source, and pMARS gives registers W and S to the first warrior only).
 */
export function loadEntrant(file: string, settings: HillSettings, warriors: number, index: number): Loaded<Entrant> {
  const read = readSource(file);
  if (!read.ok) return { ok: false, messages: [`${file}: error: ${read.error}\n`] };
  const result = assembleSource(read.source, assemblerSettings(settings, warriors, index));
  const warnings = result.warnings.map((d) => located(file, d));
  if (!result.ok) return { ok: false, messages: [...warnings, ...result.errors.map((d) => located(file, d))] };
  return { ok: true, value: { file, assembled: result.warrior, image: toImage(result.warrior), warnings } };
}

/** One battle of entrants (in seat order) through a runner. */
export async function battle(runner: BattleRunner, entrants: readonly Entrant[], settings: HillSettings,
  seed: SeedSpec, options: Omit<BattleOptions, 'rounds'> = {}): Promise<BattleResult | MarsError> {
  const [result] = await runner.run([{
    warriors: entrants.map((e) => e.image), settings, seed, options: { ...options, rounds: settings.rounds },
  }]);
  return result;
}

/**
 * The lines pmars prints after the battle (cdb.c results(), or pmars.c body() with -k):
 * 2 warriors end with "Results: W L T" of warrior 1; otherwise each warrior has its
 * survivors columns and deaths ("  Results:" under its line when there are 3 or more).
 */
export function formatResults(r: BattleResult, koth = false): string {
  const n = r.warriors.length;
  if (koth && n === 2) return r.warriors.map((w) => `${w.survivedWith[0]} ${w.survivedWith[1]}\n`).join('');
  if (koth) return r.warriors.map((w) => `${w.score} ${w.survivedWith.map((s) => `${s} `).join('')}${w.deaths}\n`).join('');
  let out = '';
  for (const w of r.warriors) {
    out += `${w.name} by ${w.author} scores ${w.score}\n`;
    if (n > 2) out += `  Results:${w.survivedWith.map((s) => ` ${s}`).join('')} ${w.deaths}\n`;
  }
  if (n === 2) out += `Results: ${r.results.wins} ${r.results.losses} ${r.results.ties}\n`;
  return out;
}

/** A tournament entry: the file assembled for either seat of a two-warrior battle. */
export interface Contender {
  file: string;
  first: Entrant;
  second: Entrant;
}

export function loadContender(file: string, settings: HillSettings): Loaded<Contender> {
  const first = loadEntrant(file, settings, 2, 0);
  if (!first.ok) return first;
  const second = loadEntrant(file, settings, 2, 1);
  if (!second.ok) return second;
  return { ok: true, value: { file, first: first.value, second: second.value } };
}

/** Contender a (seat 1) against contender b (seat 2), from a's side: pMARS's "Results: W L T". */
export interface PairResult {
  a: number;
  b: number;
  wins: number;
  losses: number;
  ties: number;
}

export interface Standing {
  /** Index into the contenders (command-line order). */
  contender: number;
  wins: number;
  losses: number;
  ties: number;
  /** KotH score: 100 × (3 × wins + ties) / rounds, averaged over the opponents (at most 300). */
  score: number;
}

export interface TournamentResult {
  seed: SeedSpec;
  pairs: PairResult[];
  /** Best first; equal scores keep command-line order. */
  standings: Standing[];
}

/**
 * Every pair i < j once, i in seat 1, each exactly the battle `pmars FILE_i FILE_j` with the
 * same settings and seed would fight.
 */
export async function tournament(runner: BattleRunner, contenders: readonly Contender[], settings: HillSettings,
  seed: SeedSpec, options: Omit<BattleOptions, 'rounds'> = {}, onDone?: (finished: number, total: number) => void,
): Promise<{ ok: true; value: TournamentResult } | MarsError> {
  const pairs: PairResult[] = [];
  for (let a = 0; a < contenders.length; a++) {
    for (let b = a + 1; b < contenders.length; b++) pairs.push({ a, b, wins: 0, losses: 0, ties: 0 });
  }
  const results = await runner.run(pairs.map(({ a, b }) => ({
    warriors: [contenders[a].first.image, contenders[b].second.image], settings, seed, options: { ...options, rounds: settings.rounds },
  })), onDone);
  for (const [i, r] of results.entries()) {
    if (!r.ok) return r;
    Object.assign(pairs[i], r.results);
  }
  const standings: Standing[] = contenders.map((_, contender) => ({ contender, wins: 0, losses: 0, ties: 0, score: 0 }));
  for (const p of pairs) {
    const [a, b] = [standings[p.a], standings[p.b]];
    a.wins += p.wins; a.losses += p.losses; a.ties += p.ties;
    b.wins += p.losses; b.losses += p.wins; b.ties += p.ties;
  }
  const opponents = contenders.length - 1;
  for (const s of standings) s.score = kothScore(s.wins, s.ties, settings.rounds * opponents);
  standings.sort((x, y) => y.score - x.score || x.contender - y.contender);
  return { ok: true, value: { seed, pairs, standings } };
}
