import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createArchive, type Elite } from '../../src/evolve/archive.js';
import { CELLS } from '../../src/evolve/descriptors.js';
import { rngFor } from '../../src/evolve/random.js';

const elite = (id: string, cell: number, fitness: number): Elite => ({ id, source: '', cell, fitness });

describe('MAP-Elites archive', () => {
  it('places into an empty cell, replaces only when strictly fitter, never places −∞', () => {
    const a = createArchive();
    expect(a.sample(rngFor(1))).toBeUndefined();
    expect(a.best()).toBeUndefined();
    expect(a.place(elite('a', 3, 0.5))).toBe(true);
    expect(a.place(elite('b', 3, 0.5))).toBe(false);
    expect(a.place(elite('c', 3, 0.4))).toBe(false);
    expect(a.place(elite('d', 3, 0.6))).toBe(true);
    expect(a.place(elite('e', 7, -Infinity))).toBe(false);
    expect(a.elites().map((e) => e.id)).toEqual(['d']);
    expect(a.place(elite('f', 0, 0.1))).toBe(true);
    expect(a.best()?.id).toBe('d');
    expect(a.size()).toBe(2);
  });

  it('keeps the fittest per cell whatever the order (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: CELLS - 1 }), fc.double({ min: -5, max: 5, noNaN: true }))), (items) => {
      const a = createArchive();
      items.forEach(([cell, fitness], i) => a.place(elite(String(i), cell, fitness)));
      for (const e of a.elites()) {
        const best = Math.max(...items.filter(([c]) => c === e.cell).map(([, f]) => f));
        // Compared as numbers: -0 and 0 are equally fit, and the first placed stays.
        expect(e.fitness === best).toBe(true);
      }
      expect(a.size()).toBe(new Set(items.map(([c]) => c)).size);
    }), { examples: [[[[2, -0], [2, 0]]]] }); // a run once drew this pair
  });

  it('samples occupied cells uniformly', () => {
    const a = createArchive();
    for (const cell of [0, 9, 20, 35]) a.place(elite(String(cell), cell, cell === 35 ? 9 : 0.1));
    const counts = new Map<string, number>();
    const rng = rngFor(7, 'sample');
    for (let i = 0; i < 8000; i++) {
      const id = a.sample(rng)!.id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['0', '20', '35', '9']);
    for (const c of counts.values()) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
});
