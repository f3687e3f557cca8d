// The MAP-Elites behaviour space of the DRQ paper: total spawned processes × memory coverage,
// each cut into six bins at the paper's edges, a 6 × 6 grid.

/** A value v falls in bin k when exactly k edges are ≤ v (so below the first edge is bin 0). */
export const SPAWNED_EDGES = [1, 10, 100, 1000, 10000] as const;
export const COVERAGE_EDGES = [10, 100, 500, 1000, 4000] as const;
export const BINS = SPAWNED_EDGES.length + 1;
export const CELLS = BINS * BINS;

export interface Descriptors {
  /** Successful SPLs per battle round, averaged over the battle's rounds (the paper's "tsp"). */
  spawned: number;
  /** Distinct addresses executed per battle round, averaged likewise (the paper's "mc"). */
  coverage: number;
}

export function bin(value: number, edges: readonly number[]): number {
  let k = 0;
  while (k < edges.length && value >= edges[k]) k++;
  return k;
}

/** The cell's index in 0..CELLS-1: spawned bin × BINS + coverage bin. */
export const cellOf = (d: Descriptors): number => bin(d.spawned, SPAWNED_EDGES) * BINS + bin(d.coverage, COVERAGE_EDGES);
