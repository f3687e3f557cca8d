import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config.js';
import { compile, marsSettings } from '../../src/evolve/compile.js';
import type { Generation, Parent } from '../../src/evolve/generator.js';
import { createOfflineGenerator } from '../../src/evolve/offline.js';
import { rngFor } from '../../src/evolve/random.js';
import { CLEARING } from '../../src/evolve/clears.js';
import { BLOCKS, drawer, impSteps, optimaSteps } from '../../src/evolve/strategies.js';
import { createMars } from '../../src/vm/mars.js';
import { quickscan } from '../../src/evolve/qscan.js';
import { OPCODES } from '../../src/lib.js';

const preset = (name: string) => {
  const r = resolveSettings({ preset: name }, 2, 20);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const settings = preset('drq');
const signal = new AbortController().signal;
const sourceOf = (g: Generation): string => {
  if (!g.ok || g.source === null) throw new Error('no source');
  return g.source;
};

describe('offline generator', () => {
  it('is deterministic in (seed, round, slot) and varies across them', async () => {
    const a = createOfflineGenerator({ seed: 5, settings });
    const b = createOfflineGenerator({ seed: 5, settings });
    const one = sourceOf(await a({ kind: 'new' }, { round: 2, slot: 7, warriors: 2, signal }));
    expect(sourceOf(await b({ kind: 'new' }, { round: 2, slot: 7, warriors: 2, signal }))).toBe(one);
    const others = new Set<string>();
    for (let slot = 0; slot < 20; slot++) others.add(sourceOf(await a({ kind: 'new' }, { round: 2, slot, warriors: 2, signal })));
    expect(others.size).toBeGreaterThan(10);
    const other = createOfflineGenerator({ seed: 6, settings });
    expect(sourceOf(await other({ kind: 'new' }, { round: 2, slot: 7, warriors: 2, signal }))).not.toBe(one);
    // Mutations too: the same parent and mate in the same slot give the same child.
    const parent = { id: 'p', source: one };
    const mate = { id: 'm', source: [...others][3] };
    const request = { kind: 'mutate' as const, parent, mate, best: parent };
    expect(sourceOf(await a(request, { round: 3, slot: 1, warriors: 2, signal }))).toBe(sourceOf(await b(request, { round: 3, slot: 1, warriors: 2, signal })));
  });

  it('every template assembles on the paper\'s hill, with optima steps of the right mod and imp steps that close the spiral', () => {
    const draw = drawer(settings);
    for (const [role, templates] of Object.entries(BLOCKS)) {
      for (const [i, template] of templates.entries()) {
        for (let k = 0; k < 20; k++) {
          const text = template(rngFor(1, role, i, k), draw);
          const c = compile(text, settings);
          expect(c.ok, `${role} template ${i}:\n${text}`).toBe(true);
        }
      }
    }
    for (const mod of [4, 5, 8]) {
      const steps = optimaSteps(8000, mod, 200);
      expect(steps.length).toBeGreaterThan(10);
      for (const s of steps) expect([s % mod, 8000 % s === 0 || s < 200]).toEqual([0, false]);
    }
    // The classic mod-4 optimum for core 8000 is among them.
    expect(optimaSteps(8000, 4, 200)).toContain(3364);
    for (const { points, step } of impSteps(8000)) expect((points * step) % 8000).toBe(1);
    expect(impSteps(8000)[0]).toEqual({ points: 3, step: 2667 });
  });

  it('the clearing templates kill a sitter in every round and never die: their attack stops short of their own code, their clear spares it', () => {
    const mars = createMars();
    const draw = drawer(settings);
    const sitter = compile('jmp.b $0, $0\n', settings, 2, 1);
    if (!sitter.ok) throw new Error('sitter');
    for (const [role, templates] of Object.entries(CLEARING)) {
      for (const [i, template] of templates.entries()) {
        for (let k = 0; k < 3; k++) {
          const text = template(rngFor(4, role, i, k), draw);
          const c = compile(text, settings, 2, 0);
          if (!c.ok) throw new Error(text);
          const r = mars.battle([c.warrior, sitter.warrior], marsSettings(settings), { kind: 'seed', value: 77 + k }, { rounds: 10 });
          if (!r.ok) throw new Error(r.error);
          expect(r.results, `${role} ${i}:\n${text}`).toEqual({ wins: 10, losses: 0, ties: 0 });
        }
      }
    }
  });

  it('the quickscan bombs the probe it found occupied: a sitter on any probe dies under its DAT bombs', () => {
    const mars = createMars();
    const draw = drawer(settings);
    const sitter = compile('jmp.b $0, $0\n', settings, 2, 1);
    if (!sitter.ok) throw new Error('sitter');
    let checked = 0;
    for (let k = 0; checked < 12; k++) {
      const text = quickscan(rngFor(6, 'qscan', k), draw);
      const c = compile(text, settings, 2, 0);
      if (!c.ok) throw new Error(text);
      // A SPL bomb stuns rather than kills; the DAT ones must kill what they land on.
      if (c.instructions.at(-3)!.opcode !== OPCODES.indexOf('DAT')) continue;
      const probes = c.instructions.flatMap((i, at) => (i.opcode === OPCODES.indexOf('SEQ') ? [(at + i.bNumber) % settings.coresize] : []));
      expect(probes.length).toBeGreaterThanOrEqual(4);
      for (const position of [probes[0], probes.at(-1)!]) {
        const r = mars.battle([c.warrior, sitter.warrior], marsSettings(settings), { kind: 'position', value: position }, { rounds: 1 });
        if (!r.ok) throw new Error(r.error);
        expect(r.results, `sitter at ${position}:\n${text}`).toEqual({ wins: 1, losses: 0, ties: 0 });
      }
      checked++;
    }
  });

  for (const name of ['drq', 'tiny', 'nano']) {
    it(`on the ${name} hill, writes new warriors and structure-respecting mutations that assemble (all of them), within the max length`, async () => {
      const hill = preset(name);
      const generate = createOfflineGenerator({ seed: 1, settings: hill });
      let pool: Parent[] = [];
      let assembled = 0, total = 0;
      const seen = new Set<string>();
      for (let slot = 0; slot < 600; slot++) {
        const request = pool.length > 1 && slot % 5 !== 0
          ? { kind: 'mutate' as const, parent: pool[slot % pool.length], mate: pool[(slot * 7) % pool.length], best: pool[0] }
          : { kind: 'new' as const };
        const source = sourceOf(await generate(request, { round: 1, slot, warriors: 2, signal }));
        total++;
        const c = compile(source, hill);
        if (c.ok) {
          assembled++;
          expect(c.instructions.length).toBeLessThanOrEqual(hill.maxLength);
          pool.push({ id: `c${slot}`, source });
          if (pool.length > 30) pool = pool.slice(-30);
        }
        const strategy = /;strategy (.*)/.exec(source)![1];
        for (const kind of ['new bomber', 'new paper', 'new scanner', 'new clear', 'new vampire', 'new qscan', '+ imp', 'step ', 'a decoy', 'imp launcher', 'redrew', 'crossover', 'runs first', 'switched to', 'a constant'])
          if (strategy.includes(kind)) seen.add(kind);
      }
      expect(assembled / total).toBe(1);
      if (name === 'drq') expect([...seen].sort()).toEqual(['+ imp', 'a constant', 'a decoy', 'crossover', 'imp launcher', 'new bomber', 'new clear', 'new paper', 'new qscan', 'new scanner', 'new vampire', 'redrew', 'runs first', 'step ', 'switched to']);
    });
  }

  it('reads its own blocks back: a child keeps its parent\'s structure, and crossover exchanges whole blocks', async () => {
    const generate = createOfflineGenerator({ seed: 2, settings });
    const news: string[] = [];
    for (let slot = 0; news.length < 2; slot++) {
      const s = sourceOf(await generate({ kind: 'new' }, { round: 1, slot, warriors: 2, signal }));
      if (/;strategy new (decoy \+ )?bomber \+ imp/.test(s) && !news.length) news.push(s);
      if (/;strategy new (decoy \+ )?paper$/m.test(s) && news.length === 1) news.push(s);
    }
    const blocks = (s: string): string[] => [...s.matchAll(/^;block (\w+)/gm)].map((m) => m[1]).filter((r) => r !== 'decoy');
    const body = (s: string, role: string): string => s.split(`;block ${role}`)[1].split(/\n;|\n\s+end/)[0].replace(/^ \d+\n/, '');
    let crossed = false;
    for (let slot = 0; slot < 200; slot++) {
      const child = sourceOf(await generate({ kind: 'mutate', parent: { id: 'a', source: news[0] }, mate: { id: 'b', source: news[1] }, best: { id: 'a', source: news[0] } }, { round: 2, slot, warriors: 2, signal }));
      expect(compile(child, settings).ok).toBe(true);
      if (/;strategy mutated a: crossover: the mate's paper block added$/m.test(child)) {
        crossed = true;
        expect(blocks(child)).toEqual(['bomber', 'imp', 'paper']);
        expect(body(child, 'paper')).toBe(body(news[1], 'paper'));
      }
    }
    expect(crossed).toBe(true);
  });

  it('mutates even a parent written by hand, with labels and EQU', async () => {
    const generate = createOfflineGenerator({ seed: 3, settings });
    const parent = { id: 'dwarf', source: 'step equ 4\nadd.ab #step, bomb\nmov.i bomb, @bomb\njmp -2\nbomb dat #0, #0\n' };
    const out = sourceOf(await generate({ kind: 'mutate', parent, mate: parent, best: parent }, { round: 0, slot: 0, warriors: 2, signal }));
    expect(out).toContain('mutated dwarf');
    expect(compile(out, settings).ok).toBe(true);
  });
});
