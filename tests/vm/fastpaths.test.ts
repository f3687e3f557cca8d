// The release build runs the commonest instructions on fast paths of their own
// (assembly/insn.ts, "Fast paths"); the trace build runs every instruction on the general path.
// Random battles of programs made mostly of the fast-path instructions and their near neighbours
// (another modifier or mode), on small cores where numbers wrap, pointers reach 0 and the
// process limit is hit, and on the 8000-cell core (the loops have copies specialised for it), must
// come out the same on both, counters included. The same battles also check that counting the
// first warrior's coverage alone (a DRQ evaluation) changes nothing but the others' coverage.
// And a round stepped in uneven chunks must reach the state of the same round stepped at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMars, createTracingMars, type Mars, type MarsSettings, type Stepper, type Warrior } from '../../src/vm/mars.js';
import { firstCoverageOnly } from '../support.js';
import { cell } from './listing.js';

const release = createMars();
const general = createTracingMars();
const releaseAgain = createMars(); // a second instance of the release build, for a round stepped beside another

// Every fast path's opcode.modifier and its modes (assembly/insn.ts), drawn half the time ...
const FAST: [op: string, aModes: string, bModes: string][] = [
  ['MOV.I', '$', '$@<{>}'], ['MOV.I', '#', '$'], ['MOV.I', '<', '<'], ['MOV.I', '{', '<'], ['MOV.I', '}', '>'], ['MOV.AB', '#', '$'],
  ['MOV.I', '@', '<'], ['ADD.AB', '#', '$'], ['SUB.AB', '#', '$'], ['ADD.F', '$', '$'], ['SPL.B', '$', '#$<'], ['SPL.B', '#', '#$'],
  ['SPL.B', '@', '#$'], ['JMP.B', '$', '#$<>'], ['JMP.B', '@', '#$'], ['DJN.B', '$', '$<#'], ['JMZ.B', '$', '$@<'], ['JMZ.B', '@', '$'],
  ['JMZ.AB', '$', '$@<'], ['JMN.B', '$', '$'], ['JMN.AB', '$', '$'], ['SEQ.I', '$', '$@'], ['SEQ.I', '<', '<'], ['CMP.I', '$', '$'],
  ['DAT.F', '#$<', '#$<'],
];
// ... and otherwise these, with any mode: the same and neighbours that stay on the general path.
const OPS = ['MOV.I', 'MOV.F', 'MOV.AB', 'MOV.B', 'ADD.AB', 'ADD.F', 'ADD.B', 'SPL.B', 'SPL.A', 'SPL.X', 'JMP.B', 'JMP.F',
  'DJN.B', 'DJN.A', 'JMZ.B', 'JMZ.A', 'JMN.B', 'JMN.F', 'DAT.F', 'DAT.A', 'SEQ.I', 'SEQ.F', 'SUB.AB', 'NOP.B'];
const MODES = '#$@<>*{}';

// Numbers near 0 half the time: self-references, counters that reach 1 and 0.
const number = (size: number) => fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -size, max: size }));

const form = fc.oneof(
  fc.constantFrom(...FAST).chain(([op, aModes, bModes]) =>
    fc.tuple(fc.constant(op), fc.constantFrom(...aModes), fc.constantFrom(...bModes))),
  fc.tuple(fc.constantFrom(...OPS), fc.constantFrom(...MODES), fc.constantFrom(...MODES)),
);

const instruction = (size: number) =>
  fc.tuple(form, number(size), number(size)).map(([[op, aMode, bMode], a, b]) => `${op} ${aMode}${a}, ${bMode}${b}`);

const battle = fc.record({
  coresize: fc.oneof(fc.integer({ min: 24, max: 120 }), fc.constant(8000)), // 4 warriors × separation 6 fit
  processes: fc.integer({ min: 1, max: 40 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
}).chain(({ coresize, processes, seed }) => fc.record({
  settings: fc.constant<MarsSettings>({ coresize, cycles: 400, processes, maxLength: 6, separation: 6 }),
  seed: fc.constant(seed),
  programs: fc.array(fc.array(instruction(coresize), { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
}));

const image = (programs: string[][], coresize: number): Warrior[] => programs.map((lines, i) => ({
  image: Int32Array.from(lines.flatMap((l) => cell(l, coresize))), start: 0, pin: null, name: `w${i}`, author: 'tests',
}));

/** One round of the battle's programs, spread evenly, on a stepper of each of two builds. */
function steppers([a, b]: [Mars, Mars], { settings, seed, programs }: { settings: MarsSettings; seed: number; programs: string[][] }) {
  const warriors = image(programs, settings.coresize);
  const gap = Math.floor(settings.coresize / warriors.length);
  const round = { positions: warriors.map((_, i) => i * gap), firstMover: seed % warriors.length };
  const both = [a.stepper(warriors, settings, round), b.stepper(warriors, settings, round)];
  if ('ok' in both[0] || 'ok' in both[1]) throw new Error('a stepper refused the round');
  return both as [Stepper, Stepper];
}

/** What a stepper shows of its round; the core's cells only when asked (they take time). */
const stateOf = (s: Stepper, { coresize, warriors }: { coresize: number; warriors: number }, core = true) => ({
  live: s.live(), current: s.current(), queues: Array.from({ length: warriors }, (_, w) => s.queue(w)),
  core: core ? Array.from({ length: coresize }, (_, address) => s.cell(address).join()).join(' ') : '',
});

describe('fast paths', () => {
  it('fight every battle exactly as the general path does', () => {
    fc.assert(fc.property(battle, ({ settings, seed, programs }) => {
      const warriors = image(programs, settings.coresize);
      const options = { rounds: 3, fullLength: seed % 2 === 0 };
      const fast = release.battle(warriors, settings, { kind: 'seed', value: seed }, options);
      expect(fast.ok).toBe(true);
      expect(general.battle(warriors, settings, { kind: 'seed', value: seed }, options)).toEqual(fast);
    }), { numRuns: 400 });
  });

  it("count the first warrior's coverage alone and nothing else differs", () => {
    fc.assert(fc.property(battle, ({ settings, seed, programs }) => {
      const warriors = image(programs, settings.coresize);
      const options = { rounds: 3, fullLength: seed % 2 === 0 };
      const all = release.battle(warriors, settings, { kind: 'seed', value: seed }, options);
      if (!all.ok) throw new Error(all.error);
      expect(release.battle(warriors, settings, { kind: 'seed', value: seed }, { ...options, coverage: 'first' })).toEqual(firstCoverageOnly(all));
    }), { numRuns: 200 });
  });

  // Outcomes miss what a dying process leaves behind (DAT < <'s decrements); the core does not.
  // Stepping in uneven chunks also ends run()'s budget at every kind of turn.
  it('leave core and queues as the general path does, chunk by chunk', () => {
    fc.assert(fc.property(battle, fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }),
      (b, chunks) => {
        const both = steppers([release, general], b);
        const shape = { coresize: b.settings.coresize, warriors: b.programs.length };
        for (const [i, k] of chunks.entries()) {
          const [fast, slow] = both.map((s) => s.step(k));
          expect(fast).toBe(slow);
          const [x, y] = both.map((s) => stateOf(s, shape, i === chunks.length - 1));
          expect(x).toEqual(y);
        }
      }), { numRuns: 300 });
  });

  // Both builds share the loops, so the test above cannot see a loop that hands the next turn to
  // the wrong warrior when run()'s budget ends mid-pass (the pair loop runs four turns a pass):
  // a round stepped in uneven chunks must reach the same state as the same round stepped at once.
  it('reach the same state stepped in uneven chunks as stepped at once', () => {
    fc.assert(fc.property(battle, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 12 }),
      (b, chunks) => {
        const [chunked, whole] = steppers([release, releaseAgain], b);
        // As far as the cycle limit: a death on its last instruction can make a round of 3+
        // warriors run on for up to 2^32 instructions (pMARS's overtime).
        let budget = 0, over = false;
        for (let i = 0; !over && budget < b.settings.cycles * b.programs.length; i++) {
          budget += chunks[i % chunks.length];
          over = chunked.step(chunks[i % chunks.length]);
        }
        expect(whole.step(budget)).toBe(over);
        const shape = { coresize: b.settings.coresize, warriors: b.programs.length };
        expect(stateOf(chunked, shape)).toEqual(stateOf(whole, shape));
      }), { numRuns: 200 });
  });
});
