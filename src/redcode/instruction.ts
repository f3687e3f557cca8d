// The vocabulary of ICWS'94 as numbers: opcode, modifier and mode codes in pMARS's own order,
// which is also the order of the cell word in assembly/insn.ts.

export const OPCODES = [
  'MOV', 'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'JMZ', 'JMN', 'DJN', 'CMP',
  'SLT', 'SPL', 'DAT', 'JMP', 'SEQ', 'SNE', 'NOP', 'LDP', 'STP',
] as const;
export const MODIFIERS = ['A', 'B', 'AB', 'BA', 'F', 'X', 'I'] as const;
/** Mode symbols; the index is the mode code. */
export const MODES = '#$@<>*{}';

export type OpcodeName = (typeof OPCODES)[number];
export type ModifierName = (typeof MODIFIERS)[number];

export const enum Opcode {
  MOV, ADD, SUB, MUL, DIV, MOD, JMZ, JMN, DJN, CMP, SLT, SPL, DAT, JMP, SEQ, SNE, NOP, LDP, STP,
}
export const enum Modifier { A, B, AB, BA, F, X, I }
export const enum Mode { IMMEDIATE, DIRECT, B_INDIRECT, B_PREDEC, B_POSTINC, A_INDIRECT, A_PREDEC, A_POSTINC }

/** One assembled instruction; numbers are already normalised into 0..coresize-1. */
export interface Instruction {
  opcode: Opcode;
  modifier: Modifier;
  aMode: Mode;
  aNumber: number;
  bMode: Mode;
  bNumber: number;
  /** Marked by ;trace or ;break (pMARS lists it with a `T`); no effect on battles. */
  traced: boolean;
}
