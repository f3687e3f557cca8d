// Every line of the pMARS oracle files: fixed-position single rounds and 4-round matches.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMars, type MarsSettings } from '../../src/vm/mars.js';
import { needsShared, ORACLE } from '../support.js';
import { listing } from './listing.js';

interface OracleSettings { coresize: number; cycles: number; processes: number; maxlength: number; mindistance: number; pspacesize: number }
const toSettings = (s: OracleSettings): MarsSettings => ({
  coresize: s.coresize, cycles: s.cycles, processes: s.processes, maxLength: s.maxlength, separation: s.mindistance, pspaceSize: s.pspacesize,
});
const available = needsShared();
const lines = <T>(file: string): T[] =>
  available ? readFileSync(`${ORACLE}/${file}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T) : [];

const mars = createMars();

interface Pair { w1: string; w2: string; position: number; winner: number; instructions_executed: number; settings: OracleSettings & { first_to_move: number } }

describe.runIf(available)('human-pairs.jsonl: one round at a fixed position', () => {
  const pairs = lines<Pair>('human-pairs.jsonl');
  it.each(pairs.map((p, i) => [i, p] as const))('line %i', (_, p) => {
    const r = mars.battleAt([listing(p.w1), listing(p.w2)], toSettings(p.settings), { positions: [0, p.position], firstMover: p.settings.first_to_move - 1 });
    if (!r.ok) throw new Error(r.error);
    const round = r.rounds[0];
    const winner = round.survivors === 2 ? 0 : round.warriors[0].survived ? 1 : 2;
    expect({ winner, instructions: round.instructions }).toEqual({ winner: p.winner, instructions: p.instructions_executed });
  });
});

interface Match {
  w1: string; w2: string; seed_F: number; rounds: number; settings: OracleSettings;
  per_round: { round: number; winner: number; first_to_move: number; instructions_executed: number; position: number }[];
  results_w1: { wins: number; losses: number; ties: number };
}

describe.runIf(available)('human-multiround.jsonl: pMARS -r 4 -F N matches', () => {
  const matches = lines<Match>('human-multiround.jsonl');
  it.each(matches.map((m, i) => [i, m] as const))('line %i', (_, m) => {
    const r = mars.battle([listing(m.w1), listing(m.w2)], toSettings(m.settings), { kind: 'position', value: m.seed_F }, { rounds: m.rounds });
    if (!r.ok) throw new Error(r.error);
    const got = r.rounds.map((round) => ({
      round: round.round,
      winner: round.survivors === 2 ? 0 : round.warriors[0].survived ? 1 : 2,
      first_to_move: round.firstMover + 1,
      instructions_executed: round.instructions,
      position: round.warriors[1].position,
    }));
    expect(got).toEqual(m.per_round);
    expect(r.results).toEqual(m.results_w1);
  });
});
