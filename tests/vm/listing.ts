// Test helper: warriors from pMARS load listings (`pmars -r 0 file`), which are the exact
// load images, and single instructions written in full `OP.MOD m a, m b` form.
import { readFileSync } from 'node:fs';
import { resolveSettings } from '../../src/config.js';
import { loadEntrant } from '../../src/match.js';
import type { Warrior } from '../../src/vm/mars.js';
import { ORACLE } from '../support.js';

export const OPCODES = ['MOV', 'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'JMZ', 'JMN', 'DJN', 'CMP', 'SLT', 'SPL', 'DAT', 'JMP', 'SEQ', 'SNE', 'NOP', 'LDP', 'STP'];
export const MODIFIERS = ['A', 'B', 'AB', 'BA', 'F', 'X', 'I'];
export const MODES = '#$@<>*{}';

const INSTRUCTION = /^([A-Z]{3})\.([A-Z]{1,2})\s+([#$@<>*{}])\s*(-?\d+)\s*,\s*([#$@<>*{}])\s*(-?\d+)/i;

/** One cell [opword, A, B] from `OP.MOD mA, mB`, numbers normalised to 0..coresize-1. */
export function cell(text: string, coresize = 8000): [number, number, number] {
  const m = INSTRUCTION.exec(text.trim());
  if (!m) throw new Error(`not an instruction: ${text}`);
  const op = OPCODES.indexOf(m[1].toUpperCase());
  const mod = MODIFIERS.indexOf(m[2].toUpperCase());
  if (op < 0 || mod < 0) throw new Error(`unknown opcode or modifier: ${text}`);
  const norm = (v: string) => ((Number(v) % coresize) + coresize) % coresize;
  const opword = (op << 9) | (mod << 6) | (MODES.indexOf(m[3]) << 3) | MODES.indexOf(m[5]);
  return [opword, norm(m[4]), norm(m[6])];
}

/** `OP.MOD mA, mB` of a cell, numbers shown as in pMARS (v > coresize/2 as v - coresize). */
export function show([op, a, b]: readonly number[], coresize = 8000): string {
  const num = (v: number) => (v > coresize / 2 ? v - coresize : v);
  return `${OPCODES[op >> 9]}.${MODIFIERS[(op >> 6) & 7]} ${MODES[(op >> 3) & 7]}${num(a)}, ${MODES[op & 7]}${num(b)}`;
}

export function warriorFrom(lines: string[], start = 0, name = 'test', coresize = 8000): Warrior {
  return { image: Int32Array.from(lines.flatMap((l) => cell(l, coresize))), start, pin: null, name, author: 'tests' };
}

export function parseListing(text: string, coresize = 8000): Warrior {
  const header = /^Program "(.*)" \(length (\d+)\) by "(.*)"$/m.exec(text);
  if (!header) throw new Error('no Program header');
  const cells: number[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const body = line.slice(7);
    if (!INSTRUCTION.test(body.trim())) continue;
    if (line.slice(0, 6).trim() === 'START') start = cells.length / 3;
    cells.push(...cell(body, coresize));
  }
  if (cells.length / 3 !== Number(header[2])) throw new Error(`length mismatch in ${header[1]}`);
  return { image: Int32Array.from(cells), start, pin: null, name: header[1], author: header[3] };
}

export function listing(file: string, coresize = 8000): Warrior {
  return parseListing(readFileSync(`${ORACLE}/listings/${file.replace(/\.red$/, '.lst')}`, 'utf8'), coresize);
}

/** A Redcode file as drq loads it under '94 rules on an 8000 core, as seat `index` of `warriors`; null if it does not assemble. */
export function assembled(file: string, warriors = 2, index = 0): Warrior | null {
  const settings = resolveSettings({ preset: '94' }, warriors);
  if (!settings.ok) return null;
  const loaded = loadEntrant(file, settings.value, warriors, index);
  return loaded.ok ? loaded.value.image : null;
}
