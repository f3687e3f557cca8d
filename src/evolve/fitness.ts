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
}

export interface Evaluation {
  fitness: number;
  descriptors: Descriptors;
  stats: BattleStats;
}

/** Warrior `index` of `result` (the candidate is warrior 0 in evolve's battles). */
export function evaluate(result: BattleResult, index = 0): Evaluation {
  const n = result.rounds.length;
  let spawned = 0, coverage = 0, wins = 0, ties = 0, instructions = 0;
  for (const round of result.rounds) {
    const w = round.warriors[index];
    spawned += w.spawned;
    coverage += w.coverage;
    if (w.survived && round.survivors === 1) wins++;
    else if (w.survived) ties++;
    instructions += round.instructionsWithTail;
  }
  return {
    fitness: result.warriors[index].share,
    descriptors: { spawned: spawned / n, coverage: coverage / n },
    stats: { rounds: n, wins, ties, losses: n - wins - ties, instructions },
  };
}
