import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config.js';
import { compile } from '../../src/evolve/compile.js';
import type { Generation, Parent } from '../../src/evolve/generator.js';
import { createOfflineGenerator } from '../../src/evolve/offline.js';

const settings = (() => {
  const r = resolveSettings({ preset: 'drq' }, 2, 20);
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();
const signal = new AbortController().signal;
const sourceOf = (g: Generation): string => {
  if (!g.ok || g.source === null) throw new Error('no source');
  return g.source;
};

describe('offline generator', () => {
  it('is deterministic in (seed, round, slot) and varies across them', async () => {
    const a = createOfflineGenerator({ seed: 5, settings });
    const b = createOfflineGenerator({ seed: 5, settings });
    const one = sourceOf(await a({ kind: 'new' }, { round: 2, slot: 7, signal }));
    expect(sourceOf(await b({ kind: 'new' }, { round: 2, slot: 7, signal }))).toBe(one);
    const others = new Set<string>();
    for (let slot = 0; slot < 20; slot++) others.add(sourceOf(await a({ kind: 'new' }, { round: 2, slot, signal })));
    expect(others.size).toBeGreaterThan(10);
    const other = createOfflineGenerator({ seed: 6, settings });
    expect(sourceOf(await other({ kind: 'new' }, { round: 2, slot: 7, signal }))).not.toBe(one);
  });

  it('writes new warriors and mutations (crossover included) that assemble, within the max length', async () => {
    const generate = createOfflineGenerator({ seed: 1, settings });
    let pool: Parent[] = [];
    let assembled = 0, total = 0;
    const strategies = new Set<string>();
    for (let slot = 0; slot < 600; slot++) {
      const request = pool.length > 1 && slot % 5 !== 0
        ? { kind: 'mutate' as const, parent: pool[slot % pool.length], mate: pool[(slot * 7) % pool.length] }
        : { kind: 'new' as const };
      const source = sourceOf(await generate(request, { round: 1, slot, signal }));
      total++;
      const c = compile(source, settings);
      if (c.ok) {
        assembled++;
        expect(c.instructions.length).toBeLessThanOrEqual(settings.maxLength);
        pool.push({ id: `c${slot}`, source });
        if (pool.length > 30) pool = pool.slice(-30);
      }
      for (const kind of ['opcode', 'modifier', 'mode', 'field', 'constant', 'new line', 'deleted', 'duplicated', 'crossover'])
        if (source.includes(`: ${kind}`) || source.includes(`; ${kind}`) || source.includes(` ${kind} `)) strategies.add(kind);
    }
    expect(assembled / total).toBeGreaterThan(0.95);
    expect(strategies.size).toBeGreaterThanOrEqual(8);
  });

  it('mutates even a parent written by hand, with labels and EQU', async () => {
    const generate = createOfflineGenerator({ seed: 3, settings });
    const parent = { id: 'dwarf', source: 'step equ 4\nadd.ab #step, bomb\nmov.i bomb, @bomb\njmp -2\nbomb dat #0, #0\n' };
    const out = sourceOf(await generate({ kind: 'mutate', parent, mate: parent }, { round: 0, slot: 0, signal }));
    expect(out).toContain('mutated dwarf');
    expect(compile(out, settings).ok).toBe(true);
  });
});
