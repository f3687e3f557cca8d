// Live differential test: generated and mutated Redcode assembled by `$PMARS -r 0` and by drq
// must give byte-identical listings (and the same number of warnings), or both be refused.
// ASM_DIFF_CASES sets the number of cases (default 1000), ASM_DIFF_SEED the fast-check seed.
// Mutation material: the project's warriors, and the shared human ones when present.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleSource, formatListing } from '../../src/redcode/index.js';
import { needsPmars, PMARS, realWarriorFiles, STANDARD_ASM } from '../support.js';
import { mutated, program } from './arbitraries.js';

const CASES = Number(process.env.ASM_DIFF_CASES ?? 1000);
const SEED = Number(process.env.ASM_DIFF_SEED ?? 94);

/**
 * A lone `=` (not `==`, `<=`, `>=`, `!=` nor a register assignment `x=`) or a binary `!`:
 * pMARS then computes with an uninitialised operator and may read past the end of its
 * expression buffer, so its verdict depends on stale memory. Those sources are not compared.
 */
function undefinedOperator(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '=' && s[i] !== '!') continue;
    if (s[i + 1] === '=') {
      i++;
      continue;
    }
    let p = i - 1;
    while (p >= 0 && (s[p] === ' ' || s[p] === '\t')) p--;
    const before = s[p] ?? '';
    if (s[i] === '=') {
      if ('<>!='.includes(before) && before !== '') continue;
      // A register assignment, unless that letter is also a label (then it is a lone `=`).
      if (/[A-Za-z]/.test(before) && !/[A-Za-z0-9_]/.test(s[p - 1] ?? '') && !new RegExp(`(^|\\n)[\\w: \\t]*\\b${before}\\b`).test(s)) continue;
      return true;
    }
    if (/[A-Za-z0-9_)]/.test(before)) return true; // `!` after an operand is a binary operator
  }
  return false;
}

describe.runIf(needsPmars())('assembler vs live pMARS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drq-asm-diff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const humans = realWarriorFiles().map((f) => readFileSync(f).toString('latin1'));
  const source = fc.oneof(
    { weight: 4, arbitrary: program },
    { weight: 3, arbitrary: mutated(program) },
    { weight: 3, arbitrary: mutated(fc.constantFrom(...humans)) },
  )
    // pMARS waits for ever for the line after a trailing `\`; give it one.
    .map((s) => (/\\\r?\n?$/.test(s) ? s + '\n\n' : s))
    .filter((s) => !undefinedOperator(s));

  function agree(text: string, icws88: boolean, small = false): void {
    const file = join(dir, 'w.red');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const flags = [...(icws88 ? ['-8'] : []), ...(small ? ['-s', '800', '-l', '20', '-p', '64', '-c', '9000', '-S', '7'] : [])];
    const ref = spawnSync(PMARS!, [...flags, '-r', '0', file], { input: '', timeout: 10_000 });
    if (ref.status !== 0 && ref.status !== 3) {
      skipped++; // pMARS crashed or took too long on this input: nothing to compare with
      return;
    }
    compared++;
    const settings = small
      ? { ...STANDARD_ASM, coreSize: 800, maxLength: 20, minDistance: 20, maxProcesses: 64, maxCycles: 9000, pSpaceSize: 7 }
      : STANDARD_ASM;
    const ours = assembleSource(text, { ...settings, icws88 });
    expect(ours.ok, ref.stderr.toString('latin1')).toBe(ref.status === 0);
    if (!ours.ok) return;
    expect(formatListing(ours.warrior, settings.coreSize, icws88)).toBe(ref.stdout.toString('latin1'));
    const warnings = /Number of warnings: (\d+)/.exec(ref.stderr.toString('latin1'));
    expect(ours.warnings.reduce((n, w) => n + w.count, 0)).toBe(warnings ? Number(warnings[1]) : 0);
  }

  let compared = 0;
  let skipped = 0;
  it(`agrees on ${CASES} generated sources`, () => {
    fc.assert(fc.property(source, (text) => agree(text, false)), { numRuns: CASES, seed: SEED });
    console.log(`[drq tests] assembler differential: ${compared} compared with pMARS, ${skipped} skipped`);
    expect(skipped).toBeLessThan(CASES / 50);
  });

  it(`agrees in ICWS'88 mode (-8) on ${Math.ceil(CASES / 4)} sources`, () => {
    // Mostly '88-shaped: modifiers dropped, '94-only modes turned into '88 ones.
    const source88 = fc.oneof(source.map((t) => t.replace(/\.(ab|ba|[abfxi])\b/gi, '').replace(/[*{]/g, '@').replace(/}/g, '<')), source);
    fc.assert(fc.property(source88, (text) => agree(text, true)), { numRuns: Math.ceil(CASES / 4), seed: SEED });
  });

  it(`agrees with other settings (-s 800 -l 20 -p 64 -c 9000 -S 7) on ${Math.ceil(CASES / 4)} sources`, () => {
    fc.assert(fc.property(source, (text) => agree(text, false, true)), { numRuns: Math.ceil(CASES / 4), seed: SEED + 1 });
  });
});
