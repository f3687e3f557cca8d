// The release build runs the commonest instructions on fast paths of their own
// (assembly/insn.ts, "Fast paths"); the trace build runs every instruction on the general path.
// Random battles of programs made mostly of the fast-path instructions and their near neighbours
// (another modifier or mode), on small cores where numbers wrap, pointers reach 0 and the
// process limit is hit, and on the 8000-cell core (run() has a copy specialised for it), must
// come out the same on both, counters included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMars, createTracingMars, type MarsSettings, type Warrior } from '../../src/vm/mars.js';
import { cell } from './listing.js';

const release = createMars();
const general = createTracingMars();

// Every fast path's opcode.modifier and modes, and neighbours that stay on the general path.
const OPS = ['MOV.I', 'MOV.I', 'MOV.I', 'MOV.F', 'MOV.AB', 'MOV.B', 'ADD.AB', 'ADD.F', 'ADD.B', 'SPL.B', 'SPL.A', 'SPL.X',
  'JMP.B', 'JMP.F', 'DJN.B', 'DJN.A', 'DAT.F', 'DAT.A', 'SEQ.I', 'NOP.B'];
const A_MODES = '$$$##<<{}>@*';
const B_MODES = '$$$<<{}>>@#*';

const instruction = (size: number) =>
  fc.tuple(fc.constantFrom(...OPS), fc.constantFrom(...A_MODES), fc.constantFrom(...B_MODES),
    fc.integer({ min: -size, max: size }), fc.integer({ min: -size, max: size }))
    .map(([op, aMode, bMode, a, b]) => `${op} ${aMode}${a}, ${bMode}${b}`);

const battle = fc.record({
  coresize: fc.oneof(fc.integer({ min: 24, max: 120 }), fc.constant(8000)), // 4 warriors × separation 6 fit
  processes: fc.integer({ min: 1, max: 40 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
}).chain(({ coresize, processes, seed }) => fc.record({
  settings: fc.constant<MarsSettings>({ coresize, cycles: 400, processes, maxLength: 6, separation: 6 }),
  seed: fc.constant(seed),
  programs: fc.array(fc.array(instruction(coresize), { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
}));

describe('fast paths', () => {
  it('fight every battle exactly as the general path does', () => {
    fc.assert(fc.property(battle, ({ settings, seed, programs }) => {
      const warriors: Warrior[] = programs.map((lines, i) => ({
        image: Int32Array.from(lines.flatMap((l) => cell(l, settings.coresize))), start: 0, pin: null, name: `w${i}`, author: 'tests',
      }));
      const options = { rounds: 3, fullLength: seed % 2 === 0 };
      const fast = release.battle(warriors, settings, { kind: 'seed', value: seed }, options);
      expect(fast.ok).toBe(true);
      expect(general.battle(warriors, settings, { kind: 'seed', value: seed }, options)).toEqual(fast);
    }), { numRuns: 400 });
  });
});
