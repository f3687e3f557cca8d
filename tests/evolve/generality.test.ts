import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config.js';
import { generality, readWarriorDir } from '../../src/evolve/generality.js';
import { createLocalRunner } from '../../src/vm/runner.js';
import { CLI, WARRIORS } from '../support.js';


describe('generality (1v1 against a folder)', () => {
  it('counts beats by higher DRQ fitness, ties by equal fitness, and their fraction', async () => {
    const r = resolveSettings({ preset: 'drq' }, 2, 10);
    if (!r.ok) throw new Error(r.error);
    const dir = readWarriorDir(WARRIORS);
    if (!dir.ok) throw new Error(dir.error);
    const imp = dir.warriors.find((w) => w.name === 'imp.red')!;
    const g = await generality(imp, dir.warriors, r.value, createLocalRunner(), { rounds: 10, seed: 3, fullLength: true });
    if (!g.ok) throw new Error(g.error);
    expect(g.matchups.map((m) => m.opponent)).toEqual(dir.warriors.map((w) => w.name));
    const self = g.matchups.find((m) => m.opponent === 'imp.red')!;
    expect(self).toMatchObject({ outcome: 'tie', ties: 10 });
    for (const m of g.matchups) {
      expect(m.wins + m.losses + m.ties).toBe(10);
      if (m.outcome === 'win') expect(m.fitness).toBeGreaterThan(m.opponentFitness);
      if (m.outcome === 'loss') expect(m.fitness).toBeLessThan(m.opponentFitness);
    }
    expect(g.generality).toBeCloseTo((g.beaten + g.tied) / g.matchups.length, 12);
  });

  it('drq eval --json reports per-opponent W/L/T and generality for each warrior', () => {
    const out = spawnSync(process.execPath, [CLI, 'eval', `${WARRIORS}/dwarf.red`, `${WARRIORS}/imp.red`, '--against', WARRIORS, '-r', '6', '--json', '--threads', '1'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    const reports = JSON.parse(out.stdout);
    expect(reports).toHaveLength(2);
    expect(reports[0].matchups).toHaveLength(5);
    expect(reports[0].matchups[0]).toHaveProperty('wins');
    expect(reports[1].generality).toBeGreaterThanOrEqual(0);
  });
});
