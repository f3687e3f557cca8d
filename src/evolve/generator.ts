// The one interface behind which warriors are written: the LLM (llm-generator.ts) or the
// built-in offline generator (offline.ts). drq.ts asks; it never knows which one answers.

import type { Diagnostic } from '../lib.js';
import type { Descriptors } from './descriptors.js';
import type { BattleStats } from './fitness.js';

export interface Parent {
  id: string;
  source: string;
  /** What it did in its battle, for generators that show it (the LLM with --feedback). */
  record?: ParentRecord;
}

export interface ParentRecord {
  fitness: number;
  descriptors: Descriptors;
  stats: BattleStats;
  /** Its opponents in that battle, in the order of stats.opponents. */
  opponents: string[];
}

export type Request =
  | { kind: 'new' }
  /**
   * `mate` is a second elite for generators that cross over (the offline one); the LLM ignores it.
   * `best` is the round's fittest elite so far (shown by the LLM with --feedback).
   */
  | { kind: 'mutate'; parent: Parent; mate: Parent; best: Parent };

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens the provider served from its prompt cache (0 when it does not say). */
  cachedTokens: number;
  /** US dollars, when the price table knows the model. */
  cost: number | null;
}

/** An LLM reply whose code did not assemble and went back for repair (--repair). */
export interface Attempt {
  reply: string;
  source: string | null;
  errors: Diagnostic[] | null;
  usage: Usage;
}

/**
 * A reply, whatever it contains: `source` is null when no code could be found in it. `model` is
 * the LLM model that wrote it; `attempts` the earlier replies that went back for repair, whose
 * tokens `usage` includes.
 */
export type Generation =
  | { ok: true; reply: string; source: string | null; usage: Usage | null; model?: string; attempts?: Attempt[] }
  /** No reply. `fatal` stops the run (an invalid key); otherwise the candidate is recorded as failed. */
  | { ok: false; error: string; fatal: boolean; usage: Usage | null; model?: string; attempts?: Attempt[] };

export interface GenerateContext {
  /** DRQ round and the candidate's slot in it: generators derive their randomness from them. */
  round: number;
  slot: number;
  /** Warriors in the candidate's battle: it is assembled as the first of them. */
  warriors: number;
  signal: AbortSignal;
}

export type Generate = (request: Request, context: GenerateContext) => Promise<Generation>;
