// The LLM models of --model a,b,c: the flag read into weighted models (here, apart from the
// generator, so the command line checks it without loading the LLM client), and fitness and cost
// per model, what summary.json and the report show, summed candidate by candidate as they are
// recorded (and over the log's candidates on resume).

import type { CandidateRecord } from './drq.js';

export interface WeightedModel {
  name: string;
  weight: number;
}

/**
 * "a,b" or "a:2,b:1" → models with weights (1 when not given); an error message when malformed.
 * Only a trailing ":NUMBER" is a weight, so names with colons ("llama3:8b") stay whole.
 */
export function parseModels(spec: string): WeightedModel[] | string {
  const models = spec.split(',').map((part) => {
    const m = /^\s*(.*?)\s*(?::\s*(\d+(?:\.\d+)?)\s*)?$/.exec(part)!;
    return { name: m[1], weight: m[2] === undefined ? 1 : Number(m[2]) };
  });
  if (models.some((m) => m.name === '' || !(m.weight > 0))) return `--model ${spec}: expected NAME or NAME:WEIGHT (weight > 0), separated by commas`;
  return models;
}

export interface ModelRow {
  model: string;
  candidates: number;
  /** Candidates that assembled and fought. */
  fought: number;
  /** Candidates that took an archive cell. */
  placed: number;
  /** Candidates whose first reply did not assemble and went back for repair, and those repaired. */
  repaired: number;
  fixed: number;
  meanFitness: number | null;
  bestFitness: number | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cost: number;
}

export function createModelTally() {
  const rows = new Map<string, ModelRow & { fitnessSum: number }>();
  return {
    add(c: CandidateRecord): void {
      if (!c.model) return;
      const r = rows.get(c.model) ?? {
        model: c.model, candidates: 0, fought: 0, placed: 0, repaired: 0, fixed: 0, meanFitness: null, bestFitness: null,
        promptTokens: 0, completionTokens: 0, cachedTokens: 0, cost: 0, fitnessSum: 0,
      };
      rows.set(c.model, r);
      r.candidates++;
      if (c.placed) r.placed++;
      if (c.attempts?.length) {
        r.repaired++;
        if (c.source !== null && !c.errors) r.fixed++;
      }
      if (c.fitness !== null) {
        r.fought++;
        r.fitnessSum += c.fitness;
        r.meanFitness = r.fitnessSum / r.fought;
        r.bestFitness = Math.max(r.bestFitness ?? c.fitness, c.fitness);
      }
      r.promptTokens += c.usage?.promptTokens ?? 0;
      r.completionTokens += c.usage?.completionTokens ?? 0;
      r.cachedTokens += c.usage?.cachedTokens ?? 0;
      r.cost += c.usage?.cost ?? 0;
    },
    rows: (): ModelRow[] => [...rows.values()].map(({ fitnessSum: _, ...row }) => row).sort((a, b) => a.model.localeCompare(b.model)),
  };
}
