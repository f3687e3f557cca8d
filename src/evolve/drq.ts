// The Digital Red Queen (Kumar et al. 2026): round t fills its own MAP-Elites archive with
// warriors scored against the initial opponents plus the last K champions; the archive's best
// becomes champion t and joins the opponents. One candidate, straight through:
//   plan (new, or mutate a uniformly sampled elite) → generate → compile → battle → evaluate → place → record.
//
// Candidates of a round occupy numbered slots: `initialNew` new warriors, the warm-up (initial
// opponents and past champions re-evaluated), then `iterations` iterations. Up to `concurrency`
// slots are in flight; they are placed and recorded strictly in slot order, and slot s is planned
// right after slot s − concurrency is placed. So what a slot sees (archive, parent, random
// stream rngFor(seed, round, slot)) does not depend on timing, and replaying the log of a killed
// run reaches the same state exactly: --resume reuses logged slots and continues at the first
// missing one. Iterations stop starting once the best fitness exceeds the threshold (the warm-up
// always runs, as the paper's code checks only before each iteration). The threshold is on the
// paper's scale: its code compares the raw survival share (fitness ÷ warriors in the battle),
// so 0.8 means "holds 80% of the battle"; on the parity-1 scale a mere tie would already pass.

import { setMaxListeners } from 'node:events';
import type { Diagnostic, HillSettings } from '../lib.js';
import type { BattleJob } from '../vm/runner.js';
import type { BattleResult, MarsError, Warrior } from '../vm/mars.js';
import { createArchive, type Elite } from './archive.js';
import { compile, marsSettings } from './compile.js';
import { cellOf, type Descriptors } from './descriptors.js';
import { type BattleStats, evaluate } from './fitness.js';
import type { Attempt, Generate, Parent, Request, Usage } from './generator.js';
import { rngFor } from './random.js';

export interface EvolveConfig {
  rounds: number;
  iterations: number;
  /** New warriors written at each round's start (the paper's n_init). */
  initialNew: number;
  /** Re-evaluate the initial opponents and the past K champions at each round's start. */
  warmup: boolean;
  newProb: number;
  /** K: how many of the latest champions fight each candidate. */
  history: number;
  battleRounds: number;
  /** Early stop once the best fitness ÷ warriors in the battle exceeds this (the paper's scale). */
  fitnessThreshold: number;
  /** See BattleOptions.fullLength: counters include a lone survivor's run to the cycle limit. */
  fullLength: boolean;
  seed: number;
  concurrency: number;
  /** Stop starting candidates once the recorded cost reaches this many dollars. */
  maxCost: number | null;
  settings: HillSettings;
}

/** A warrior given to the run: an initial opponent. */
export interface Opponent {
  id: string;
  source: string;
}

export type Phase = 'new' | 'warmup' | 'iteration';

/** One line of candidates.jsonl. fitness null is −∞ (nothing to fight with). */
export interface CandidateRecord {
  id: string;
  parent: string | null;
  mate: string | null;
  round: number;
  slot: number;
  /** The iteration number within the round; null in the new/warm-up phases. */
  iteration: number | null;
  phase: Phase;
  generator: string;
  prompt: Request['kind'] | null;
  reply: string | null;
  source: string | null;
  errors: Diagnostic[] | null;
  error: string | null;
  fitness: number | null;
  descriptors: Descriptors | null;
  cell: number | null;
  stats: BattleStats | null;
  placed: boolean;
  /** Tokens and cost, repairs included. */
  usage: Usage | null;
  /** The LLM model that wrote it (null: not an LLM). */
  model?: string | null;
  /** Earlier replies that did not assemble and went back for repair (--repair). */
  attempts?: Attempt[] | null;
}

export interface RoundEnd {
  round: number;
  champion: CandidateRecord | null;
  archive: Elite[];
  candidates: number;
}

export interface Progress {
  /** Rounds count from 1. */
  round: number;
  slot: number;
  slots: number;
  best: number | null;
  cells: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cost: number;
  candidates: number;
  /** The slot just placed came from the log of an earlier process (it cost no work now). */
  replayed: boolean;
}

/** What writing to the run directory gave: a failure (a full disk) stops the run, resumably. */
export type Saved = { ok: true } | { ok: false; error: string };

export interface Collaborators {
  generate: Generate;
  /** Name recorded for generated candidates ("offline", "llm:gpt-4.1-mini"). */
  generatorName: string;
  battle: (job: BattleJob) => Promise<BattleResult | MarsError>;
  record: (candidate: CandidateRecord) => Saved;
  endRound: (end: RoundEnd) => Promise<Saved>;
  progress?: (p: Progress) => void;
  /** Aborted to stop cleanly: no new candidates start, those in flight are finished and recorded. */
  stop?: AbortSignal;
}

export type Outcome =
  | { ok: true; completed: boolean; reason: string | null; champions: CandidateRecord[] }
  | { ok: false; error: string };

const NEG_INF = Number.NEGATIVE_INFINITY;

export async function runDrq(config: EvolveConfig, initial: Opponent[], io: Collaborators, log: CandidateRecord[] = []): Promise<Outcome> {
  const logged = new Map(log.map((c) => [`${c.round}/${c.slot}`, c]));
  const spent = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, cost: 0, candidates: 0 };
  const count = (u: Usage | null): void => {
    spent.candidates++;
    if (!u) return;
    spent.promptTokens += u.promptTokens;
    spent.completionTokens += u.completionTokens;
    spent.cachedTokens += u.cachedTokens ?? 0;
    spent.cost += u.cost ?? 0;
  };
  const champions: CandidateRecord[] = [];
  let stopReason: string | null = null;
  const stopping = (): boolean => {
    if (stopReason) return true;
    if (io.stop?.aborted) stopReason = 'interrupted';
    else if (config.maxCost !== null && spent.cost >= config.maxCost) stopReason = `cost reached $${spent.cost.toFixed(4)} (--max-cost ${config.maxCost})`;
    return stopReason !== null;
  };
  const requests = new AbortController();
  // Every request in flight (and each of its retries) listens on this one signal.
  setMaxListeners(0, requests.signal);

  for (let round = 1; round <= config.rounds; round++) {
    const opponents = [...initial, ...champions.slice(-config.history).map((c) => ({ id: c.id, source: c.source! }))];
    const n = opponents.length + 1;
    const images: Warrior[] = [];
    for (const [i, o] of opponents.entries()) {
      const c = compile(o.source, config.settings, n, i + 1);
      if (!c.ok) return { ok: false, error: `opponent ${o.id} does not assemble as warrior ${i + 2} of ${n}: ${c.errors[0]?.message}` };
      images.push(c.warrior);
    }
    const warm = config.warmup ? opponents : [];
    const mainStart = config.initialNew + warm.length;
    const slots = mainStart + config.iterations;
    const archive = createArchive();
    const pending: Promise<CandidateRecord | 'fatal'>[] = [];
    let fatal: string | null = null;
    // Placed candidates by id: what an elite did in its battle, shown to generators that ask.
    const placedRecords = new Map<string, CandidateRecord>();
    const withRecord = (e: Parent): Parent => {
      const r = placedRecords.get(e.id);
      return r?.stats ? { ...e, record: { fitness: r.fitness!, descriptors: r.descriptors!, stats: r.stats, opponents: opponents.map((o) => o.id) } } : e;
    };

    const candidate = async (slot: number): Promise<CandidateRecord | 'fatal'> => {
      const rng = rngFor(config.seed, 'plan', round, slot);
      const base = {
        id: `r${round}s${slot}`, round, slot, iteration: slot >= mainStart ? slot - mainStart : null,
        phase: (slot < config.initialNew ? 'new' : slot < mainStart ? 'warmup' : 'iteration') as Phase,
        mate: null, reply: null, source: null, errors: null, error: null, fitness: null, descriptors: null,
        cell: null, stats: null, placed: false, usage: null,
      };
      let record: CandidateRecord;
      if (base.phase === 'warmup') {
        const o = warm[slot - config.initialNew];
        record = { ...base, parent: o.id, generator: 'warmup', prompt: null, source: o.source };
      } else {
        const parent = base.phase === 'iteration' && !rng.chance(config.newProb) ? archive.sample(rng) : undefined;
        const request: Request = parent
          ? { kind: 'mutate', parent: withRecord(parent), mate: archive.sample(rng)!, best: withRecord(archive.best()!) }
          : { kind: 'new' };
        const g = await io.generate(request, { round, slot, warriors: n, signal: requests.signal });
        if (!g.ok && g.fatal) {
          fatal = g.error;
          return 'fatal';
        }
        record = {
          ...base, parent: parent?.id ?? null, mate: request.kind === 'mutate' ? request.mate.id : null,
          generator: io.generatorName, prompt: request.kind, usage: g.usage, model: g.model ?? null, attempts: g.attempts ?? null,
          ...(g.ok ? { reply: g.reply, source: g.source, error: g.source === null ? 'no Redcode found in the reply' : null } : { error: g.error }),
        };
      }
      if (record.source === null) return record;
      const c = compile(record.source, config.settings, n, 0);
      if (!c.ok) return { ...record, errors: c.errors };
      const result = await io.battle({
        warriors: [c.warrior, ...images],
        settings: marsSettings(config.settings),
        seed: { kind: 'seed', value: 1 + rngFor(config.seed, 'battle', round, slot).int(2147483645) },
        options: { rounds: config.battleRounds, fullLength: config.fullLength, coverage: 'first' },
      });
      if (!result.ok) return { ...record, error: `battle: ${result.error}` };
      const e = evaluate(result, 0);
      return { ...record, fitness: e.fitness, descriptors: e.descriptors, cell: cellOf(e.descriptors), stats: e.stats };
    };

    const best = (): number => archive.best()?.fitness ?? NEG_INF;
    const dominated = (): boolean => best() / n > config.fitnessThreshold;
    let next = 0;
    let placed = 0;
    const fill = (): void => {
      while (next < slots && next < placed + config.concurrency && !fatal) {
        if (next >= mainStart && (dominated() || stopping())) return;
        if (next < mainStart && stopping()) return;
        const known = logged.get(`${round}/${next}`);
        pending.push(known ? Promise.resolve(known) : candidate(next));
        next++;
      }
    };
    fill();
    while (placed < next) {
      const c = await pending[placed];
      if (c !== 'fatal' && !fatal) {
        const isNew = !logged.has(`${round}/${c.slot}`);
        const elite = c.fitness === null ? undefined : { id: c.id, source: c.source!, fitness: c.fitness, cell: c.cell! };
        const wasPlaced = elite ? archive.place(elite) : false;
        if (wasPlaced) placedRecords.set(c.id, c);
        const saved: Saved = isNew ? io.record({ ...c, placed: wasPlaced }) : { ok: true };
        if (saved.ok) {
          count(c.usage);
          placed++;
          io.progress?.({ round, slot: placed, slots, best: archive.best()?.fitness ?? null, cells: archive.size(), ...spent, replayed: !isNew });
          fill();
          continue;
        }
        fatal = saved.error;
      }
      // A fatal generator error or an unwritable log: what is in flight is abandoned (a resume redoes it).
      stopReason = fatal ?? 'the generator failed';
      requests.abort();
      await Promise.allSettled(pending);
      break;
    }
    const finished = !fatal && (next === slots || (next >= mainStart && dominated() && placed === next));
    if (!finished) return { ok: true, completed: false, reason: stopReason ?? 'stopped', champions };
    const top = archive.best();
    const champion = top ? (await Promise.all(pending)).find((c): c is CandidateRecord => c !== 'fatal' && c.id === top.id) ?? null : null;
    if (champion) champions.push(champion);
    const saved = await io.endRound({ round, champion, archive: archive.elites(), candidates: placed });
    if (!saved.ok) return { ok: true, completed: false, reason: saved.error, champions };
  }
  return { ok: true, completed: true, reason: null, champions };
}
