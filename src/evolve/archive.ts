// One round's MAP-Elites archive: at most one elite per behaviour cell, the fittest seen there.

import { CELLS } from './descriptors.js';
import type { Rng } from './random.js';

export interface Elite {
  id: string;
  source: string;
  fitness: number;
  cell: number;
}

export interface Archive {
  /** Takes the cell if it is empty or the elite is strictly fitter than its occupant. */
  place(elite: Elite): boolean;
  /** A uniformly chosen occupied cell's elite; undefined while the archive is empty. */
  sample(rng: Rng): Elite | undefined;
  /** The fittest elite (the lowest cell wins a tie); undefined while empty. */
  best(): Elite | undefined;
  /** Occupied cells. */
  size(): number;
  /** Occupied cells in cell order. */
  elites(): Elite[];
}

export function createArchive(): Archive {
  const cells: (Elite | undefined)[] = new Array(CELLS).fill(undefined);
  const elites = (): Elite[] => cells.filter((e): e is Elite => e !== undefined);
  return {
    place(elite) {
      if (!Number.isFinite(elite.fitness)) return false;
      const current = cells[elite.cell];
      if (current && elite.fitness <= current.fitness) return false;
      cells[elite.cell] = elite;
      return true;
    },
    sample(rng) {
      const occupied = elites();
      return occupied.length ? rng.pick(occupied) : undefined;
    },
    best() {
      return elites().reduce<Elite | undefined>((b, e) => (!b || e.fitness > b.fitness ? e : b), undefined);
    },
    size: () => elites().length,
    elites,
  };
}
