// The trace build (build/mars-trace.wasm): it fights the same battles as the release build, and
// its trace of a round is that round: one event per instruction executed, each warrior's events
// are its turns, and the processes the events add and remove leave exactly the survivors alive.
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config.js';
import { loadEntrant } from '../../src/match.js';
import { createMars, createTracingMars, type SeedSpec, traceEvent, type Warrior } from '../../src/vm/mars.js';
import { firstCoverageOnly, WARRIORS } from '../support.js';

const settings = (() => {
  const r = resolveSettings({}, 3, 1);
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();
function load(...names: string[]): Warrior[] {
  return names.map((name, i) => {
    const r = loadEntrant(`${WARRIORS}/${name}.red`, settings, names.length, i);
    if (!r.ok) throw new Error(r.messages.join(''));
    return r.value.image;
  });
}

const release = createMars();
const tracing = createTracingMars();

// The melees run through the loop that counts coverage from the rings afterwards, and (above
// 32768 processes) through the one that marks it as it goes.
const battles: { warriors: string[]; seed: SeedSpec; rounds: number; fullLength?: boolean; processes?: number }[] = [
  { warriors: ['dwarf', 'scanner'], seed: { kind: 'position', value: 4000 }, rounds: 4 },
  { warriors: ['paper', 'stone'], seed: { kind: 'seed', value: 12345 }, rounds: 3 },
  { warriors: ['imp', 'dwarf'], seed: { kind: 'checksum' }, rounds: 2 },
  { warriors: ['paper', 'scanner', 'imp'], seed: { kind: 'seed', value: 777 }, rounds: 3 },
  { warriors: ['scanner', 'imp'], seed: { kind: 'position', value: 2500 }, rounds: 2, fullLength: true },
  { warriors: ['paper', 'scanner', 'imp', 'stone'], seed: { kind: 'seed', value: 4242 }, rounds: 3, fullLength: true },
  { warriors: ['paper', 'scanner', 'imp', 'stone'], seed: { kind: 'seed', value: 4242 }, rounds: 3, processes: 40000 },
];

describe('trace build', () => {
  for (const b of battles) {
    it(`${b.warriors.join(' vs ')}: same battle as the release build, every round's trace complete`, () => {
      const warriors = load(...b.warriors);
      const options = { rounds: b.rounds, fullLength: b.fullLength };
      const s = { ...settings, processes: b.processes ?? settings.processes };
      const expected = release.battle(warriors, s, b.seed, options);
      if (!expected.ok) throw new Error(expected.error);
      // Counting the first warrior's coverage alone (as evolve does) changes nothing else.
      expect(release.battle(warriors, s, b.seed, { ...options, coverage: 'first' })).toEqual(firstCoverageOnly(expected));
      for (let round = 1; round <= b.rounds; round++) {
        const traced = tracing.traceBattle(warriors, s, b.seed, { ...options, round, limit: 1 << 22 });
        if (!traced.ok) throw new Error(traced.error);
        expect(traced.result).toEqual(expected);
        const r = traced.result.rounds[round - 1];
        const { trace } = traced;
        expect(trace.truncated).toBe(false);
        expect(trace.executed).toBe(b.fullLength ? r.instructionsWithTail : r.instructions);
        expect(trace.data.length).toBe(2 * trace.executed);

        const turns = warriors.map(() => 0);
        const processes = warriors.map(() => 1);
        const covered = warriors.map(() => new Set<number>());
        let highest = 0;
        for (let i = 0; i < trace.executed; i++) {
          const e = traceEvent(trace.data, i);
          turns[e.warrior]++;
          covered[e.warrior].add(e.pc);
          processes[e.warrior] += e.queued - 1;
          highest = Math.max(highest, e.pc, e.a, e.b);
        }
        expect(highest).toBeLessThan(settings.coresize);
        expect(turns).toEqual(r.warriors.map((w) => w.turns));
        expect(covered.map((c) => c.size)).toEqual(r.warriors.map((w) => w.coverage));
        if (!b.fullLength) expect(processes.map((p) => p > 0)).toEqual(r.warriors.map((w) => w.survived));
        // The first event is the first mover's first instruction, at its start address.
        const first = traceEvent(trace.data, 0);
        expect(first.warrior).toBe(r.firstMover);
        expect(first.pc).toBe((r.warriors[r.firstMover].position + warriors[r.firstMover].start) % settings.coresize);
      }
    });
  }

  it('a trace cut at its limit says so and still counts what was executed', () => {
    const warriors = load('paper', 'stone');
    const seed: SeedSpec = { kind: 'position', value: 3000 };
    const whole = tracing.traceBattle(warriors, settings, seed, { rounds: 1, round: 1, limit: 1 << 22 });
    const cut = tracing.traceBattle(warriors, settings, seed, { rounds: 1, round: 1, limit: 10 });
    if (!whole.ok || !cut.ok) throw new Error('battle failed');
    expect(cut.trace).toMatchObject({ executed: whole.trace.executed, truncated: true });
    expect(cut.trace.data).toEqual(whole.trace.data.slice(0, 20));
    expect(cut.result).toEqual(whole.result);
  });

  it('refuses a round outside the battle', () => {
    const r = tracing.traceBattle(load('imp', 'dwarf'), settings, { kind: 'seed', value: 1 }, { rounds: 2, round: 3, limit: 100 });
    expect(r).toEqual({ ok: false, error: 'round must be 1..2' });
  });
});
