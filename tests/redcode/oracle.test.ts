// The assembler against pMARS's verdicts and listings for all 317 human warriors, and against
// its expression evaluator's 600 vectors.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../src/redcode/expression.js';
import { assembleSource, formatListing } from '../../src/redcode/index.js';
import { HUMAN, needsShared, ORACLE, STANDARD_ASM } from '../support.js';

const available = needsShared();
const jsonl = <T>(file: string): T[] =>
  available ? readFileSync(join(ORACLE, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T) : [];

interface Verdict { file: string; assembles: boolean; warnings: number; name: string; author: string; length: number; start_offset: number }

describe.runIf(available)('pMARS oracle', () => {
  describe('human-assembly.jsonl and listings/', () => {
    const verdicts = jsonl<Verdict>('human-assembly.jsonl');
    it('covers every human warrior', () => expect(verdicts.length).toBe(317));
    it.each(verdicts.map((v) => [v.file, v] as const))('%s', (_, v) => {
      const result = assembleSource(readFileSync(join(HUMAN, v.file)).toString('latin1'), STANDARD_ASM);
      expect(result.ok).toBe(v.assembles);
      expect(result.warnings.reduce((n, w) => n + w.count, 0)).toBe(v.warnings);
      if (!result.ok) return;
      // The oracle's listings went through a UTF-8 decoder (invalid bytes became U+FFFD), so
      // compare the same way; the live differential test compares raw bytes.
      const listing = Buffer.from(formatListing(result.warrior, 8000), 'latin1').toString('utf8');
      expect(listing).toBe(readFileSync(join(ORACLE, 'listings', v.file.replace(/\.red$/, '.lst')), 'utf8'));
      expect(result.warrior.instructions.length).toBe(v.length);
      expect(result.warrior.start).toBe(v.start_offset);
    });
  });

  describe('expressions.jsonl', () => {
    const vectors = jsonl<{ expr: string; value: number }>('expressions.jsonl');
    it('has 600 vectors', () => expect(vectors.length).toBe(600));
    it.each(vectors.map((v) => [v.expr, v.value] as const))('%s = %d', (expr, value) => {
      const r = new Evaluator().evaluate(expr);
      expect(r.status).toBeGreaterThanOrEqual(0);
      expect(Number(r.value)).toBe(value);
    });
  });
});
