// The match library without pMARS: pmars's result text for 1, 2 and 3 warriors (cdb.c
// results(), pmars.c body() for -k), and tournament scoring over a runner that fakes battles.
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config.js';
import { type Contender, formatResults, tournament } from '../../src/match.js';
import type { BattleResult, Warrior, WarriorSummary } from '../../src/vm/mars.js';
import type { BattleJob, BattleRunner } from '../../src/vm/runner.js';

const summary = (name: string, score: number, survivedWith: number[], deaths: number): WarriorSummary =>
  ({ name, author: 'A. Uthor', score, survivedWith, deaths, share: 1 });

const result = (warriors: WarriorSummary[], results = { wins: 0, losses: 0, ties: 0 }): BattleResult =>
  ({ ok: true, settings: {} as BattleResult['settings'], seed: 1, warriors, results, rounds: [] });

describe('formatResults', () => {
  const two = result([summary('Imp', 7, [2, 1], 2), summary('Dwarf', 7, [2, 1], 2)], { wins: 2, losses: 2, ties: 1 });
  const three = result([summary('a', 16, [1, 1, 0], 1), summary('b', 8, [0, 2, 0], 1), summary('c', 0, [0, 0, 0], 3)]);

  it('two warriors: score lines, then Results: W L T of the first', () => {
    expect(formatResults(two)).toBe('Imp by A. Uthor scores 7\nDwarf by A. Uthor scores 7\nResults: 2 2 1\n');
  });
  it('three warriors: survivors columns and deaths under each', () => {
    expect(formatResults(three)).toBe('a by A. Uthor scores 16\n  Results: 1 1 0 1\nb by A. Uthor scores 8\n  Results: 0 2 0 1\n' +
      'c by A. Uthor scores 0\n  Results: 0 0 0 3\n');
  });
  it('one warrior: just its score line', () => {
    expect(formatResults(result([summary('lone', 3, [3], 0)]))).toBe('lone by A. Uthor scores 3\n');
  });
  it('-k: wins and ties per warrior for two, score, columns and deaths for more', () => {
    expect(formatResults(two, true)).toBe('2 1\n2 1\n');
    expect(formatResults(three, true)).toBe('16 1 1 0 1\n8 0 2 0 1\n0 0 0 0 3\n');
  });
});

describe('tournament', () => {
  const settings = (() => {
    const r = resolveSettings({ rounds: 10 }, 2);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  })();
  const contender = (name: string): Contender => {
    const image: Warrior = { image: new Int32Array(3), start: 0, pin: null, name, author: 'x' };
    const entrant = { file: `${name}.red`, assembled: { name, author: 'x', date: '', version: '', instructions: [], start: 0, pin: null }, image, warnings: [] };
    return { file: `${name}.red`, first: entrant, second: { ...entrant, image: { ...image } } };
  };
  // Seat 1 "a" beats everyone 10-0; "b" and "c" tie all 10 rounds.
  const table: Record<string, { wins: number; losses: number; ties: number }> = {
    'a b': { wins: 10, losses: 0, ties: 0 }, 'a c': { wins: 10, losses: 0, ties: 0 }, 'b c': { wins: 0, losses: 0, ties: 10 },
  };
  const jobs: BattleJob[] = [];
  const runner: BattleRunner = {
    async run(js) {
      jobs.push(...js);
      return js.map((j) => result([], table[j.warriors.map((w) => w.name).join(' ')]));
    },
    async close() {},
  };

  it('plays each pair once with the first in seat 1 and scores 3 a win, 1 a tie, averaged over opponents', async () => {
    const contenders = ['a', 'b', 'c'].map(contender);
    const t = await tournament(runner, contenders, settings, { kind: 'position', value: 4000 });
    if (!t.ok) throw new Error(t.error);
    expect(jobs.map((j) => j.warriors.map((w) => w.name).join(' '))).toEqual(['a b', 'a c', 'b c']);
    expect(t.value.pairs).toEqual([{ a: 0, b: 1, ...table['a b'] }, { a: 0, b: 2, ...table['a c'] }, { a: 1, b: 2, ...table['b c'] }]);
    t.value.pairs.forEach(({ a, b }, i) => {
      expect(jobs[i].warriors[0]).toBe(contenders[a].first.image);
      expect(jobs[i].warriors[1]).toBe(contenders[b].second.image);
    });
    expect(t.value.standings.map((s) => [s.contender, s.wins, s.losses, s.ties, s.score])).toEqual([
      [0, 20, 0, 0, 300], [1, 0, 10, 10, 50], [2, 0, 10, 10, 50],
    ]);
  });
});
