// Live differential test against the reference pMARS ($PMARS): random battles of real
// warriors (the project's, and the shared human ones when present; drq assembles them, pMARS
// assembles the same files) and of generated warriors exercising every opcode,
// modifier and mode, SPL-heavy and P-space code, 2-4 warriors, random -F and rounds, on
// standard and small cores. Compares pMARS's score and Results lines exactly.
// DIFF_BATTLES sets the number of battles (default 2000, what CI runs), DIFF_SEED the generator seed.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createMars, type BattleResult, type MarsSettings, type Warrior } from '../../src/vm/mars.js';
import { assembled, MODES, MODIFIERS, OPCODES, show } from './listing.js';
import { needsPmars, PMARS, prng, realWarriorFiles } from '../support.js';

const run = promisify(execFile);
const BATTLES = Number(process.env.DIFF_BATTLES ?? 2000);
const SEED = Number(process.env.DIFF_SEED ?? 1994);


interface Case { files: string[]; warriors: Warrior[]; settings: MarsSettings; F: number | null; rounds: number }

const SMALL: MarsSettings[] = [
  { coresize: 80, cycles: 800, processes: 8, maxLength: 5, separation: 5 },
  { coresize: 800, cycles: 8000, processes: 80, maxLength: 20, separation: 20 },
  { coresize: 8000, cycles: 8000, processes: 64, maxLength: 20, separation: 100 },
  // Crowded: 3-4 warriors often exhaust posit()'s retries, so pMARS falls back to npos().
  { coresize: 100, cycles: 1000, processes: 16, maxLength: 5, separation: 24 },
];
const STANDARD: MarsSettings = { coresize: 8000, cycles: 80000, processes: 8000, maxLength: 100, separation: 100 };

function generated(rand: () => number, settings: MarsSettings, index: number, pin: number | null): { warrior: Warrior; source: string } {
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
  const length = 1 + Math.floor(rand() * settings.maxLength);
  // Bias towards the opcodes that make programs live long and interact: SPL, MOV, DJN, P-space.
  const ops = [...OPCODES, 'SPL', 'SPL', 'MOV', 'MOV', 'DJN', 'JMP', 'ADD', 'LDP', 'STP'];
  const value = () => (rand() < 0.8 ? Math.floor(rand() * 21) - 10 : Math.floor(rand() * settings.coresize));
  const lines: string[] = [];
  const cells: number[] = [];
  for (let i = 0; i < length; i++) {
    const op = OPCODES.indexOf(pick(ops));
    const word = (op << 9) | (Math.floor(rand() * 7) << 6) | (MODES.indexOf(pick(MODES)) << 3) | MODES.indexOf(pick(MODES));
    const cell = [word, (value() + settings.coresize) % settings.coresize, (value() + settings.coresize) % settings.coresize];
    cells.push(...cell);
    lines.push(show(cell, settings.coresize));
  }
  // Most programs end in a jump back to their first cell, so their processes keep cycling
  // through the random instructions instead of running off into empty (DAT) core.
  if (length > 1 && rand() < 0.7) {
    const back = [(13 << 9) | (1 << 6) | (1 << 3) | 1, settings.coresize - (length - 1), 0];
    cells.splice(-3, 3, ...back);
    lines[length - 1] = show(back, settings.coresize);
  }
  const start = Math.floor(rand() * length);
  const name = `gen${index}`;
  const source = [';redcode-94', `;name ${name}`, ';author drq', ';assert 1', `ORG ${start}`, ...(pin === null ? [] : [`PIN ${pin}`]), ...lines, ''].join('\n');
  return { warrior: { image: Int32Array.from(cells), start, pin, name, author: 'drq' }, source };
}

/** A real warrior with about one field in ten changed (opcode, modifier, a mode or a number). */
function mutated(rand: () => number, base: Warrior, index: number): { warrior: Warrior; source: string } {
  const cs = STANDARD.coresize;
  const image = Int32Array.from(base.image);
  for (let i = 0; i < image.length; i += 3) {
    if (rand() >= 0.1) continue;
    const field = Math.floor(rand() * 6);
    const op = image[i];
    if (field === 0) image[i] = (Math.floor(rand() * OPCODES.length) << 9) | (op & 0x1ff);
    else if (field === 1) image[i] = (op & ~0x1c0) | (Math.floor(rand() * 7) << 6);
    else if (field === 2) image[i] = (op & ~0x38) | (Math.floor(rand() * 8) << 3);
    else if (field === 3) image[i] = (op & ~0x7) | Math.floor(rand() * 8);
    else image[i + field - 3] = (image[i + field - 3] + Math.floor(rand() * 21) - 10 + cs) % cs;
  }
  const lines: string[] = [];
  for (let i = 0; i < image.length; i += 3) lines.push(show(image.subarray(i, i + 3), cs));
  const name = `mut${index}`;
  const pin = base.pin === null ? [] : [`PIN ${base.pin}`];
  const source = [';redcode-94', `;name ${name}`, ';author drq', ';assert 1', `ORG ${base.start}`, ...pin, ...lines, ''].join('\n');
  return { warrior: { ...base, image, name, author: 'drq' }, source };
}

function makeCase(rand: () => number, dir: string, k: number, humans: string[]): Case {
  const n = 2 + Math.floor(rand() * 3);
  const kind = rand();
  const human = kind < 0.3;
  const mutant = !human && kind < 0.6;
  const settings = human || mutant ? STANDARD : SMALL[Math.floor(rand() * SMALL.length)];
  const files: string[] = [];
  const warriors: Warrior[] = [];
  const sharedPin = rand() < 0.3 ? Math.floor(rand() * 3) : null;
  for (let i = 0; i < n; i++) {
    const file = humans[Math.floor(rand() * humans.length)];
    const real = human || mutant ? assembled(file, n, i) : null;
    if (human && real) {
      files.push(file);
      warriors.push(real);
    } else if (mutant && real) {
      const { warrior, source } = mutated(rand, real, i);
      const file = join(dir, `c${k}w${i}.red`);
      writeFileSync(file, source);
      files.push(file);
      warriors.push(warrior);
    } else {
      const pin = sharedPin !== null && rand() < 0.6 ? sharedPin : null;
      const { warrior, source } = generated(rand, settings, i, pin);
      const file = join(dir, `c${k}w${i}.red`);
      writeFileSync(file, source);
      files.push(file);
      warriors.push(warrior);
    }
  }
  const { coresize, separation } = settings;
  // One battle in five seeds from the warriors' checksum (-f) instead of -F.
  const F = rand() < 0.2 ? null : separation + Math.floor(rand() * (coresize - 2 * separation + 1));
  const rounds = 1 + Math.floor(rand() * (human || mutant ? 4 : 8));
  return { files, warriors, settings, F, rounds };
}

function pmarsLines(r: BattleResult): string[] {
  const out: string[] = [];
  for (const w of r.warriors) {
    out.push(`${w.name} by ${w.author} scores ${w.score}`);
    if (r.warriors.length > 2) out.push(`  Results: ${w.survivedWith.join(' ')} ${w.deaths}`);
  }
  if (r.warriors.length === 2) out.push(`Results: ${r.results.wins} ${r.results.losses} ${r.results.ties}`);
  return out;
}

describe.runIf(needsPmars())('differential against $PMARS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drq-diff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const humans = realWarriorFiles().filter((f) => assembled(f) !== null);
  const rand = prng(SEED);
  const cases = Array.from({ length: BATTLES }, (_, k) => makeCase(rand, dir, k, humans));
  const mars = createMars();

  it(`${BATTLES} random battles match pMARS (seed ${SEED})`, async () => {
    const mismatches: string[] = [];
    const parallel = 4;
    for (let i = 0; i < cases.length; i += parallel) {
      await Promise.all(cases.slice(i, i + parallel).map(async (c, j) => {
        const s = c.settings;
        const args = ['-b', '-r', `${c.rounds}`, ...(c.F === null ? ['-f'] : ['-F', `${c.F}`]), '-s', `${s.coresize}`, '-c', `${s.cycles}`,
          '-p', `${s.processes}`, '-l', `${s.maxLength}`, '-d', `${s.separation}`, ...c.files];
        const { stdout } = await run('sh', ['-c', `"$0" "$@" < /dev/null 2>/dev/null`, PMARS!, ...args], { encoding: 'latin1' });
        const expected = stdout.split('\n').filter((l) => / scores |Results:/.test(l));
        const seed = c.F === null ? { kind: 'checksum' as const } : { kind: 'position' as const, value: c.F };
        const r = mars.battle(c.warriors, s, seed, { rounds: c.rounds });
        const got = r.ok ? pmarsLines(r) : [r.error];
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          mismatches.push(`case ${i + j}: pmars ${args.join(' ')}\n  pmars: ${expected.join(' | ')}\n  drq:   ${got.join(' | ')}`);
        }
      }));
    }
    expect(mismatches).toEqual([]);
  });
});
