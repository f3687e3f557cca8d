// The prompts: editable text files with {{placeholders}} for the run's settings, the example
// warriors, the parent and (--feedback) its battle record, and the assembler's messages
// (--repair). system.md is the static part, sent first and unchanged in every request so that
// providers' prompt caching applies; the rest varies per request. The defaults live in
// src/llm/prompts/ and are read from the package at run time (package-path.ts); --prompts DIR
// replaces them file by file.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../package-path.js';

export interface Prompts {
  system: string;
  new: string;
  mutate: string;
  /** Appended to the mutate prompt with --feedback. */
  feedback: string;
  /** Sent after a reply that does not assemble (--repair). */
  repair: string;
}

export const PROMPT_FILES = { system: 'system.md', new: 'new.md', mutate: 'mutate.md', feedback: 'feedback.md', repair: 'repair.md' } as const;

/** The prompts in `dir` (missing files fall back to the defaults). */
export function loadPrompts(dir?: string): { ok: true; prompts: Prompts } | { ok: false; error: string } {
  const defaults = packagePath('src/llm/prompts');
  const read = (key: keyof Prompts): string | undefined => {
    for (const d of [dir, defaults]) {
      if (d && existsSync(join(d, PROMPT_FILES[key]))) return readFileSync(join(d, PROMPT_FILES[key]), 'utf8');
    }
    return undefined;
  };
  const keys = Object.keys(PROMPT_FILES) as (keyof Prompts)[];
  const texts = keys.map((k) => [k, read(k)] as const);
  const missing = texts.filter(([, t]) => t === undefined).map(([k]) => PROMPT_FILES[k]);
  if (missing.length) {
    return { ok: false, error: `prompt files ${missing.join(', ')} not found (looked in ${[dir, defaults].filter(Boolean).join(' and ')})` };
  }
  return { ok: true, prompts: Object.fromEntries(texts) as unknown as Prompts };
}

/** Replaces each {{name}} with vars[name]; unknown names stay as written. */
export const render = (template: string, vars: Record<string, string | number>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
