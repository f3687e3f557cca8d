// Generality as the DRQ paper measures it: a warrior fights each warrior of a held-out set 1v1;
// it beats an opponent when its DRQ fitness in that battle is higher, ties when equal, and its
// generality is the fraction of opponents it beats or ties.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HillSettings } from '../lib.js';
import type { BattleRunner } from '../vm/runner.js';
import { compile, marsSettings } from './compile.js';
import { rngFor } from './random.js';

export interface Named {
  name: string;
  source: string;
}

export interface Matchup {
  opponent: string;
  outcome: 'win' | 'loss' | 'tie';
  fitness: number;
  opponentFitness: number;
  /** Battle rounds won, lost and tied by the warrior (pMARS's W/L/T). */
  wins: number;
  losses: number;
  ties: number;
}

export type Generality =
  | { ok: true; generality: number; beaten: number; tied: number; lost: number; matchups: Matchup[]; skipped: string[] }
  | { ok: false; error: string };

/** Every `*.red` file of `dir`, sorted by name, as text. */
export function readWarriorDir(dir: string): { ok: true; warriors: Named[] } | { ok: false; error: string } {
  try {
    const files = readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.red')).sort();
    if (files.length === 0) return { ok: false, error: `${dir} holds no .red files` };
    return { ok: true, warriors: files.map((f) => ({ name: f, source: readFileSync(join(dir, f), 'utf8') })) };
  } catch (e) {
    return { ok: false, error: `cannot read ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

/** Ties within this much DRQ fitness (shares are sums of floating-point parts). */
const EPSILON = 1e-9;

export async function generality(warrior: Named, against: readonly Named[], settings: HillSettings, runner: BattleRunner,
  options: { rounds: number; seed: number; fullLength: boolean }): Promise<Generality> {
  const me = compile(warrior.source, settings, 2, 0);
  if (!me.ok) return { ok: false, error: `${warrior.name} does not assemble: ${me.errors[0]?.message}` };
  const skipped: string[] = [];
  const opponents = against.flatMap((o) => {
    const c = compile(o.source, settings, 2, 1);
    if (!c.ok) skipped.push(o.name);
    return c.ok ? [{ name: o.name, image: c.warrior }] : [];
  });
  const results = await runner.run(opponents.map((o) => ({
    warriors: [me.warrior, o.image],
    settings: marsSettings(settings),
    // The same placements for every warrior evaluated against opponent o, so curves compare.
    seed: { kind: 'seed' as const, value: 1 + rngFor(options.seed, 'heldout', o.name).int(2147483645) },
    options: { rounds: options.rounds, fullLength: options.fullLength },
  })));
  const matchups: Matchup[] = [];
  for (const [i, r] of results.entries()) {
    if (!r.ok) return { ok: false, error: `${warrior.name} vs ${opponents[i].name}: ${r.error}` };
    const [mine, theirs] = [r.warriors[0].share, r.warriors[1].share];
    const outcome = Math.abs(mine - theirs) <= EPSILON ? 'tie' : mine > theirs ? 'win' : 'loss';
    matchups.push({ opponent: opponents[i].name, outcome, fitness: mine, opponentFitness: theirs, ...r.results });
  }
  const beaten = matchups.filter((m) => m.outcome === 'win').length;
  const tied = matchups.filter((m) => m.outcome === 'tie').length;
  return {
    ok: true, generality: matchups.length ? (beaten + tied) / matchups.length : 0,
    beaten, tied, lost: matchups.length - beaten - tied, matchups, skipped,
  };
}
