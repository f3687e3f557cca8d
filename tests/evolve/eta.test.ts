// The ETA of drq evolve: later rounds fight more champions, so a candidate there costs more;
// the rate is what this process measured, and slots replayed from the log count for nothing.

import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/evolve/drq.js';
import { createEta, formatDuration } from '../../src/evolve/eta.js';

const shape = { rounds: 4, iterations: 10, initialNew: 2, warmup: false, history: 20, initial: 1 };
const at = (round: number, slot: number, replayed = false): Progress => ({
  round, slot, slots: 12, best: null, cells: 0, promptTokens: 0, completionTokens: 0, cost: 0, candidates: 0, replayed,
});

describe('the evolve ETA', () => {
  it('weighs each remaining slot by the warriors its round fights, at the measured rate', () => {
    let now = 0;
    const eta = createEta(shape, () => now);
    expect(eta.remaining(at(1, 0))).toBeNull();
    eta.placed(at(1, 1)); // starts the clock
    for (let slot = 2; slot <= 12; slot++) {
      now += 2000; // round 1: 2 warriors, 1 s per warrior-slot
      eta.placed(at(1, slot));
    }
    eta.roundEnded(1, 12);
    // Rounds 2, 3, 4 fight 3, 4, 5 warriors, 12 slots each: (3 + 4 + 5) × 12 s.
    expect(eta.remaining(at(1, 12))).toBeCloseTo(144);
    // A linear extrapolation would say 3 rounds × 22 s = 66 s.
  });

  it('ignores replayed slots and shortens rounds that end early', () => {
    let now = 0;
    const eta = createEta({ ...shape, rounds: 3 }, () => now);
    for (let slot = 1; slot <= 12; slot++) eta.placed(at(1, slot, true));
    expect(eta.remaining(at(1, 12))).toBeNull();
    eta.roundEnded(1, 7); // the threshold ended round 1 after half its iterations
    eta.placed(at(2, 1));
    now += 3000;
    eta.placed(at(2, 2)); // 3 warriors in 3 s: 1 s per warrior-slot
    // Round 2: 2 + 5 − 2 = 5 slots left × 3; round 3: 7 slots × 4.
    expect(eta.remaining(at(2, 2))).toBeCloseTo(15 + 28);
  });

  it('prints durations as seconds, minutes or hours', () => {
    expect([42, 150, 9000].map(formatDuration)).toEqual(['42s', '3m', '2.5h']);
  });
});
