// A warrior 1v1 against each warrior of a set, on two scales:
// - generality, as the DRQ paper measures it: it beats an opponent when its DRQ fitness in that
//   battle is higher, ties when equal; generality is the fraction of opponents it beats or ties;
// - score, as Core War hills (KotH) measure it: rounds won, lost and tied as pMARS counts them
//   (a round is won when only this warrior survives), 100 × (3W + T) / rounds per opponent,
//   averaged over the opponents (0 to 300; 100 ties everything).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HillSettings } from '../lib.js';
import { kothScore } from '../match.js';
import type { SeedSpec } from '../vm/mars.js';
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
  /** KotH score against this opponent: 100 × (3 × wins + ties) / rounds. */
  score: number;
}

export type Generality =
  | { ok: true; generality: number; score: number; beaten: number; tied: number; lost: number; matchups: Matchup[]; skipped: string[] }
  | { ok: false; error: string };

/** Every `*.red` file of `dir`, sorted by name, one character per byte as pMARS reads them. */
export function readWarriorDir(dir: string): { ok: true; warriors: Named[] } | { ok: false; error: string } {
  try {
    const files = readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.red')).sort();
    if (files.length === 0) return { ok: false, error: `${dir} holds no .red files` };
    return { ok: true, warriors: files.map((f) => ({ name: f, source: readFileSync(join(dir, f)).toString('latin1') })) };
  } catch (e) {
    return { ok: false, error: `cannot read ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

/** Ties within this much DRQ fitness (shares are sums of floating-point parts). */
const EPSILON = 1e-9;

export interface EvalOptions {
  rounds: number;
  /** Base of the per-opponent placement seeds, unless `placement` is given. */
  seed: number;
  fullLength: boolean;
  /** pMARS's placement for every battle (-F, -f, or an RNG state), as `drq battle` takes it. */
  placement?: SeedSpec;
  /** Called as each battle finishes (progress bars). */
  onDone?: (finished: number, total: number) => void;
}

export async function generality(warrior: Named, against: readonly Named[], settings: HillSettings, runner: BattleRunner,
  options: EvalOptions): Promise<Generality> {
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
    // Without a placement, the same placements for every warrior evaluated against opponent o, so curves compare.
    seed: options.placement ?? { kind: 'seed' as const, value: 1 + rngFor(options.seed, 'heldout', o.name).int(2147483645) },
    options: { rounds: options.rounds, fullLength: options.fullLength },
  })), options.onDone);
  const matchups: Matchup[] = [];
  for (const [i, r] of results.entries()) {
    if (!r.ok) return { ok: false, error: `${warrior.name} vs ${opponents[i].name}: ${r.error}` };
    const [mine, theirs] = [r.warriors[0].share, r.warriors[1].share];
    const outcome = Math.abs(mine - theirs) <= EPSILON ? 'tie' : mine > theirs ? 'win' : 'loss';
    const { wins, losses, ties } = r.results;
    matchups.push({ opponent: opponents[i].name, outcome, fitness: mine, opponentFitness: theirs, wins, losses, ties, score: kothScore(wins, ties, options.rounds) });
  }
  const beaten = matchups.filter((m) => m.outcome === 'win').length;
  const tied = matchups.filter((m) => m.outcome === 'tie').length;
  return {
    ok: true, generality: matchups.length ? (beaten + tied) / matchups.length : 0,
    score: matchups.length ? matchups.reduce((sum, m) => sum + m.score, 0) / matchups.length : 0,
    beaten, tied, lost: matchups.length - beaten - tied, matchups, skipped,
  };
}
