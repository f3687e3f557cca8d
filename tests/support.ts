// Where the shared reference material lives, and how tests that need it (or a live pMARS)
// behave without it: skipped with a visible message on a user's machine, failed under CI=true.

import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared');
export const HUMAN = join(SHARED, 'warriors/human');
export const ORACLE = join(SHARED, 'oracle');
export const PMARS = process.env.PMARS && existsSync(process.env.PMARS) ? process.env.PMARS : undefined;
/** The project's own warriors: there on every clone. */
export const WARRIORS = resolve(dirname(fileURLToPath(import.meta.url)), '../warriors');

const redcodeIn = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.red')).sort().map((f) => join(dir, f));

/** Real warriors for tests where any will do: the project's, and the shared human ones when they are beside the clone. */
export const realWarriorFiles = (): string[] => [...redcodeIn(WARRIORS), ...(existsSync(HUMAN) ? redcodeIn(HUMAN) : [])];

const inCI = process.env.CI === 'true' || process.env.CI === '1';

/** True when `available`; otherwise warns (or, under CI, fails) naming what is missing. */
export function requires(what: string, available: boolean): boolean {
  if (available) return true;
  if (inCI) throw new Error(`${what} is required when CI=true`);
  console.warn(`[drq tests] skipped: ${what} is not available`);
  return false;
}

export const needsShared = (): boolean => requires(`../shared (looked in ${SHARED})`, existsSync(ORACLE) && existsSync(HUMAN));
export const needsPmars = (): boolean => requires('a headless pMARS in $PMARS (../shared/tools/pmars-headless.sh)', PMARS !== undefined);

/** Standard settings as the assembler sees them for `pmars -r 0 FILE`. */
export const STANDARD_ASM = {
  coreSize: 8000, maxProcesses: 8000, maxCycles: 80000, maxLength: 100, minDistance: 100,
  pSpaceSize: 500, warriors: 1, rounds: 0, icws88: false, firstWarrior: true,
};

/** mulberry32: a small seeded generator, so a failing random case can be replayed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
