// How long a run still takes. A candidate's battle costs about as much as the warriors in it,
// and round r fights 1 + initial + min(r − 1, K) of them, so later rounds cost more per
// candidate than early ones: each remaining slot is weighed by its round's warriors, at the
// rate measured on the slots this process computed (slots replayed from the log cost nothing
// now). Rounds that ended early (the fitness threshold) shorten the estimate of those to come.

import type { EvolveConfig, Progress } from './drq.js';

export type RunShape = Pick<EvolveConfig, 'rounds' | 'iterations' | 'initialNew' | 'warmup' | 'history'> & { initial: number };

export interface Eta {
  /** Every slot placed, as runDrq reports it. */
  placed(p: Progress): void;
  /** A round ended with `candidates` slots placed. */
  roundEnded(round: number, candidates: number): void;
  /** Seconds still to go after `p`, or null before anything was measured. */
  remaining(p: Progress): number | null;
}

export function createEta(shape: RunShape, now: () => number = Date.now): Eta {
  const warriors = (round: number): number => 1 + shape.initial + Math.min(round - 1, shape.history);
  const fixed = (round: number): number => shape.initialNew + (shape.warmup ? warriors(round) - 1 : 0);
  let since: number | null = null;
  let units = 0;
  const used: number[] = []; // share of the iterations each ended round ran

  return {
    placed(p) {
      if (p.replayed) return;
      // The clock starts at the first computed slot, so its own cost (and start-up) is not counted.
      if (since === null) since = now();
      else units += warriors(p.round);
    },
    roundEnded(round, candidates) {
      if (shape.iterations > 0) used.push(Math.min(1, Math.max(0, (candidates - fixed(round)) / shape.iterations)));
    },
    remaining(p) {
      if (since === null || units === 0) return null;
      const share = used.length ? used.reduce((a, b) => a + b, 0) / used.length : 1;
      const slots = (round: number): number => fixed(round) + shape.iterations * share;
      let work = Math.max(0, slots(p.round) - p.slot) * warriors(p.round);
      for (let r = p.round + 1; r <= shape.rounds; r++) work += slots(r) * warriors(r);
      return ((now() - since) / 1000 / units) * work;
    },
  };
}

/** 42s, 17m, 2.5h. */
export function formatDuration(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(1)}h` : seconds >= 60 ? `${Math.round(seconds / 60)}m` : `${Math.round(seconds)}s`;
}
