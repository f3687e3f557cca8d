// `drq eval` against a live pMARS ($PMARS): for every warrior and every opponent, the W/L/T that
// `pmars -r N [-f | -F N] [settings] WARRIOR OPPONENT` prints, and the KotH score computed from
// them; on the project's warriors and on warriors generated here from a seeded generator.

import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, HUMAN, needsPmars, needsShared, PMARS, prng, redcodeIn, WARRIORS } from '../support.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'drq-eval-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A small random warrior pMARS and drq both assemble: any opcode, modifier and mode, small numbers. */
function generated(rand: () => number, name: string): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const ops = ['MOV', 'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'JMZ', 'JMN', 'DJN', 'CMP', 'SLT', 'SPL', 'DAT', 'JMP', 'SEQ', 'SNE', 'NOP'];
  const field = () => `${pick(['#', '$', '@', '<', '>', '*', '{', '}'])}${Math.floor(rand() * 41) - 20}`;
  const lines = Array.from({ length: 1 + Math.floor(rand() * 8) }, () =>
    `        ${pick(ops)}.${pick(['A', 'B', 'AB', 'BA', 'F', 'X', 'I'])} ${field()}, ${field()}`);
  return `;redcode-94\n;name ${name}\n;author drq test\n${lines.join('\n')}\n        END ${Math.floor(rand() * lines.length)}\n`;
}

/** The opponents: the project's warriors and eight generated ones. */
function benchmark(): { dir: string; files: string[] } {
  const dir = join(work, 'against');
  mkdirSync(dir);
  cpSync(WARRIORS, dir, { recursive: true, filter: (f) => !f.endsWith('.md') });
  const rand = prng(12);
  for (let i = 0; i < 8; i++) writeFileSync(join(dir, `gen${i}.red`), generated(rand, `gen${i}`));
  return { dir, files: readdirSync(dir).filter((f) => f.endsWith('.red')).sort() };
}

interface Matchup { opponent: string; wins: number; losses: number; ties: number; score: number }
interface Report { file: string; score: number; generality: number; wins: number; losses: number; ties: number; matchups: Matchup[] }

async function pmarsWlt(args: string[]): Promise<[number, number, number]> {
  const { stdout } = await run(PMARS!, ['-b', ...args]);
  const m = /Results: (\d+) (\d+) (\d+)/.exec(stdout);
  if (!m) throw new Error(`pmars ${args.join(' ')} printed no Results line:\n${stdout}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const live = needsPmars();

describe.runIf(live)('drq eval against pmars', () => {
  const { dir, files } = live ? benchmark() : { dir: '', files: [] };
  const cases: [string, string[]][] = [
    ['-r 20 -f', ['-r', '20', '-f']],
    ['-r 12 -F 3000', ['-r', '12', '-F', '3000']],
    ['-r 10 -f -c 20000 -p 64', ['-r', '10', '-f', '-c', '20000', '-p', '64']],
  ];
  for (const [label, flags] of cases) {
    it(`gives pmars's W/L/T and the score it implies, each warrior against each (${label})`, async () => {
      const warriors = files.map((f) => join(dir, f));
      const out = spawnSync(process.execPath, [CLI, 'eval', ...warriors, '--against', dir, ...flags, '--json', '--threads', '2'], { encoding: 'utf8' });
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      const reports = JSON.parse(out.stdout) as Report[];
      expect(reports.map((r) => r.file)).toEqual(warriors);
      const rounds = Number(flags[1]);
      for (const report of reports) {
        expect(report.matchups.map((m) => m.opponent)).toEqual(files);
        const theirs = await Promise.all(files.map((f) => pmarsWlt([...flags, report.file, join(dir, f)])));
        const label = `${report.file}`;
        expect(report.matchups.map((m) => [m.wins, m.losses, m.ties]), label).toEqual(theirs);
        const score = theirs.reduce((s, [w, , t]) => s + (100 * (3 * w + t)) / rounds, 0) / theirs.length;
        expect(report.score, label).toBeCloseTo(score, 9);
        expect([report.wins, report.losses, report.ties]).toEqual([0, 1, 2].map((k) => theirs.reduce((s, x) => s + x[k], 0)));
      }
    });
  }

  it.runIf(live && needsShared())("gives pmars's W/L/T on human warriors against a benchmark folder of others", async () => {
    const humans = readdirSync(HUMAN).filter((f) => f.endsWith('.red')).sort();
    const bench = join(work, 'human-bench');
    mkdirSync(bench);
    for (const f of humans.filter((_, i) => i % 25 === 7)) cpSync(join(HUMAN, f), join(bench, f));
    const warriors = [humans[2], humans[150], humans[300]].map((f) => join(HUMAN, f));
    const out = spawnSync(process.execPath, [CLI, 'eval', ...warriors, '--against', bench, '-r', '20', '-f', '--json', '--threads', '2'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    for (const report of JSON.parse(out.stdout) as Report[]) {
      const theirs = await Promise.all(report.matchups.map((m) => pmarsWlt(['-r', '20', '-f', report.file, join(bench, m.opponent)])));
      expect(report.matchups.map((m) => [m.wins, m.losses, m.ties]), report.file).toEqual(theirs);
    }
  });

  it('prints the table with the score and a note on score versus generality', () => {
    const out = spawnSync(process.execPath, [CLI, 'eval', join(WARRIORS, 'imp.red'), '--against', dir, '-r', '4', '-f', '--threads', '1'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/imp\.red: score \d+\.\d\d, generality \d\.\d{3} against 13 warriors/);
    expect(out.stdout).toMatch(/^ {2}opponent +W +L +T +score/m);
    expect(out.stdout).toMatch(/^score: the Core War hills' scale/m);
    expect(out.stdout).toMatch(/^generality: the DRQ paper's/m);
  });
});

describe('drq eval placement flags', () => {
  it('refuses -f with --seed, as battle does', () => {
    const out = spawnSync(process.execPath, [CLI, 'eval', join(WARRIORS, 'imp.red'), '--against', WARRIORS, '-f', '--seed', '3'], { encoding: 'utf8' });
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/mutually exclusive/);
  });

  it('--seed N fights every opponent on the placements of drq battle --seed N', () => {
    const ev = JSON.parse(spawnSync(process.execPath, [CLI, 'eval', join(WARRIORS, 'dwarf.red'), '--against', WARRIORS, '-r', '7', '--seed', '4242', '--json', '--threads', '1'], { encoding: 'utf8' }).stdout) as Report[];
    for (const m of ev[0].matchups) {
      const b = spawnSync(process.execPath, [CLI, 'battle', '-b', '-r', '7', '--seed', '4242', join(WARRIORS, 'dwarf.red'), join(WARRIORS, m.opponent)], { encoding: 'utf8' });
      expect(b.stdout).toContain(`Results: ${m.wins} ${m.losses} ${m.ties}\n`);
    }
  });
});

describe('drq eval warriors given as a directory', () => {
  it("stands for the directory's .red files, sorted, as --against reads it", () => {
    const evalJson = (...warriors: string[]) =>
      spawnSync(process.execPath, [CLI, 'eval', ...warriors, '--against', WARRIORS, '-r', '3', '--seed', '9', '--json', '--threads', '1'], { encoding: 'utf8' });
    const files = redcodeIn(WARRIORS);
    const byDir = evalJson(WARRIORS);
    expect(byDir.status).toBe(0);
    expect(JSON.parse(byDir.stdout)).toEqual(JSON.parse(evalJson(...files).stdout));
  });

  it('ends the table of several warriors with their mean score and generality', () => {
    const args = [CLI, 'eval', WARRIORS, '--against', WARRIORS, '-r', '3', '--seed', '9', '--threads', '1'];
    const reports = JSON.parse(spawnSync(process.execPath, [...args, '--json'], { encoding: 'utf8' }).stdout) as Report[];
    const mean = (key: 'score' | 'generality') => reports.reduce((t, r) => t + r[key], 0) / reports.length;
    const out = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`mean of ${reports.length} warriors: score ${mean('score').toFixed(2)}, generality ${mean('generality').toFixed(3)}\n`);
    const one = spawnSync(process.execPath, [CLI, 'eval', join(WARRIORS, 'imp.red'), ...args.slice(3)], { encoding: 'utf8' });
    expect(one.stdout).not.toContain('mean of');
  });

  it('names an opponent that does not assemble once, however many warriors meet the others', () => {
    const against = join(work, 'with-bad');
    mkdirSync(against);
    cpSync(join(WARRIORS, 'imp.red'), join(against, 'imp.red'));
    writeFileSync(join(against, 'bad.red'), ';redcode-94\n        mov.i   0, 1\n        frob    0, 1\n');
    const out = spawnSync(process.execPath, [CLI, 'eval', join(WARRIORS, 'imp.red'), join(WARRIORS, 'dwarf.red'), '--against', against, '-r', '2', '--threads', '1'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stderr.match(/skipped bad\.red: it does not assemble/g)).toHaveLength(1);
    expect(out.stdout).toContain('mean of 2 warriors');
  });

  it('names a directory without .red files and goes on with the rest', () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    const out = spawnSync(process.execPath, [CLI, 'eval', empty, join(WARRIORS, 'imp.red'), '--against', WARRIORS, '-r', '2', '--threads', '1'], { encoding: 'utf8' });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`${empty}: error: ${empty} holds no .red files`);
    expect(out.stdout).toMatch(/imp\.red: score /);
  });
});
