// The library API for scripts: read and assemble warriors with pMARS's rules.

import { readFileSync } from 'node:fs';
import { assemblerSettings, type HillSettings } from './config.js';
import { assembleSource, type AssembleResult } from './redcode/index.js';

export { assemblerSettings, PRESETS, resolveSettings, type HillSettings, type SettingsInput } from './config.js';
export * from './redcode/index.js';

/** Source files are bytes: one character per byte, so names survive byte for byte. */
export function readSource(path: string): { ok: true; source: string } | { ok: false; error: string } {
  try {
    return { ok: true, source: readFileSync(path).toString('latin1') };
  } catch (e) {
    return { ok: false, error: `Unable to open file '${path}': ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

/** Assembles warrior `index` of a battle of `warriors` (pMARS gives the first one registers W and S). */
export function assemble(source: string, settings: HillSettings, warriors = 1, index = 0): AssembleResult {
  return assembleSource(source, assemblerSettings(settings, warriors, index));
}

/** A byte string (as read by readSource) shown as text: UTF-8 where it is valid UTF-8. */
export const displayText = (bytes: string): string => Buffer.from(bytes, 'latin1').toString('utf8');
