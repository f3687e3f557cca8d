// Properties of the assembler: programs survive format → assemble; nothing makes it throw or
// hang; its encoding is the cell word the VM executes.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleSource, encodeWarrior, formatInstruction, type Instruction, MODES, MODIFIERS, OPCODES } from '../../src/redcode/index.js';
import { createMars } from '../../src/vm/mars.js';
import { HUMAN, STANDARD_ASM } from '../support.js';
import { mutated, program } from './arbitraries.js';

const CORE = 8000;

const instructionArb: fc.Arbitrary<Instruction> = fc.record({
  opcode: fc.integer({ min: 0, max: OPCODES.length - 1 }),
  modifier: fc.integer({ min: 0, max: MODIFIERS.length - 1 }),
  aMode: fc.integer({ min: 0, max: MODES.length - 1 }),
  aNumber: fc.integer({ min: 0, max: CORE - 1 }),
  bMode: fc.integer({ min: 0, max: MODES.length - 1 }),
  bNumber: fc.integer({ min: 0, max: CORE - 1 }),
  traced: fc.constant(false),
});

/** A value written as some expression of it: plain, shifted, through * and /, or label-relative. */
function spell(value: number, index: number, count: number, style: number): string {
  const signed = value > CORE / 2 ? value - CORE : value;
  const target = style % count; // any label of the program, backward or forward
  switch (style % 4) {
    case 0: return String(signed);
    case 1: return `${signed + 7}-7`;
    case 2: return `(${signed}*3)/3`;
    default: return `L${target}+${signed - (target - index)}`;
  }
}

describe('format → assemble', () => {
  it('every opcode, modifier, mode and field comes back unchanged, whatever the spelling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(instructionArb, fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (rows, startSeed) => {
          const n = rows.length;
          const start = startSeed % n;
          const lines = [';redcode-94', ';name roundtrip', ';assert CORESIZE == 8000'];
          rows.forEach(([ins], i) => lines.push(`k${i} EQU (${ins.aNumber})`));
          lines.push(`FOR 0`, `this is skipped entirely`, `ROF`);
          rows.forEach(([ins, aStyle, bStyle, lower], i) => {
            const op = OPCODES[ins.opcode] + '.' + MODIFIERS[ins.modifier];
            // Every fifth A-number goes through its EQU name.
            const a = MODES[ins.aMode] + (aStyle % 5 === 4 ? `k${i}` : spell(ins.aNumber, i, n, aStyle));
            const text = `L${i}: ${op} ${a}, ${MODES[ins.bMode]}${spell(ins.bNumber, i, n, bStyle)}`;
            lines.push(lower ? text.toLowerCase().replace(/\bl(\d+)/g, 'L$1').replace(/\bk(\d+)/g, 'k$1') : text);
          });
          lines.push(`END L${start}`);
          const result = assembleSource(lines.join('\n') + '\n', STANDARD_ASM);
          if (!result.ok) throw new Error(JSON.stringify(result.errors) + '\n' + lines.join('\n'));
          expect(result.warrior.instructions).toEqual(rows.map(([ins]) => ins));
          expect(result.warrior.start).toBe(start);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a listing line is itself source that assembles to the same instruction', () => {
    fc.assert(
      fc.property(fc.array(instructionArb, { minLength: 1, maxLength: 20 }), (instructions) => {
        const source = instructions.map((ins) => formatInstruction(ins, CORE)).join('\n');
        const result = assembleSource(source, STANDARD_ASM);
        expect(result.ok && result.warrior.instructions).toEqual(instructions);
      }),
    );
  });
});

describe('robustness', () => {
  const humans = (() => {
    try {
      return readdirSync(HUMAN).filter((f) => f.endsWith('.red')).map((f) => readFileSync(join(HUMAN, f)).toString('latin1'));
    } catch {
      return [';name fallback\nmov 0, 1\n'];
    }
  })();

  it('never throws on arbitrary text', () => {
    const bytes = fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString('latin1'));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), bytes, fc.string({ unit: 'grapheme', maxLength: 200 })), (text) => {
        const result = assembleSource(text, STANDARD_ASM);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on generated or mutated warriors, and every error has a place', () => {
    fc.assert(
      fc.property(fc.oneof(program, mutated(program), mutated(fc.constantFrom(...humans))), (text) => {
        const result = assembleSource(text, STANDARD_ASM);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(e.message).not.toBe('');
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('stops where pMARS would loop for ever or exhaust memory', () => {
    const runaway = [
      'x FOR 65535\nROF\n', // pMARS's unsigned-short counter never passes 65535
      'a FOR 60000\nb FOR 60000\nDAT 0\nROF\nROF\n',
      'mov 0, 1\\', // a continuation with no next line
      'DAT #99999999999999999999999999999, 0\n', // pMARS normalises by repeated subtraction
    ];
    for (const text of runaway) expect(typeof assembleSource(text, STANDARD_ASM).ok).toBe('boolean');
  });
});

describe('encoding', () => {
  it('the VM holds exactly the cell words the assembler writes', () => {
    const mars = createMars();
    fc.assert(
      fc.property(fc.array(instructionArb, { minLength: 1, maxLength: 100 }), (instructions) => {
        const image = encodeWarrior(instructions);
        const imp = encodeWarrior([{ opcode: 0, modifier: 6, aMode: 1, aNumber: 0, bMode: 1, bNumber: 1, traced: false }]);
        const settings = { coresize: CORE, cycles: 10, processes: 8, maxLength: 100, separation: 100 };
        const stepper = mars.stepper(
          [{ image, start: 0, pin: null, name: 'a', author: '' }, { image: imp, start: 0, pin: null, name: 'b', author: '' }],
          settings, { positions: [0, 4000], firstMover: 0 },
        );
        if ('ok' in stepper) throw new Error(stepper.error);
        instructions.forEach((_, i) => expect(stepper.cell(i)).toEqual([image[i * 3], image[i * 3 + 1], image[i * 3 + 2]]));
      }),
      { numRuns: 200 },
    );
  });
});
