// A battle as the viewer replays it: fought again for each requested round (rounds before it decide its placement and P-space) on the trace build of the
// VM, with that round's event trace, and turned into what the page needs (JSON-friendly; the
// events as base64 of their little-endian u32 pairs, so a long round stays compact).

import type { HillSettings } from '../config.js';
import { displayText } from '../lib.js';
import { OPCODES, type OpcodeName } from '../redcode/index.js';
import { createTracingMars, type MarsError, type SeedSpec, type Warrior } from '../vm/mars.js';

/** Opcodes that write core[WPB] (the page colours that cell as written). */
const WRITING: readonly OpcodeName[] = ['MOV', 'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'DJN', 'LDP'];

export interface ReplayRound {
  ok: true;
  settings: HillSettings;
  seed: number | null;
  warriors: { name: string; author: string; length: number; start: number }[];
  /** pMARS's scores over the battle; winner = the seat with the unique best score, null on a tie. */
  battle: { scores: number[]; winner: number | null; results: { wins: number; losses: number; ties: number } };
  round: {
    round: number;
    firstMover: number;
    positions: number[];
    survived: boolean[];
    /** Instructions executed in the round; more than the events carried if truncated. */
    executed: number;
    truncated: boolean;
    events: string;
  };
  opcodes: readonly string[];
  writing: number[];
}

export interface Replay {
  rounds: number;
  round(n: number): ReplayRound | MarsError;
}

/** The best score's seat, or null when two or more share it. */
export function winnerOf(scores: readonly number[]): number | null {
  const best = Math.max(...scores);
  return scores.filter((s) => s === best).length === 1 ? scores.indexOf(best) : null;
}

/** `limit` caps the events kept per round (8 bytes each); the round itself always runs to its end. */
export function createReplay(warriors: Warrior[], settings: HillSettings, seed: SeedSpec, limit: number): Replay {
  const mars = createTracingMars();
  const writing = WRITING.map((name) => OPCODES.indexOf(name));

  function fight(n: number): ReplayRound | MarsError {
    const traced = mars.traceBattle(warriors, settings, seed, { rounds: settings.rounds, round: n, limit });
    if (!traced.ok) return traced;
    const { result, trace } = traced;
    const r = result.rounds[n - 1];
    const scores = result.warriors.map((w) => w.score);
    return {
      ok: true,
      settings,
      seed: result.seed,
      warriors: warriors.map((w) => ({ name: displayText(w.name), author: displayText(w.author), length: w.image.length / 3, start: w.start })),
      battle: { scores, winner: winnerOf(scores), results: result.results },
      round: {
        round: n,
        firstMover: r.firstMover,
        positions: r.warriors.map((w) => w.position),
        survived: r.warriors.map((w) => w.survived),
        executed: trace.executed,
        truncated: trace.truncated,
        events: Buffer.from(trace.data.buffer, trace.data.byteOffset, trace.data.byteLength).toString('base64'),
      },
      opcodes: OPCODES,
      writing,
    };
  }

  return {
    rounds: settings.rounds,
    round(n) {
      if (!Number.isSafeInteger(n) || n < 1 || n > settings.rounds) return { ok: false, error: `round must be 1..${settings.rounds}` };
      return fight(n);
    },
  };
}
