// `drq battle` and `drq tournament` as real processes against a live pMARS ($PMARS): stdout
// byte for byte (listings, score and Results lines, -k, settings flags), exit status, and each
// tournament pair's W/L/T. Runs dist/drq.cjs, which `npm test` builds first.
// CLI_BATTLES sets the number of random battles (default 24).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI, HUMAN, needsPmars, needsShared, PMARS, prng, redcodeIn } from '../support.js';

const run = promisify(execFile);
const BATTLES = Number(process.env.CLI_BATTLES ?? 24);

interface Ran { status: number; stdout: Buffer; stderr: string }

async function exec(file: string, args: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(file, args, { encoding: 'buffer', maxBuffer: 1 << 24 });
    return { status: 0, stdout, stderr: stderr.toString() };
  } catch (e) {
    const err = e as { code?: number; stdout: Buffer; stderr: Buffer };
    if (typeof err.code !== 'number') throw e;
    return { status: err.code, stdout: err.stdout, stderr: err.stderr.toString() };
  }
}

const drq = (args: string[]) => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npx tsc -p tsconfig.json (npm test does)`);
  return exec(process.execPath, [CLI, ...args]);
};

/** Runs `jobs` with at most `width` at a time (CI has two cores). */
async function limited<T>(jobs: (() => Promise<T>)[], width = 4): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  }));
  return out;
}

const SETTINGS = [['-p', '64'], ['-c', '20000'], ['-s', '4000', '-d', '200'], ['-l', '50'], ['-S', '100'], ['-8']];

const live = needsShared() && needsPmars();
const files = live ? redcodeIn(HUMAN) : [];

describe.runIf(live)('drq battle against pmars', () => {
  it(`prints what pmars prints, byte for byte (${BATTLES} random battles of 2-4 human warriors, random flags)`, async () => {
    const rand = prng(Number(process.env.CLI_SEED ?? 31));
    const cases = Array.from({ length: BATTLES }, (_, i) => {
      const n = 2 + Math.floor(rand() * 3);
      const chosen = Array.from({ length: n }, () => files[Math.floor(rand() * files.length)]);
      const flags = ['-r', String(1 + Math.floor(rand() * 12))];
      // Every fourth battle seeds from the checksum (-f); the others place warrior 2 with -F.
      flags.push(...(i % 4 === 3 ? ['-f'] : ['-F', String(100 + Math.floor(rand() * 7800))]));
      // Now and then other settings, some of which a warrior does not fit (pmars refuses it).
      if (rand() < 0.3) flags.push(...SETTINGS[Math.floor(rand() * SETTINGS.length)]);
      if (rand() < 0.5) flags.push('-b');
      if (rand() < 0.3) flags.push('-k');
      return [...flags, ...chosen];
    });
    const results = await limited(cases.map((args) => async () => [await exec(PMARS!, args), await drq(['battle', ...args])] as const));
    results.forEach(([theirs, ours], i) => {
      const label = `pmars ${cases[i].join(' ')}`;
      expect(ours.status, label).toBe(theirs.status);
      expect(ours.stdout.toString('latin1'), label).toBe(theirs.stdout.toString('latin1'));
    });
  });

  it("goes on past the cycle limit when a death takes the round's last instruction, as pmars does", async () => {
    // pmars's `cycle` goes from 1 to 0 at that death and `while (--cycle)` never ends the round
    // again: imp0 outlives "late", which dies at its 16th turn of 10.
    const dir = mkdtempSync(join(tmpdir(), 'drq-overtime-'));
    const warriors = { 'imp0.red': ['JMP.B $0, $0'], 'late.red': ['DJN.B $0, #15', 'DAT.F $0, $0'], 'last.red': [...Array(9).fill('NOP.F $0, $0'), 'DAT.F $0, $0'] };
    for (const [file, lines] of Object.entries(warriors)) writeFileSync(join(dir, file), `;redcode-94\n;name ${file}\n;assert 1\n${lines.join('\n')}\n`);
    const args = ['-b', '-c', '10', '-r', '1', '-F', '2000', ...Object.keys(warriors).map((f) => join(dir, f))];
    const [theirs, ours] = [await exec(PMARS!, args), await drq(['battle', ...args])];
    rmSync(dir, { recursive: true });
    expect(theirs.stdout.toString('latin1')).toMatch(/imp0.red by Anonymous scores 8/);
    expect(ours.stdout.toString('latin1')).toBe(theirs.stdout.toString('latin1'));
  });
  it('refuses a warrior that does not assemble as pmars does: earlier listings, exit status 3, FILE:LINE:COL', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'drq-cli-')), 'bad.red');
    writeFileSync(bad, ';redcode-94\n;assert 1\nstart mov 0, 1\n        jmp start, )\n');
    const args = ['-r', '2', files[0], bad];
    const [theirs, ours] = [await exec(PMARS!, args), await drq(['battle', ...args])];
    expect(ours.status).toBe(theirs.status);
    expect(ours.stdout.toString('latin1')).toBe(theirs.stdout.toString('latin1'));
    expect(ours.stderr).toMatch(/bad\.red:4:\d+: error: /);
  });

  it('prints the clock seed on stderr, and --seed replays the run', async () => {
    const args = ['-b', '-r', '3', files[1], files[2]];
    const first = await drq(['battle', ...args]);
    const seed = /seed (\d+)/.exec(first.stderr)?.[1];
    expect(seed).toBeDefined();
    const again = await drq(['battle', '--seed', seed!, ...args]);
    expect(again.stdout.toString()).toBe(first.stdout.toString());
    expect(again.stderr).not.toMatch(/seed/);
  });

  it('--json carries the totals and each round', async () => {
    const ours = await drq(['battle', '--json', '-r', '4', '-F', '2500', files[3], files[4], files[5]]);
    const theirs = await exec(PMARS!, ['-b', '-k', '-r', '4', '-F', '2500', files[3], files[4], files[5]]);
    const r = JSON.parse(ours.stdout.toString());
    expect(r.rounds).toHaveLength(4);
    expect(r.warriors.map((w: { score: number; survivedWith: number[]; deaths: number }) =>
      `${w.score} ${w.survivedWith.map((s) => `${s} `).join('')}${w.deaths}\n`).join('')).toBe(theirs.stdout.toString());
    for (const round of r.rounds) {
      expect(round.warriors).toHaveLength(3);
      expect(round.survivors).toBe(round.warriors.filter((w: { survived: boolean }) => w.survived).length);
    }
  });
});

describe.runIf(live)('drq tournament against pmars', () => {
  it("gives every pair pmars's W L T for that pair", async () => {
    const chosen = [files[6], files[20], files[40], files[60]];
    const flags = ['-r', '8', '-F', '1777'];
    const ours = JSON.parse((await drq(['tournament', '--json', '--threads', '2', ...flags, ...chosen])).stdout.toString());
    expect(ours.pairs).toHaveLength(6);
    const theirs = await limited(ours.pairs.map((p: { first: string; second: string }) => () => exec(PMARS!, ['-b', ...flags, p.first, p.second])));
    ours.pairs.forEach((p: { wins: number; losses: number; ties: number }, i: number) => {
      expect(`Results: ${p.wins} ${p.losses} ${p.ties}`).toBe(/Results: \d+ \d+ \d+/.exec(theirs[i].stdout.toString())?.[0]);
    });
  });
});
