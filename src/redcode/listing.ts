// The load listing exactly as pMARS prints it (disasm.c): `pmars -r 0 FILE`'s stdout.

import type { Warrior } from './assembler.js';
import { type Instruction, MODES, MODIFIERS, OPCODES } from './instruction.js';

const pad = (s: string, n: number): string => s.padStart(n);
const padRight = (s: string, n: number): string => s.padEnd(n);

/** A field as pMARS shows it: values above half the core are shown negative. */
function signed(v: number, coreSize: number): number {
  return v > Math.trunc(coreSize / 2) ? v - coreSize : v;
}

export function formatInstruction(ins: Instruction, coreSize: number, icws88 = false): string {
  const modifier = icws88 ? '   ' : '.' + padRight(MODIFIERS[ins.modifier], 2);
  return `${pad(OPCODES[ins.opcode], 3)}${modifier} ${MODES[ins.aMode]}${pad(String(signed(ins.aNumber, coreSize)), 6)}, ` +
    `${MODES[ins.bMode]}${pad(String(signed(ins.bNumber, coreSize)), 6)} ${pad(ins.traced ? 'T' : '', 4)}`;
}

export function formatListing(w: Warrior, coreSize: number, icws88 = false): string {
  const n = w.instructions.length;
  const startInside = w.start >= 0 && w.start < n;
  let out = `Program "${w.name}" (length ${n}) by "${w.author}"\n\n`;
  if (startInside && !icws88) out += '       ORG      START\n';
  w.instructions.forEach((ins, i) => {
    out += `${padRight(i === w.start ? 'START' : '', 6)} ${formatInstruction(ins, coreSize, icws88)}\n`;
  });
  if (startInside && icws88) out += '       END      START\n';
  return out + '\n';
}
