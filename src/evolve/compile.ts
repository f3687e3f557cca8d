// Redcode source → a VM load image, the one place evolve crosses from text to numbers.
// evolve keeps sources as text (LLM replies are UTF-8); the assembler reads byte strings.

import { assemble, type Diagnostic, type HillSettings, type Instruction, toImage } from '../lib.js';
import type { MarsSettings, Warrior } from '../vm/mars.js';

export type Compiled =
  | { ok: true; warrior: Warrior; instructions: Instruction[] }
  | { ok: false; errors: Diagnostic[] };

/** Assembles `source` as warrior `index` of a `warriors`-warrior battle. */
export function compile(source: string, settings: HillSettings, warriors = 1, index = 0): Compiled {
  const result = assemble(Buffer.from(source, 'utf8').toString('latin1'), settings, warriors, index);
  if (!result.ok) return { ok: false, errors: result.errors };
  return { ok: true, warrior: toImage(result.warrior), instructions: result.warrior.instructions };
}

/** The VM's part of the hill settings. */
export const marsSettings = (s: HillSettings): MarsSettings => ({
  coresize: s.coresize, cycles: s.cycles, processes: s.processes, maxLength: s.maxLength,
  separation: s.separation, pspaceSize: s.pspaceSize,
});
