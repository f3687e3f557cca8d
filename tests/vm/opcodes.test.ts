// gMARS-style tables: core in → core and process queue out after k steps, for every
// opcode × modifier, every A- and B-mode, and the in-register cases ICWS'94 §5 and pMARS
// agree on. One warrior, loaded at 0 with its process at 0; cells not listed are DAT.F $0,$0.
import { describe, expect, it } from 'vitest';
import { createMars, DEFAULT_SETTINGS, type MarsSettings } from '../../src/vm/mars.js';
import { cell, show, warriorFrom } from './listing.js';

const mars = createMars();
const EMPTY = 'DAT.F $0, $0';

interface Outcome { core: Record<number, string>; queue: number[]; live: number }

function exec(coreIn: Record<number, string>, steps = 1, settings: MarsSettings = DEFAULT_SETTINGS): Outcome {
  const stepper = mars.stepper([warriorFrom([coreIn[0] ?? EMPTY])], settings, { positions: [0], firstMover: 0 });
  if ('ok' in stepper) throw new Error(stepper.error);
  for (const [address, text] of Object.entries(coreIn)) stepper.setCell(Number(address), cell(text, settings.coresize));
  stepper.step(steps);
  const core: Record<number, string> = {};
  for (let a = 0; a < settings.coresize; a++) {
    const text = show(stepper.cell(a), settings.coresize);
    if (text !== EMPTY) core[a] = text;
  }
  return { core, queue: stepper.queue(0), live: stepper.live() };
}

type Row = [instruction: string, changes: Record<number, string>, queue: number[]];

/** Cells as pMARS lists them (so `#7999` and `#-1` compare equal). */
const canonical = (core: Record<number, string>) =>
  Object.fromEntries(Object.entries(core).map(([a, text]) => [a, show(cell(text))]).filter(([, text]) => text !== EMPTY));

function table(scene: Record<number, string>, rows: Row[]) {
  it.each(rows)('%s', (instruction, changes, queue) => {
    const coreIn = { ...scene, 0: instruction };
    const out = exec(coreIn);
    expect(out.core).toEqual(canonical({ ...coreIn, ...changes }));
    expect(out.queue).toEqual(queue);
  });
}

// A operand: cell 1 (A-number 3, B-number 5); B operand: cell 2 (A-number 7, B-number 2).
const ARITH_SCENE = { 1: 'NOP.AB $3, <5', 2: 'DAT.F #7, #2' };

describe('MOV × modifiers', () => table(ARITH_SCENE, [
  ['MOV.A $1, $2', { 2: 'DAT.F #3, #2' }, [1]],
  ['MOV.B $1, $2', { 2: 'DAT.F #7, #5' }, [1]],
  ['MOV.AB $1, $2', { 2: 'DAT.F #7, #3' }, [1]],
  ['MOV.BA $1, $2', { 2: 'DAT.F #5, #2' }, [1]],
  ['MOV.F $1, $2', { 2: 'DAT.F #3, #5' }, [1]],
  ['MOV.X $1, $2', { 2: 'DAT.F #5, #3' }, [1]],
  ['MOV.I $1, $2', { 2: 'NOP.AB $3, <5' }, [1]],
]));

describe('ADD × modifiers', () => table(ARITH_SCENE, [
  ['ADD.A $1, $2', { 2: 'DAT.F #10, #2' }, [1]],
  ['ADD.B $1, $2', { 2: 'DAT.F #7, #7' }, [1]],
  ['ADD.AB $1, $2', { 2: 'DAT.F #7, #5' }, [1]],
  ['ADD.BA $1, $2', { 2: 'DAT.F #12, #2' }, [1]],
  ['ADD.F $1, $2', { 2: 'DAT.F #10, #7' }, [1]],
  ['ADD.X $1, $2', { 2: 'DAT.F #12, #5' }, [1]],
  ['ADD.I $1, $2', { 2: 'DAT.F #10, #7' }, [1]],
  ['ADD.A #7999, $2', { 2: 'DAT.F #6, #2' }, [1]],
]));

describe('SUB × modifiers', () => table(ARITH_SCENE, [
  ['SUB.A $1, $2', { 2: 'DAT.F #4, #2' }, [1]],
  ['SUB.B $1, $2', { 2: 'DAT.F #7, #-3' }, [1]],
  ['SUB.AB $1, $2', { 2: 'DAT.F #7, #-1' }, [1]],
  ['SUB.BA $1, $2', { 2: 'DAT.F #2, #2' }, [1]],
  ['SUB.F $1, $2', { 2: 'DAT.F #4, #-3' }, [1]],
  ['SUB.X $1, $2', { 2: 'DAT.F #2, #-1' }, [1]],
  ['SUB.I $1, $2', { 2: 'DAT.F #4, #-3' }, [1]],
]));

describe('MUL × modifiers', () => table(ARITH_SCENE, [
  ['MUL.A $1, $2', { 2: 'DAT.F #21, #2' }, [1]],
  ['MUL.B $1, $2', { 2: 'DAT.F #7, #10' }, [1]],
  ['MUL.AB $1, $2', { 2: 'DAT.F #7, #6' }, [1]],
  ['MUL.BA $1, $2', { 2: 'DAT.F #35, #2' }, [1]],
  ['MUL.F $1, $2', { 2: 'DAT.F #21, #10' }, [1]],
  ['MUL.X $1, $2', { 2: 'DAT.F #35, #6' }, [1]],
  ['MUL.I $1, $2', { 2: 'DAT.F #21, #10' }, [1]],
  // (-1) × (-1): the product of the stored numbers, 7999², taken mod coresize.
  ['MUL.A #-1, #-1', { 0: 'MUL.A #1, #-1' }, [1]],
]));

describe('DIV × modifiers', () => table(ARITH_SCENE, [
  ['DIV.A $1, $2', { 2: 'DAT.F #2, #2' }, [1]],
  ['DIV.B $1, $2', { 2: 'DAT.F #7, #0' }, [1]],
  ['DIV.AB $1, $2', { 2: 'DAT.F #7, #0' }, [1]],
  ['DIV.BA $1, $2', { 2: 'DAT.F #1, #2' }, [1]],
  ['DIV.F $1, $2', { 2: 'DAT.F #2, #0' }, [1]],
  ['DIV.X $1, $2', { 2: 'DAT.F #1, #0' }, [1]],
  ['DIV.I $1, $2', { 2: 'DAT.F #2, #0' }, [1]],
  // Numbers are unsigned: -1 is 7999.
  ['DIV.AB #2, #-1', { 0: 'DIV.AB #2, #3999' }, [1]],
]));

describe('MOD × modifiers', () => table(ARITH_SCENE, [
  ['MOD.A $1, $2', { 2: 'DAT.F #1, #2' }, [1]],
  ['MOD.B $1, $2', { 2: 'DAT.F #7, #2' }, [1]],
  ['MOD.AB $1, $2', { 2: 'DAT.F #7, #2' }, [1]],
  ['MOD.BA $1, $2', { 2: 'DAT.F #2, #2' }, [1]],
  ['MOD.F $1, $2', { 2: 'DAT.F #1, #2' }, [1]],
  ['MOD.X $1, $2', { 2: 'DAT.F #2, #2' }, [1]],
  ['MOD.I $1, $2', { 2: 'DAT.F #1, #2' }, [1]],
]));

describe('division by zero: the process dies, .F/.X/.I still write the other half', () => {
  const zero = { 1: 'DAT.F #0, #2', 2: 'DAT.F #10, #10' };
  const zeroB = { 1: 'DAT.F #3, #0', 2: 'DAT.F #10, #10' };
  table(zero, [
    ['DIV.A $1, $2', {}, []],
    ['DIV.B $1, $2', { 2: 'DAT.F #10, #5' }, [1]],
    ['DIV.AB $1, $2', {}, []],
    ['DIV.BA $1, $2', { 2: 'DAT.F #5, #10' }, [1]],
    ['DIV.F $1, $2', { 2: 'DAT.F #10, #5' }, []],
    ['DIV.I $1, $2', { 2: 'DAT.F #10, #5' }, []],
    ['DIV.X $1, $2', { 2: 'DAT.F #5, #10' }, []],
    ['MOD.F $1, $2', { 2: 'DAT.F #10, #0' }, []],
    ['MOD.X $1, $2', { 2: 'DAT.F #0, #10' }, []],
  ]);
  table(zeroB, [
    ['MOD.X $1, $2', { 2: 'DAT.F #10, #1' }, []],
    ['MOD.F $1, $2', { 2: 'DAT.F #1, #10' }, []],
    ['DIV.X $1, $2', { 2: 'DAT.F #10, #3' }, []],
  ]);
  it('a division by zero that kills the last process ends the round', () => {
    expect(exec({ 0: 'DIV.F #0, $1', 1: 'DAT.F #10, #10' }).live).toBe(0);
  });
});

// Jumps read the B operand's copy: cell 2 has A-number 0, B-number 2.
const JUMP_SCENE = { 2: 'DAT.F #0, #2' };
describe('JMP JMZ JMN DJN × modifiers', () => table(JUMP_SCENE, [
  ['JMP.B $5, $2', {}, [5]],
  ['JMP.A #5, $2', {}, [0]],
  ['JMZ.A $5, $2', {}, [5]],
  ['JMZ.BA $5, $2', {}, [5]],
  ['JMZ.B $5, $2', {}, [1]],
  ['JMZ.AB $5, $2', {}, [1]],
  ['JMZ.F $5, $2', {}, [1]],
  ['JMZ.X $5, $2', {}, [1]],
  ['JMZ.I $5, $2', {}, [1]],
  ['JMZ.F $5, $3', {}, [5]],
  ['JMN.A $5, $2', {}, [1]],
  ['JMN.BA $5, $2', {}, [1]],
  ['JMN.B $5, $2', {}, [5]],
  ['JMN.AB $5, $2', {}, [5]],
  ['JMN.F $5, $2', {}, [5]],
  ['JMN.X $5, $2', {}, [5]],
  ['JMN.I $5, $2', {}, [5]],
  ['JMN.F $5, $3', {}, [1]],
  ['DJN.A $5, $2', { 2: 'DAT.F #-1, #2' }, [5]],
  ['DJN.BA $5, $2', { 2: 'DAT.F #-1, #2' }, [5]],
  ['DJN.B $5, $2', { 2: 'DAT.F #0, #1' }, [5]],
  ['DJN.AB $5, $2', { 2: 'DAT.F #0, #1' }, [5]],
  ['DJN.F $5, $2', { 2: 'DAT.F #-1, #1' }, [5]],
  ['DJN.X $5, $2', { 2: 'DAT.F #-1, #1' }, [5]],
  ['DJN.I $5, $2', { 2: 'DAT.F #-1, #1' }, [5]],
  ['DJN.B $5, #1', { 0: 'DJN.B $5, #0' }, [1]],
]));

describe('DJN decides on the copy minus one', () => {
  table({ 2: 'DAT.F #1, #5' }, [
    ['DJN.F $5, $2', { 2: 'DAT.F #0, #4' }, [5]],
    ['DJN.A $5, $2', { 2: 'DAT.F #0, #5' }, [1]],
    ['DJN.B $5, $2', { 2: 'DAT.F #1, #4' }, [5]],
  ]);
  table({ 2: 'DAT.F #1, #1' }, [['DJN.F $5, $2', { 2: 'DAT.F #0, #0' }, [1]]]);
  table({ 2: 'DAT.F #5, #1' }, [['DJN.X $5, $2', { 2: 'DAT.F #4, #0' }, [5]]]);
  // The decrement hits core after the copy was taken: DJN.B $5, <2 decrements twice.
  // DJN.B $5, <2: the B operand's pre-decrement and DJN's own decrement hit different cells.
  table({ 2: 'DAT.F #0, #2' }, [['DJN.B $5, <2', { 2: 'DAT.F #0, #1', 3: 'DAT.F $0, $-1' }, [5]]]);
});

// Compare A operand (cell 1) against B operand (cell 2): A-numbers equal, B-numbers differ.
const CMP_SCENE = { 1: 'DAT.F #4, #5', 2: 'DAT.F #4, #6' };
describe('CMP SEQ SNE SLT × modifiers', () => table(CMP_SCENE, [
  ['CMP.A $1, $2', {}, [2]],
  ['SEQ.A $1, $2', {}, [2]],
  ['SEQ.B $1, $2', {}, [1]],
  ['SEQ.AB $1, $2', {}, [1]],
  ['SEQ.BA $1, $2', {}, [1]],
  ['SEQ.F $1, $2', {}, [1]],
  ['SEQ.X $1, $2', {}, [1]],
  ['SEQ.I $1, $2', {}, [1]],
  ['SEQ.I $1, $1', {}, [2]],
  ['CMP.I $1, $1', {}, [2]],
  ['SNE.A $1, $2', {}, [1]],
  ['SNE.B $1, $2', {}, [2]],
  ['SNE.AB $1, $2', {}, [2]],
  ['SNE.BA $1, $2', {}, [2]],
  ['SNE.F $1, $2', {}, [2]],
  ['SNE.X $1, $2', {}, [2]],
  ['SNE.I $1, $2', {}, [2]],
  ['SNE.I $1, $1', {}, [1]],
  ['SLT.A $1, $2', {}, [1]],
  ['SLT.B $1, $2', {}, [2]],
  ['SLT.AB $1, $2', {}, [2]],
  ['SLT.BA $1, $2', {}, [1]],
  ['SLT.F $1, $2', {}, [1]],
  ['SLT.I $1, $2', {}, [1]],
  ['SLT.X $1, $2', {}, [1]],
  // Immediate operands compare the instruction's own numbers: 3 < 3 fails.
  ['SLT.F #3, #4', {}, [1]],
  ['SLT.X #3, #4', {}, [1]],
  ['SLT.AB #-1, #0', {}, [1]],
]));

describe('SLT .F/.X/.I need both comparisons', () => table({ 1: 'DAT.F #1, #2', 2: 'DAT.F #3, #4' }, [
  ['SLT.F $1, $2', {}, [2]],
  ['SLT.I $1, $2', {}, [2]],
  ['SLT.X $1, $2', {}, [2]],
  ['SLT.X $2, $1', {}, [1]],
]));

describe('SEQ.I and SNE.I compare opcode, modifier and both modes', () => {
  table({ 1: 'DAT.F #1, #2', 2: 'DAT.A #1, #2' }, [['SEQ.I $1, $2', {}, [1]], ['SNE.I $1, $2', {}, [2]], ['SEQ.F $1, $2', {}, [2]]]);
  table({ 1: 'DAT.F #1, #2', 2: 'DAT.F $1, #2' }, [['SEQ.I $1, $2', {}, [1]], ['CMP.I $1, $2', {}, [1]]]);
  table({ 1: 'DAT.F #1, #2', 2: 'DAT.F #1, $2' }, [['SEQ.I $1, $2', {}, [1]]]);
  // CMP and SEQ are distinct opcodes, so CMP.I and SEQ.I cells are different instructions.
  table({ 1: 'CMP.I #1, #2', 2: 'SEQ.I #1, #2' }, [['SEQ.I $1, $2', {}, [1]], ['SEQ.F $1, $2', {}, [2]]]);
  table({ 1: 'DAT.F #1, #2', 2: 'DAT.F #1, #2' }, [['SEQ.I $1, $2', {}, [2]]]);
});

describe('SPL, DAT, NOP', () => {
  table({}, [
    ['SPL.B $3, $0', {}, [1, 3]],
    ['SPL.B #3, $0', {}, [1, 0]],
    ['DAT.F $0, $0', {}, []],
    ['NOP.F $3, $4', {}, [1]],
    // DAT evaluates its operands before the process dies.
    ['DAT.F >1, }2', { 1: 'DAT.F $0, $1', 2: 'DAT.F $1, $0' }, []],
  ]);
  it('SPL into a full queue queues only PC+1 (the split is lost)', () => {
    const settings = { ...DEFAULT_SETTINGS, processes: 2 };
    const out = exec({ 0: 'SPL.B $2, $0', 1: 'SPL.B $5, $0', 2: 'JMP.B $0, $0' }, 2, settings);
    expect(out.queue).toEqual([2, 2]);
  });
  it('a dead process among others leaves the rest running', () => {
    const out = exec({ 0: 'SPL.B $2, $0', 1: 'DAT.F $0, $0', 2: 'JMP.B $0, $0' }, 2);
    expect(out.queue).toEqual([2]);
    expect(out.live).toBe(1);
  });
});

describe('A-modes: MOV.I <mode>1, $5', () => {
  // Cell 1 is the pointer (A-number 2, B-number 3); its targets are 3 (via A) and 4 (via B).
  const scene = { 1: 'DAT.F #2, #3', 2: 'DAT.F #10, #0', 3: 'DAT.F #11, #0', 4: 'DAT.F #12, #0' };
  table(scene, [
    ['MOV.I #1, $5', { 5: 'MOV.I #1, $5' }, [1]],
    ['MOV.I $1, $5', { 5: 'DAT.F #2, #3' }, [1]],
    ['MOV.I @1, $5', { 5: 'DAT.F #12, #0' }, [1]],
    ['MOV.I <1, $5', { 1: 'DAT.F #2, #2', 5: 'DAT.F #11, #0' }, [1]],
    ['MOV.I >1, $5', { 1: 'DAT.F #2, #4', 5: 'DAT.F #12, #0' }, [1]],
    ['MOV.I *1, $5', { 5: 'DAT.F #11, #0' }, [1]],
    ['MOV.I {1, $5', { 1: 'DAT.F #1, #3', 5: 'DAT.F #10, #0' }, [1]],
    ['MOV.I }1, $5', { 1: 'DAT.F #3, #3', 5: 'DAT.F #11, #0' }, [1]],
  ]);
});

describe('B-modes: MOV.I $6, <mode>1', () => {
  const scene = { 1: 'DAT.F #2, #3', 6: 'DAT.F #9, #9' };
  table(scene, [
    ['MOV.I $6, #1', { 0: 'DAT.F #9, #9' }, [1]],
    ['MOV.I $6, $1', { 1: 'DAT.F #9, #9' }, [1]],
    ['MOV.I $6, @1', { 4: 'DAT.F #9, #9' }, [1]],
    ['MOV.I $6, <1', { 1: 'DAT.F #2, #2', 3: 'DAT.F #9, #9' }, [1]],
    ['MOV.I $6, >1', { 1: 'DAT.F #2, #4', 4: 'DAT.F #9, #9' }, [1]],
    ['MOV.I $6, *1', { 3: 'DAT.F #9, #9' }, [1]],
    ['MOV.I $6, {1', { 1: 'DAT.F #1, #3', 2: 'DAT.F #9, #9' }, [1]],
    ['MOV.I $6, }1', { 1: 'DAT.F #3, #3', 3: 'DAT.F #9, #9' }, [1]],
  ]);
  table({}, [['MOV.AB #7, #0', { 0: 'MOV.AB #7, #7' }, [1]], ['MOV.B #7, #0', { 0: 'MOV.B #7, #0' }, [1]]]);
});

describe('in-register copies (operands are evaluated into copies before execution)', () => {
  table({ 1: 'DAT.F #0, #0' }, [
    // A side decrements core[0].B first; the B operand still uses IR's B-number 1.
    ['MOV.I <0, $1', { 0: 'MOV.I <0, $0', 1: 'MOV.I <0, $0' }, [1]],
    // The copy is taken before the post-increment.
    ['MOV.I }0, $1', { 0: 'MOV.I }1, $1', 1: 'MOV.I }0, $1' }, [1]],
    // The increment of core[0].B is overwritten by the copy of the whole instruction.
    ['MOV.I $0, >0', {}, [1]],
    ['MOV.I $0, }0', {}, [1]],
    // The A side's post-increment makes core[0] say $2, but the B operand is IR's $1.
    ['ADD.F >0, $1', { 0: 'ADD.F >0, $2' }, [1]],
  ]);
  // The pre-decrement happens before the target is computed, the post-increment after.
  table({}, [['JMP.B >0, $0', { 0: 'JMP.B >0, $1' }, [0]], ['JMP.B <0, $0', { 0: 'JMP.B <0, $-1' }, [7999]]]);
  table({ 2: 'DAT.F #0, #0' }, [['SPL.B }2, $0', { 2: 'DAT.F #1, #0' }, [1, 2]]]);
});

describe('P-space', () => {
  it('STP then LDP, cell 0 holds the last result (-1 before round 1)', () => {
    const out = exec({ 0: 'STP.AB #7, #3', 1: 'LDP.AB #3, $5', 2: 'LDP.A #0, $5', 3: 'LDP.AB #503, $5' }, 4);
    expect([out.core[6], out.core[7], out.core[8]]).toEqual(['DAT.F $0, $7', 'DAT.F $-1, $0', 'DAT.F $0, $7']);
  });
  it('STP to cell 0 overwrites the result for the rest of the round', () => {
    const out = exec({ 0: 'STP.AB #9, #500', 1: 'LDP.AB #0, $5' }, 2);
    expect(out.core[6]).toBe('DAT.F $0, $9');
  });
});

describe('turn order', () => {
  it('warriors alternate one instruction each, starting with the first mover', () => {
    const imp = warriorFrom(['MOV.I $0, $1']);
    const s = mars.stepper([imp, imp], DEFAULT_SETTINGS, { positions: [0, 4000], firstMover: 1 });
    if ('ok' in s) throw new Error(s.error);
    expect(s.current()).toBe(1);
    s.step(1);
    expect([s.current(), s.queue(1), s.next(1)]).toEqual([0, [4001], 4001]);
    s.step(1);
    expect([s.current(), s.queue(0), s.next(0)]).toEqual([1, [1], 1]);
  });

  it('next() is null once a warrior has no process', () => {
    const s = mars.stepper([warriorFrom(['DAT.F $0, $0']), warriorFrom(['JMP.B $0, $0'])], DEFAULT_SETTINGS, { positions: [0, 4000], firstMover: 0 });
    if ('ok' in s) throw new Error(s.error);
    s.step(1);
    expect([s.next(0), s.next(1)]).toEqual([null, 4000]);
  });
});
