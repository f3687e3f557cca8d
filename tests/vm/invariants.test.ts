// Properties that hold for every battle, pMARS facts from PMARS-NOTES.md §1a/§1b.10, and the
// DRQ counters (survival share, coverage, spawns, fullLength).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMars, DEFAULT_SETTINGS, type MarsSettings, type Warrior } from '../../src/vm/mars.js';
import { WARRIORS } from '../support.js';
import { assembled, MODES, OPCODES, warriorFrom } from './listing.js';

const mars = createMars();
const imp = warriorFrom(['MOV.I $0, $1'], 0, 'imp');
const empty: Warrior = { image: new Int32Array(0), start: 0, pin: null, name: 'empty', author: 'tests' };
const dwarf = warriorFrom(['ADD.AB #4, $3', 'MOV.I $2, @2', 'JMP.B $-2, $0', 'DAT.F #0, #0'], 0, 'dwarf');
// Dies on its 10th turn: with cycles 10, on the round's last instruction.
const last = warriorFrom([...Array<string>(9).fill('NOP.F $0, $0'), 'DAT.F $0, $0'], 0, 'last');

function ok<T extends { ok: boolean }>(r: T | { ok: false; error: string }): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error((r as { error: string }).error);
  return r as Extract<T, { ok: true }>;
}

describe('seeds and placement', () => {
  it('-F 1234 places warrior 2 at 1234, 1395, 4958, 1688, 4558', () => {
    const r = ok(mars.battle([imp, imp], DEFAULT_SETTINGS, { kind: 'position', value: 1234 }, { rounds: 5 }));
    expect(r.rounds.map((x) => x.warriors[1].position)).toEqual([1234, 1395, 4958, 1688, 4558]);
    expect(r.rounds.map((x) => x.firstMover)).toEqual([0, 1, 0, 1, 0]);
  });
  it('-f with two copies of MOV.I $0,$1: checksum 49, seed 823543, position 4538', () => {
    const r = ok(mars.battle([imp, imp], DEFAULT_SETTINGS, { kind: 'checksum' }, { rounds: 1 }));
    expect([r.seed, r.rounds[0].warriors[1].position]).toEqual([823543, 4538]);
  });
  it('the same seed gives the same battle, and the reported seed replays it', () => {
    const ws = ['stone.red', 'paper.red', 'imp.red'].map((f, i) => assembled(join(WARRIORS, f), 3, i)!);
    const a = ok(mars.battle(ws, DEFAULT_SETTINGS, { kind: 'position', value: 4248 }, { rounds: 4 }));
    const b = ok(mars.battle(ws, DEFAULT_SETTINGS, { kind: 'position', value: 4248 }, { rounds: 4 }));
    const c = ok(mars.battle(ws, DEFAULT_SETTINGS, { kind: 'seed', value: a.seed! }, { rounds: 4 }));
    expect(b).toEqual(a);
    expect(c.rounds).toEqual(a.rounds);
  });
  it('3+ warriors keep the minimum distance from each other', () => {
    const s: MarsSettings = { ...DEFAULT_SETTINGS, coresize: 800, cycles: 100, maxLength: 20, separation: 90 };
    const r = ok(mars.battle(Array(8).fill(imp), s, { kind: 'seed', value: 7 }, { rounds: 50 }));
    for (const round of r.rounds) {
      const ps = round.warriors.map((w) => w.position).sort((x, y) => x - y);
      for (let i = 1; i < ps.length; i++) expect(ps[i] - ps[i - 1]).toBeGreaterThanOrEqual(90);
      expect(800 - ps[ps.length - 1]).toBeGreaterThanOrEqual(90);
    }
  });
  it('bad settings and seeds are values, not exceptions', () => {
    expect(mars.battle([imp, imp], DEFAULT_SETTINGS, { kind: 'position', value: 50 }, { rounds: 1 }).ok).toBe(false);
    expect(mars.battle([imp, imp], { ...DEFAULT_SETTINGS, coresize: 100000 }, { kind: 'seed', value: 1 }, { rounds: 1 }).ok).toBe(false);
    expect(mars.battle(Array(37).fill(imp), DEFAULT_SETTINGS, { kind: 'seed', value: 1 }, { rounds: 1 }).ok).toBe(false);
  });
});

describe('cycle counting and scores (pMARS)', () => {
  it('3 warriors, cycles 10, imp / dead / imp: 20 instructions, 10 and 9 turns', () => {
    const s = { ...DEFAULT_SETTINGS, cycles: 10 };
    const r = ok(mars.battleAt([imp, empty, imp], s, { positions: [0, 2000, 4000], firstMover: 0 }));
    const round = r.rounds[0];
    expect([round.instructions, round.survivors]).toEqual([20, 2]);
    expect(round.warriors.map((w) => w.turns)).toEqual([10, 1, 9]);
    expect(r.warriors.map((w) => w.score)).toEqual([4, 0, 4]);
    expect(r.warriors[1].deaths).toBe(1);
  });
  it("a death on the round's last instruction: the round goes on until one warrior is left", () => {
    // pmars -b -c 10 -r 1 (these three): imp0 wins alone. Its `cycle` goes from 1 to 0 at the
    // death and `while (--cycle)` never ends the round again (sim.c); "late" dies at turn 16.
    const imp0 = warriorFrom(['JMP.B $0, $0'], 0, 'imp0');
    const late = warriorFrom(['DJN.B $0, #15', 'DAT.F $0, $0'], 0, 'late');
    const s = { ...DEFAULT_SETTINGS, cycles: 10 };
    const r = ok(mars.battleAt([imp0, late, last], s, { positions: [0, 2000, 4000], firstMover: 0 }));
    const round = r.rounds[0];
    expect([round.instructions, round.survivors]).toEqual([42, 1]);
    expect(round.warriors.map((w) => [w.survived, w.turns])).toEqual([[true, 16], [false, 16], [false, 10]]);
    expect(r.warriors.map((w) => w.score)).toEqual([8, 0, 0]);
  });
  it('2 warriors: win 3, tie 1; Results W L T', () => {
    const r = ok(mars.battle([dwarf, empty], DEFAULT_SETTINGS, { kind: 'position', value: 4000 }, { rounds: 4 }));
    expect([r.warriors[0].score, r.warriors[1].score, r.results]).toEqual([12, 0, { wins: 4, losses: 0, ties: 0 }]);
  });
});

describe('DRQ counters', () => {
  it('a tie shares evenly: parity is 1', () => {
    const r = ok(mars.battle([imp, imp], DEFAULT_SETTINGS, { kind: 'position', value: 4000 }, { rounds: 2 }));
    for (const round of r.rounds) expect(round.warriors.map((w) => w.share)).toEqual([1, 1]);
  });
  it('a survivor is credited the remaining cycles; shares add up to the number of warriors', () => {
    const r = ok(mars.battleAt([dwarf, empty], DEFAULT_SETTINGS, { positions: [0, 4000], firstMover: 1 }));
    const [w, l] = r.rounds[0].warriors;
    expect(l.deathCycle).toBe(1);
    expect(l.share).toBeCloseTo(1 / 80000, 12);
    expect(w.share + l.share).toBeCloseTo(2, 12);
  });
  it('coverage and spawns stop where pMARS stops, unless fullLength', () => {
    const spl = warriorFrom(['SPL.B $0, $0'], 0, 'spl');
    const short = ok(mars.battleAt([spl, empty], DEFAULT_SETTINGS, { positions: [0, 4000], firstMover: 0 }));
    const full = ok(mars.battleAt([spl, empty], DEFAULT_SETTINGS, { positions: [0, 4000], firstMover: 0 }, { fullLength: true }));
    expect(short.rounds[0].warriors[0]).toMatchObject({ survived: true, spawned: 1, coverage: 1, turns: 1 });
    // SPL $0 queues PC+1 (an empty cell: that process dies) and itself, so it splits every
    // other turn. The death left pMARS's countdown at 79998: the survivor's remaining turns.
    expect(full.rounds[0].warriors[0]).toMatchObject({ survived: true, spawned: 40000, coverage: 2, turns: 79999 });
    expect(full.rounds[0].instructions).toBe(2);
    expect(full.rounds[0].instructionsWithTail).toBe(80000);
    const impFull = ok(mars.battleAt([imp, empty], DEFAULT_SETTINGS, { positions: [0, 4000], firstMover: 0 }, { fullLength: true }));
    expect(impFull.rounds[0].warriors[0].coverage).toBe(8000);
    expect(impFull.results).toEqual(short.results);
  });
  it("fullLength: a death on the round's last instruction leaves no tail to run", () => {
    // The countdown is spent: the survivor's tail is empty (it once ran 2^32 instructions).
    const s = { ...DEFAULT_SETTINGS, cycles: 10 };
    const r = ok(mars.battleAt([imp, last], s, { positions: [0, 4000], firstMover: 0 }, { fullLength: true }));
    expect(r.rounds[0]).toMatchObject({ instructions: 20, instructionsWithTail: 20, survivors: 1 });
    expect(r.rounds[0].warriors.map((w) => [w.survived, w.turns, w.coverage])).toEqual([[true, 10, 10], [false, 10, 10]]);
  });
});

describe('state stays inside its bounds', () => {
  /** Random warriors in a small core, stepped: numbers < coresize, queues ≤ max processes. */
  it('random programs keep every number in the core and every queue within the limit', () => {
    let seed = 99;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const s: MarsSettings = { coresize: 80, cycles: 2000, processes: 16, maxLength: 10, separation: 10 };
    for (let trial = 0; trial < 40; trial++) {
      const ws = Array.from({ length: 4 }, (_, i) => {
        const lines = Array.from({ length: 10 }, () => {
          const op = OPCODES[Math.floor(rand() * OPCODES.length)];
          const m = () => MODES[Math.floor(rand() * 8)];
          const v = () => Math.floor(rand() * 80) - 40;
          return `${op}.${['A', 'B', 'AB', 'BA', 'F', 'X', 'I'][Math.floor(rand() * 7)]} ${m()}${v()}, ${m()}${v()}`;
        });
        return warriorFrom(lines, 0, `r${i}`, 80);
      });
      const st = mars.stepper(ws, s, { positions: [0, 20, 40, 60], firstMover: trial % 4 });
      if ('ok' in st) throw new Error(st.error);
      for (let k = 0; k < 50 && !st.step(100); k++) {
        for (let w = 0; w < 4; w++) expect(st.queue(w).length).toBeLessThanOrEqual(16);
      }
      for (let a = 0; a < 80; a++) {
        const [op, x, y] = st.cell(a);
        expect(op >> 9).toBeLessThan(OPCODES.length);
        expect(Math.max(x, y)).toBeLessThan(80);
      }
    }
  });
});
