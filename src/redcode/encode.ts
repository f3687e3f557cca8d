// Instructions → the VM's load image. Mirrors the cell word of assembly/insn.ts:
//   opword = opcode << 9 | modifier << 6 | aMode << 3 | bMode
// so that opword >> 6 is pMARS's opcode byte (opcode * 8 + modifier).

import type { Instruction } from './instruction.js';

export const opword = (ins: Instruction): number => (ins.opcode << 9) | (ins.modifier << 6) | (ins.aMode << 3) | ins.bMode;

/** Triples [opword, A-number, B-number], one per instruction. */
export function encodeWarrior(instructions: readonly Instruction[]): Int32Array {
  const image = new Int32Array(instructions.length * 3);
  instructions.forEach((ins, i) => {
    image[i * 3] = opword(ins);
    image[i * 3 + 1] = ins.aNumber;
    image[i * 3 + 2] = ins.bNumber;
  });
  return image;
}
