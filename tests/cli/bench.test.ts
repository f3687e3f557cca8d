// `drq bench` as a user runs it, on --quick workloads: the JSON report's shape and that the
// results agree across thread counts and with pMARS. Its figures are not checked: tests carry
// no timings.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkloadReport } from '../../bench/pool.js';
import type { StartupReport } from '../../bench/startup.js';
import type { TournamentReport } from '../../bench/tournament.js';
import { CLI, HUMAN, needsPmars, needsShared, PMARS, WARRIORS } from '../support.js';

const bench = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, 'bench', '--quick', '--json', '--threads', '2', ...args], { encoding: 'utf8' });
  expect(r.stderr).not.toMatch(/drq: /);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { threads: number; pmars: string | null; workloads: WorkloadReport[] };
};

describe('drq bench', () => {
  it('reports every workload on 1 and 2 threads, the same results on both', () => {
    const report = bench('--no-pmars', '--warriors', HUMAN);
    const names = needsShared() ? ['tie', 'realistic', 'melee', 'evolve', 'drq', 'roundrobin'] : ['tie', 'drq'];
    expect(report.workloads.map((w) => w.name)).toEqual(names);
    for (const w of report.workloads) {
      expect(w.mismatches).toEqual({ threads: 0, pmars: null });
      expect(w.pmars).toBeNull();
      for (const s of [w.drq.one, w.drq.all]) expect(s.battlesPerSecond * s.seconds).toBeCloseTo(w.battles);
      expect(w.instructions).toBeGreaterThan(w.cycles);
      expect(w.outsideWasm === null).toBe(w.name !== 'melee');
    }
  });

  it('on one thread, prints one row per engine', () => {
    const r = spawnSync(process.execPath, [CLI, 'bench', '--quick', '--no-pmars', '--threads', '1', '--workload', 'tie'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/drq, 1 thread/);
    expect(r.stdout).not.toMatch(/threads|across thread counts/);
  });

  it('takes workloads separated by commas too, and names the choices when one is unknown', () => {
    const r = spawnSync(process.execPath, [CLI, 'bench', '--quick', '--json', '--no-pmars', '--threads', '1', '--workload', 'tie,realistic', 'drq'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { workloads: WorkloadReport[] }).workloads.map((w) => w.name)).toEqual(['tie', 'realistic', 'drq']);
    const bad = spawnSync(process.execPath, [CLI, 'bench', '--quick', '--workload', 'tie,melle'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no workload "melle"; choose from tie, realistic, melee, evolve, drq, roundrobin, tournament, startup/);
  });

  it('uses the warriors of --warriors, and skips what needs more of them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drq-bench-'));
    const run = () => spawnSync(process.execPath, [CLI, 'bench', '--quick', '--json', '--no-pmars', '--warriors', dir, '--workload', 'realistic', 'melee', 'roundrobin', 'tournament'],
      { encoding: 'utf8' });
    writeFileSync(join(dir, 'imp.red'), ';name Imp\n;assert 1\nmov.i $0, $1\n');
    const alone = run();
    expect(alone.stderr).toMatch(/realistic: skipped, needs 2 warriors/);
    expect((JSON.parse(alone.stdout) as { workloads: WorkloadReport[] }).workloads).toEqual([]);
    writeFileSync(join(dir, 'dwarf.red'), ';name Dwarf\n;assert 1\nadd #4, 3\nmov 2, @2\njmp -2\ndat #0, #0\n');
    const two = run();
    expect(two.status).toBe(0);
    // Fewer warriors than the round robin's three (ten without --quick): all of them play.
    const report = JSON.parse(two.stdout) as { workloads: WorkloadReport[]; tournament: TournamentReport };
    expect(report.workloads.map((w) => [w.name, w.battles])).toEqual([['realistic', 2], ['melee', 1], ['roundrobin', 1]]);
    expect(report.tournament.warriors.map((f) => basename(f)).sort()).toEqual(['dwarf.red', 'imp.red']);
  });

  it('runs pMARS on the same battles and prints the ratios', () => {
    if (!needsPmars() || !needsShared()) return;
    const report = bench('--pmars', PMARS!, '--workload', 'realistic', 'roundrobin', '--repeats', '2');
    expect(report.pmars).toBe(PMARS);
    for (const w of report.workloads) {
      expect(w.mismatches).toEqual({ threads: 0, pmars: 0 });
      expect(w.ratios!.one).toBeGreaterThan(0);
      const [low, high] = w.ratios!.repeats;
      expect(low).toBeGreaterThan(0);
      expect(high).toBeGreaterThanOrEqual(low);
    }
  });

  it('times a whole-process tournament of the round robin\'s warriors on 1 and 2 threads, and pmars on the same pairs when found', () => {
    const dir = needsShared() ? HUMAN : WARRIORS;
    const alone = bench('--no-pmars', '--warriors', dir, '--workload', 'tournament') as { workloads: WorkloadReport[]; tournament: TournamentReport };
    expect(alone.workloads).toEqual([]);
    expect(alone.tournament).toMatchObject({ runs: 1, rounds: 2, threads: 2, mismatches: { threads: 0, pmars: null }, ratios: { pmars: null, runs: { pmars: null } } });
    expect(alone.tournament.warriors).toHaveLength(3);
    expect(alone.tournament.ms.one).toBeGreaterThan(0);
    const text = spawnSync(process.execPath, [CLI, 'bench', '--quick', '--no-pmars', '--threads', '1', '--warriors', dir, '--workload', 'tournament'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/tournament: whole process, .* 3 warriors × 2 rounds \(3 pairs\)\n +drq, 1 thread +\d+ ms\n +result mismatches: 0 across runs\n/);
    const empty = mkdtempSync(join(tmpdir(), 'drq-bench-'));
    const none = spawnSync(process.execPath, [CLI, 'bench', '--quick', '--json', '--no-pmars', '--warriors', empty, '--workload', 'tournament'], { encoding: 'utf8' });
    expect(none.stderr).toMatch(/tournament: skipped, needs 2 warriors/);
    expect((JSON.parse(none.stdout) as { tournament: null }).tournament).toBeNull();
    if (!needsPmars()) return;
    const against = (bench('--pmars', PMARS!, '--warriors', dir, '--workload', 'tournament') as { tournament: TournamentReport }).tournament;
    expect(against.mismatches).toEqual({ threads: 0, pmars: 0 });
    expect(against.ratios.pmars).toBeGreaterThan(0);
  });

  it('times start-up as whole processes: drq battle -r 1, --help, node -e 0, and pmars -r 1 when found', () => {
    const alone = bench('--no-pmars', '--workload', 'startup') as { workloads: WorkloadReport[]; startup: StartupReport };
    expect(alone.workloads).toEqual([]);
    expect(alone.startup.runs).toBe(3);
    expect(alone.startup.warriors.map((w) => basename(w))).toEqual(['imp.red', 'dwarf.red']);
    expect(alone.startup.ms.pmars).toBeNull();
    for (const ms of [alone.startup.ms.node, alone.startup.ms.battle, alone.startup.ms.help]) expect(ms).toBeGreaterThan(0);
    const text = spawnSync(process.execPath, [CLI, 'bench', '--quick', '--no-pmars', '--workload', 'startup'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/drq battle -r 1 .* ms +\+-?[\d.]+ over node -e 0/);
    if (!needsPmars()) return;
    expect((bench('--pmars', PMARS!, '--workload', 'startup') as { startup: StartupReport }).startup.ms.pmars).toBeGreaterThan(0);
  });
});
