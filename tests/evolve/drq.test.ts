import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config.js';
import { type CandidateRecord, type Collaborators, type EvolveConfig, runDrq, type RoundEnd } from '../../src/evolve/drq.js';
import type { Generate } from '../../src/evolve/generator.js';
import { createOfflineGenerator } from '../../src/evolve/offline.js';
import { createLocalRunner } from '../../src/vm/runner.js';

const settings = (() => {
  const r = resolveSettings({ preset: 'tiny' }, 8, 0);
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();
const config: EvolveConfig = {
  rounds: 4, iterations: 24, initialNew: 4, warmup: true, newProb: 0.1, history: 20, battleRounds: 6,
  fitnessThreshold: 0.8, fullLength: true, seed: 11, concurrency: 3, maxCost: null, settings,
};
const IMP = { id: 'init:imp', source: ';name Imp\nmov.i $0, $1\n' };
const runner = createLocalRunner();

function collaborators(over: Partial<Collaborators> = {}) {
  const records: CandidateRecord[] = [];
  const rounds: RoundEnd[] = [];
  const io: Collaborators = {
    generate: createOfflineGenerator({ seed: config.seed, settings }),
    generatorName: 'offline',
    battle: async (job) => (await runner.run([job]))[0],
    record: (c) => { records.push(c); return { ok: true }; },
    endRound: async (end) => { rounds.push(end); return { ok: true }; },
    ...over,
  };
  return { io, records, rounds };
}

describe('the DRQ loop (tiny settings, offline generator)', () => {
  it('runs every round, records each candidate once in slot order, and crowns a champion per round', async () => {
    const { io, records, rounds } = collaborators();
    const out = await runDrq(config, [IMP], io);
    expect(out).toMatchObject({ ok: true, completed: true });
    expect(rounds.map((r) => r.round)).toEqual([1, 2, 3, 4]);
    for (const r of rounds) {
      const mine = records.filter((c) => c.round === r.round);
      expect(mine.map((c) => c.slot)).toEqual(mine.map((_, i) => i));
      expect(r.champion).not.toBeNull();
      expect(r.champion!.fitness).toBe(Math.max(...mine.map((c) => c.fitness ?? -Infinity)));
      expect(mine.filter((c) => c.phase === 'warmup')).toHaveLength(r.round); // the imp + the r − 1 champions so far
      // A round ends early only once a candidate holds more than the threshold's share of its
      // battle (the imp, the r − 1 champions so far and itself: r + 1 warriors).
      if (mine.length < config.initialNew + r.round + config.iterations) expect(r.champion!.fitness / (r.round + 1)).toBeGreaterThan(config.fitnessThreshold);
    }
    expect(new Set(records.map((c) => c.id)).size).toBe(records.length);
    const generated = records.filter((c) => c.generator === 'offline');
    expect(generated.filter((c) => c.fitness !== null).length / generated.length).toBeGreaterThan(0.9);
    expect(records.some((c) => c.prompt === 'mutate' && c.parent !== null)).toBe(true);
  });

  it('is deterministic, and a run resumed from any prefix of its log ends exactly as the uninterrupted run', async () => {
    const whole = collaborators();
    await runDrq(config, [IMP], whole.io);
    const again = collaborators();
    await runDrq(config, [IMP], again.io);
    expect(again.records).toEqual(whole.records);
    for (const k of [0, 1, 5, 13, Math.floor(whole.records.length / 2), whole.records.length - 1]) {
      const resumed = collaborators();
      const out = await runDrq(config, [IMP], resumed.io, whole.records.slice(0, k));
      expect(out).toMatchObject({ ok: true, completed: true });
      expect([...whole.records.slice(0, k), ...resumed.records]).toEqual(whole.records);
      expect(resumed.rounds.map((r) => r.champion?.id)).toEqual(whole.rounds.map((r) => r.champion?.id));
    }
  });

  it('stops cleanly on request, finishing and recording what is in flight, and resumes from there', async () => {
    const whole = collaborators();
    await runDrq(config, [IMP], whole.io);
    const stop = new AbortController();
    const first = collaborators({ stop: stop.signal });
    const record = first.io.record;
    first.io.record = (c) => {
      const saved = record(c);
      if (first.records.length === 20) stop.abort();
      return saved;
    };
    const out = await runDrq(config, [IMP], first.io);
    expect(out).toMatchObject({ ok: true, completed: false, reason: 'interrupted' });
    expect(first.records.length).toBeGreaterThanOrEqual(20);
    expect(first.records.length).toBeLessThanOrEqual(20 + config.concurrency);
    const rest = collaborators();
    await runDrq(config, [IMP], rest.io, first.records);
    expect([...first.records, ...rest.records]).toEqual(whole.records);
  });

  it('records replies without code and failed requests as −∞, and stops at once on a fatal generator error', async () => {
    let calls = 0;
    const generate: Generate = async () => {
      calls++;
      if (calls === 2) return { ok: true, reply: 'I cannot write Redcode today.', source: null, usage: null };
      if (calls === 3) return { ok: true, reply: '```\nmov.i $0, $\n```', source: 'mov.i $0, $\n', usage: null };
      if (calls === 4) return { ok: false, error: 'timed out', fatal: false, usage: null };
      if (calls === 6) return { ok: false, error: 'invalid API key', fatal: true, usage: null };
      return { ok: true, reply: 'mov.i $0, $1', source: 'mov.i $0, $1\n', usage: { promptTokens: 10, completionTokens: 5, cost: 0.001 } };
    };
    const { io, records } = collaborators({ generate, generatorName: 'llm:test' });
    const out = await runDrq({ ...config, concurrency: 1 }, [IMP], io);
    expect(out).toMatchObject({ ok: true, completed: false, reason: 'invalid API key' });
    expect(records.map((c) => c.slot)).toEqual([0, 1, 2, 3, 4, 5]); // slot 4 is the warm-up imp
    expect(records[4]).toMatchObject({ phase: 'warmup', generator: 'warmup', parent: 'init:imp' });
    expect(records[1]).toMatchObject({ fitness: null, error: 'no Redcode found in the reply', reply: 'I cannot write Redcode today.' });
    expect(records[2].fitness).toBeNull();
    expect(records[2].errors?.[0].line).toBe(1);
    expect(records[3]).toMatchObject({ fitness: null, error: 'timed out' });
    expect(records[0].fitness).toBeCloseTo(1, 9);
  });

  it('stops starting candidates once --max-cost is reached', async () => {
    const generate: Generate = async () => ({ ok: true, reply: 'x', source: 'mov.i $0, $1\n', usage: { promptTokens: 100, completionTokens: 50, cost: 0.01 } });
    const { io, records } = collaborators({ generate, generatorName: 'llm:test' });
    const out = await runDrq({ ...config, concurrency: 2, maxCost: 0.035 }, [IMP], io);
    expect(out).toMatchObject({ ok: true, completed: false });
    if (out.ok) expect(out.reason).toMatch(/cost/);
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect(records.length).toBeLessThanOrEqual(5);
  });
});
