// The one interface behind which warriors are written: the LLM (llm-generator.ts) or the
// built-in offline generator (offline.ts). drq.ts asks; it never knows which one answers.

export interface Parent {
  id: string;
  source: string;
}

export type Request =
  | { kind: 'new' }
  /** `mate` is a second elite for generators that cross over (the offline one); the LLM ignores it. */
  | { kind: 'mutate'; parent: Parent; mate: Parent };

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** US dollars, when the price table knows the model. */
  cost: number | null;
}

/** A reply, whatever it contains: `source` is null when no code could be found in it. */
export type Generation =
  | { ok: true; reply: string; source: string | null; usage: Usage | null }
  /** No reply. `fatal` stops the run (an invalid key); otherwise the candidate is recorded as failed. */
  | { ok: false; error: string; fatal: boolean; usage: Usage | null };

export interface GenerateContext {
  /** DRQ round and the candidate's slot in it: offline generators derive their randomness from them. */
  round: number;
  slot: number;
  signal: AbortSignal;
}

export type Generate = (request: Request, context: GenerateContext) => Promise<Generation>;
