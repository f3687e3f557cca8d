// `drq view` through the real command, in Chromium (playwright-core, /usr/bin/chromium): the page
// loads, steps, plays a round to its end and shows the winners `drq battle --json` reports for the
// same flags, without a console error or a request off 127.0.0.1; Ctrl-C stops the server.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { winnerOf } from '../../src/view/replay.js';
import { launchChromium, watchProblems } from '../browser.js';
import { CLI, WARRIORS } from '../support.js';

const FLAGS = [`${WARRIORS}/dwarf.red`, `${WARRIORS}/scanner.red`, '-F', '4000', '-r', '2'];

interface BattleJson { warriors: { name: string; score: number }[]; rounds: { warriors: { survived: boolean }[] }[] }

let server: ChildProcess | undefined;
afterAll(() => { server?.kill('SIGKILL'); });

/** Start `drq view` and resolve with the URL it prints. */
function startViewer(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'view', ...args, '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  return new Promise((done, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const line = /^(http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(out);
      if (line) done(line[1]);
    });
    child.stderr!.on('data', (d: Buffer) => { err += d; });
    child.on('exit', (code) => reject(new Error(`drq view exited ${code}: ${err}`)));
  });
}

describe('drq view', () => {
  it('refuses a round outside the battle, with exit status 2', () => {
    const r = spawnSync(process.execPath, [CLI, 'view', ...FLAGS, '--round', '3', '--no-open'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--round must be 1\.\.2/);
  });

  it('replays each round in Chromium to the winner drq battle reports', async () => {
    if (!existsSync(CLI)) throw new Error('dist/drq.cjs is missing: npm run build');
    const browser = await launchChromium();
    if (!browser) return;
    const reported = spawnSync(process.execPath, [CLI, 'battle', ...FLAGS, '--json'], { encoding: 'utf8' });
    expect(reported.status).toBe(0);
    const battle = JSON.parse(reported.stdout) as BattleJson;
    const names = battle.warriors.map((w) => w.name);
    const battleWinner = winnerOf(battle.warriors.map((w) => w.score));
    const roundWinner = (r: number) => {
      const alive = names.filter((_, i) => battle.rounds[r - 1].warriors[i].survived);
      return alive.length === 1 ? alive[0] : 'tie';
    };

    const url = await startViewer(FLAGS);
    try {
      const tab = await browser.newPage({ viewport: { width: 1200, height: 1200 } });
      const problems = watchProblems(tab, (u) => u.startsWith(url));
      await tab.goto(url, { waitUntil: 'load' });
      await tab.waitForSelector('body[data-ready="1"]');
      for (let i = 0; i < 3; i++) await tab.click('#step');
      expect(await tab.textContent('#status')).toMatch(/^instruction 3 of \d+/);
      expect(await tab.getAttribute('#winner', 'data-winner')).toBeNull();

      await tab.click('#end');
      expect(await tab.getAttribute('#round-winner', 'data-winner')).toBe(roundWinner(1));
      expect(await tab.getAttribute('#winner', 'data-winner')).toBe(battleWinner === null ? 'tie' : names[battleWinner]);

      // Round 2, played rather than jumped through, at the highest speed.
      await tab.selectOption('#round', '2');
      await tab.waitForSelector('body[data-ready="2"]');
      await tab.selectOption('#speed', '10000');
      await tab.click('#play');
      await tab.waitForSelector('#round-winner[data-winner]');
      expect(await tab.getAttribute('#round-winner', 'data-winner')).toBe(roundWinner(2));
      const chart = await tab.$eval('#procs canvas', (c) => c.getBoundingClientRect().width);
      expect(chart).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }

    const exited = new Promise<number | null>((done) => server!.once('exit', (code) => done(code)));
    server!.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
