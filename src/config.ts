// Settings as a pMARS user knows them (-s -c -p -l -d -S -r -8), the standard hill presets,
// and their validation. Everything downstream receives resolved, valid settings.

import type { AssemblerSettings } from './redcode/index.js';
import { defaultPSpaceSize, type MarsSettings } from './vm/mars.js';

export interface HillSettings extends Required<MarsSettings> {
  rounds: number;
  icws88: boolean;
}

export interface Preset extends MarsSettings {
  description: string;
  icws88?: boolean;
}

/** ../shared/reference/HILLS.md; P-space is pMARS's default unless given. */
export const PRESETS: Record<string, Preset> = {
  '94nop': { description: "koth.org '94 no-P-space, pMARS's defaults", coresize: 8000, cycles: 80000, processes: 8000, maxLength: 100, separation: 100 },
  '94': { description: "koth.org '94 (P-space allowed)", coresize: 8000, cycles: 80000, processes: 8000, maxLength: 100, separation: 100 },
  '94x': { description: "koth.org '94 experimental", coresize: 55440, cycles: 500000, processes: 10000, maxLength: 200, separation: 200 },
  '94m': { description: "koth.org '94 multi-warrior", coresize: 8000, cycles: 80000, processes: 8000, maxLength: 100, separation: 100 },
  '88': { description: "koth.org '88 standard (ICWS'88 rules)", coresize: 8000, cycles: 80000, processes: 8000, maxLength: 100, separation: 100, icws88: true },
  icws: { description: "ICWS tournament ('88 rules)", coresize: 8192, cycles: 100000, processes: 8000, maxLength: 300, separation: 300, icws88: true },
  nano: { description: 'SAL nano', coresize: 80, cycles: 800, processes: 80, maxLength: 5, separation: 5, pspaceSize: 5 },
  tiny: { description: 'SAL / Koenigstuhl tiny', coresize: 800, cycles: 8000, processes: 800, maxLength: 20, separation: 20 },
  tinylp: { description: 'tiny, limited processes', coresize: 800, cycles: 8000, processes: 8, maxLength: 50, separation: 50 },
  lp: { description: "'94 limited processes", coresize: 8000, cycles: 80000, processes: 8, maxLength: 100, separation: 100 },
  drq: { description: "the DRQ paper's setting", coresize: 8000, cycles: 80000, processes: 8000, maxLength: 100, separation: 100 },
};

/** What a user may give; anything missing comes from the preset, then from pMARS's defaults. */
export interface SettingsInput {
  preset?: string;
  coresize?: number;
  cycles?: number;
  processes?: number;
  maxLength?: number;
  separation?: number;
  pspaceSize?: number;
  rounds?: number;
  icws88?: boolean;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string };

const MAXINSTR = 1000; // pMARS's hard limit on -l

/** Resolves and checks settings the way pMARS's command line does. */
export function resolveSettings(input: SettingsInput, warriors: number, defaultRounds = 1): Resolved<HillSettings> {
  const preset = PRESETS[input.preset ?? '94nop'];
  if (!preset) return { ok: false, error: `unknown preset '${input.preset}' (known: ${Object.keys(PRESETS).join(', ')})` };
  const maxLength = input.maxLength ?? preset.maxLength;
  const coresize = input.coresize ?? preset.coresize;
  const s: HillSettings = {
    coresize,
    cycles: input.cycles ?? preset.cycles,
    processes: input.processes ?? preset.processes,
    maxLength,
    // pMARS: -d defaults to -l when not given.
    separation: input.separation ?? (input.maxLength !== undefined ? maxLength : preset.separation),
    pspaceSize: input.pspaceSize ?? preset.pspaceSize ?? defaultPSpaceSize(coresize),
    rounds: input.rounds ?? defaultRounds,
    icws88: input.icws88 ?? preset.icws88 ?? false,
  };
  for (const [key, value] of Object.entries(s)) {
    if (typeof value === 'number' && (!Number.isSafeInteger(value) || value < (key === 'rounds' ? 0 : 1)))
      return { ok: false, error: `${key} must be a whole number ≥ ${key === 'rounds' ? 0 : 1} (got ${value})` };
  }
  if (s.maxLength > MAXINSTR) return { ok: false, error: `max length (-l) is at most ${MAXINSTR}` };
  if (s.separation < s.maxLength) return { ok: false, error: 'min distance (-d) must be at least max length (-l)' };
  if (s.coresize < warriors * s.separation) return { ok: false, error: 'core size (-s) is too small for the warriors and their min distance (-d)' };
  if (s.pspaceSize > s.coresize) return { ok: false, error: 'P-space size (-S) must not exceed core size (-s)' };
  return { ok: true, value: s };
}

/** The assembler's view of the settings for warrior `index` of `warriors`. */
export function assemblerSettings(s: HillSettings, warriors: number, index: number): AssemblerSettings {
  return {
    coreSize: s.coresize,
    maxProcesses: s.processes,
    maxCycles: s.cycles,
    maxLength: s.maxLength,
    minDistance: s.separation,
    pSpaceSize: s.pspaceSize,
    warriors,
    rounds: s.rounds,
    icws88: s.icws88,
    firstWarrior: index === 0,
  };
}
