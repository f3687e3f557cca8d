// The library API for scripts: read and assemble warriors with pMARS's rules, run battles and
// tournaments, read their results.

import { assemblerSettings, type HillSettings } from './config.js';
import { assembleSource, type AssembleResult } from './redcode/index.js';

export { assemblerSettings, PRESETS, resolveSettings, type HillSettings, type SettingsInput } from './config.js';
export * from './redcode/index.js';
export * from './match.js';
export { createMars, createTracingMars, DEFAULT_SETTINGS, MAX_WARRIORS, traceEvent, type BattleOptions, type BattleResult,
  type MarsError, type MarsSettings, type RoundResult, type SeedSpec, type Trace, type TraceEvent, type TracingMars,
  type Warrior as WarriorImage, type WarriorRound, type WarriorSummary } from './vm/mars.js';
export { createLocalRunner, createRunner, type BattleJob, type BattleRunner } from './vm/runner.js';

/** Assembles warrior `index` of a battle of `warriors` (pMARS gives the first one registers W and S). */
export function assemble(source: string, settings: HillSettings, warriors = 1, index = 0): AssembleResult {
  return assembleSource(source, assemblerSettings(settings, warriors, index));
}

/** A byte string (as read by readSource) shown as text: UTF-8 where it is valid UTF-8. */
export const displayText = (bytes: string): string => Buffer.from(bytes, 'latin1').toString('utf8');
