import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config.js';
import { compile, marsSettings } from '../../src/evolve/compile.js';
import { bin, CELLS, cellOf, COVERAGE_EDGES, SPAWNED_EDGES } from '../../src/evolve/descriptors.js';
import { evaluate } from '../../src/evolve/fitness.js';
import { createMars, type BattleResult } from '../../src/vm/mars.js';

const settings = (() => {
  const r = resolveSettings({ preset: 'tiny' }, 3, 20);
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();
const mars = createMars();

function fight(...sources: string[]): BattleResult {
  const warriors = sources.map((s, i) => {
    const c = compile(s, settings, sources.length, i);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    return c.warrior;
  });
  const r = mars.battle(warriors, marsSettings(settings), { kind: 'seed', value: 4242 }, { rounds: 20, fullLength: true });
  if (!r.ok) throw new Error(r.error);
  return r;
}

const IMP = 'mov.i $0, $1\n';
const SUICIDE = 'dat.f #0, #0\n';
const SPLITTER = 'spl.b $0, $0\nmov.i $0, $1\n';

describe('fitness: the mean DRQ survival share', () => {
  it('is exactly 1 for each of two warriors that both survive every round (parity)', () => {
    const r = fight(IMP, IMP);
    expect(evaluate(r, 0).fitness).toBeCloseTo(1, 12);
    expect(evaluate(r, 1).fitness).toBeCloseTo(1, 12);
    expect(evaluate(r, 0).stats).toMatchObject({ rounds: 20, wins: 0, ties: 20, losses: 0 });
  });

  it('approaches N for a lone survivor whose opponents die at once', () => {
    const two = evaluate(fight(IMP, SUICIDE), 0);
    expect(two.fitness).toBeGreaterThan(1.99);
    expect(two.fitness).toBeLessThanOrEqual(2);
    expect(two.stats.wins).toBe(20);
    const three = evaluate(fight(IMP, SUICIDE, SUICIDE), 0);
    expect(three.fitness).toBeGreaterThan(2.99);
    expect(evaluate(fight(SUICIDE, IMP), 0).fitness).toBeLessThan(0.01);
  });

  it('is near 0 when everyone dies (only a lone warrior can: pMARS ends a round at one survivor)', () => {
    const alone = evaluate(fight(SUICIDE), 0);
    expect(alone.fitness).toBeGreaterThan(0);
    expect(alone.fitness).toBeLessThan(0.001);
    expect(alone.stats.losses).toBe(20);
  });

  it('sums to N over the warriors when someone is alive to the end; a suicide pair splits it by first move', () => {
    const r = fight(SUICIDE, SUICIDE);
    const a = evaluate(r, 0), b = evaluate(r, 1);
    expect(a.fitness + b.fitness).toBeCloseTo(2, 9);
    expect(a.stats.wins + a.stats.losses).toBe(20);
    const three = fight(IMP, SPLITTER, SUICIDE);
    expect([0, 1, 2].reduce((s, i) => s + evaluate(three, i).fitness, 0)).toBeCloseTo(3, 9);
  });

  it('reports spawned processes and coverage as means per round', () => {
    // fullLength: the lone survivor runs on to the cycle limit, so its counters are its own behaviour.
    const e = evaluate(fight(SPLITTER, SUICIDE), 0);
    expect(e.descriptors.spawned).toBeGreaterThan(100);
    expect(e.descriptors.coverage).toBeGreaterThan(2); // its MOV is an imp walking on
    expect(evaluate(fight(IMP, SUICIDE), 0).descriptors).toEqual({ spawned: 0, coverage: settings.coresize });
  });
});

describe('descriptors: the paper 6 × 6 grid', () => {
  it('puts each edge value in the bin above it', () => {
    expect(SPAWNED_EDGES.map((e) => bin(e, SPAWNED_EDGES))).toEqual([1, 2, 3, 4, 5]);
    expect(SPAWNED_EDGES.map((e) => bin(e - 1e-9, SPAWNED_EDGES))).toEqual([0, 1, 2, 3, 4]);
    expect(COVERAGE_EDGES.map((e) => bin(e, COVERAGE_EDGES))).toEqual([1, 2, 3, 4, 5]);
    expect(COVERAGE_EDGES.map((e) => bin(e - 0.5, COVERAGE_EDGES))).toEqual([0, 1, 2, 3, 4]);
    expect(bin(0, SPAWNED_EDGES)).toBe(0);
    expect(bin(1e9, COVERAGE_EDGES)).toBe(5);
  });

  it('numbers cells spawned-major in 0..35', () => {
    expect(cellOf({ spawned: 0, coverage: 0 })).toBe(0);
    expect(cellOf({ spawned: 0, coverage: 4000 })).toBe(5);
    expect(cellOf({ spawned: 1, coverage: 0 })).toBe(6);
    expect(cellOf({ spawned: 10000, coverage: 8000 })).toBe(CELLS - 1);
  });
});
