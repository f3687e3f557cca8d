// The prompts: three editable text files (system.md, new.md, mutate.md) with {{placeholders}}
// for the run's settings, the example warriors and the parent. The defaults live in
// src/llm/prompts/ and are read from the package at run time (from src/ under vitest and from
// dist/src/ when compiled alike); --prompts DIR replaces them file by file.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Prompts {
  system: string;
  new: string;
  mutate: string;
}

export const PROMPT_FILES = { system: 'system.md', new: 'new.md', mutate: 'mutate.md' } as const;

/** `relative` under the package root: the nearest ancestor of this module that has it. */
export function packagePath(relative: string): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir) return undefined;
  }
}

/** The prompts in `dir` (missing files fall back to the defaults). */
export function loadPrompts(dir?: string): { ok: true; prompts: Prompts } | { ok: false; error: string } {
  const defaults = packagePath('src/llm/prompts');
  const read = (key: keyof Prompts): string | undefined => {
    for (const d of [dir, defaults]) {
      if (d && existsSync(join(d, PROMPT_FILES[key]))) return readFileSync(join(d, PROMPT_FILES[key]), 'utf8');
    }
    return undefined;
  };
  const [system, fresh, mutate] = [read('system'), read('new'), read('mutate')];
  if (system === undefined || fresh === undefined || mutate === undefined) {
    return { ok: false, error: `prompt files not found (looked in ${[dir, defaults].filter(Boolean).join(' and ')})` };
  }
  return { ok: true, prompts: { system, new: fresh, mutate } };
}

/** Replaces each {{name}} with vars[name]; unknown names stay as written. */
export const render = (template: string, vars: Record<string, string | number>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
