// A candidate's fitness and behaviour from its one multi-warrior battle, as the DRQ paper
// scores it: the mean over rounds of its survival share (each cycle, the warriors alive split
// N/cycles equally; surviving alongside everyone to the end is parity, 1).

import type { BattleResult } from '../vm/mars.js';
import type { Descriptors } from './descriptors.js';

export interface BattleStats {
  rounds: number;
  /** Rounds it survived alone, survived with others, and did not survive. */
  wins: number;
  ties: number;
  losses: number;
  /** Instructions the whole battle executed (its cost). */
  instructions: number;
  /** Each round, the cycle in which it died (null: it survived). */
  died: (number | null)[];
  /** The other warriors in battle order: rounds each survived, and its mean death cycle in the others. */
  opponents: { survived: number; meanDeath: number | null }[];
}

export interface Evaluation {
  fitness: number;
  descriptors: Descriptors;
  stats: BattleStats;
}

/** Warrior `index` of `result` (the candidate is warrior 0 in evolve's battles), whose coverage was counted. */
export function evaluate(result: BattleResult, index = 0): Evaluation {
  const n = result.rounds.length;
  let spawned = 0, coverage = 0, wins = 0, ties = 0, instructions = 0;
  const died: (number | null)[] = [];
  const others = result.warriors.map(() => ({ survived: 0, deaths: 0, cycles: 0 }));
  for (const round of result.rounds) {
    for (const [i, o] of round.warriors.entries()) {
      if (o.survived) others[i].survived++;
      else { others[i].deaths++; others[i].cycles += o.deathCycle ?? 0; }
    }
    died.push(round.warriors[index].deathCycle);
    const w = round.warriors[index];
    if (w.coverage === null) throw new Error(`warrior ${index}'s coverage was not counted`);
    spawned += w.spawned;
    coverage += w.coverage;
    if (w.survived && round.survivors === 1) wins++;
    else if (w.survived) ties++;
    instructions += round.instructionsWithTail;
  }
  return {
    fitness: result.warriors[index].share,
    descriptors: { spawned: spawned / n, coverage: coverage / n },
    stats: {
      rounds: n, wins, ties, losses: n - wins - ties, instructions, died,
      opponents: others.filter((_, i) => i !== index).map((o) => ({ survived: o.survived, meanDeath: o.deaths ? Math.round(o.cycles / o.deaths) : null })),
    },
  };
}
