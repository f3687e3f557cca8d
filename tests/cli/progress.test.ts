// Progress bars on a terminal: `drq tournament`, `drq eval`, `drq report` and `drq bench` run
// under a real pseudo-terminal (util-linux `script`) draw a bar on stderr that ends at the total
// and is cleared; through a pipe they print none.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, redcodeIn, requires, WARRIORS } from '../support.js';

const SCRIPT = '/usr/bin/script';
const work = mkdtempSync(join(tmpdir(), 'drq-progress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const warriors = redcodeIn(WARRIORS);

/** The command's output as a terminal shows it (stdout and stderr together, \r kept). */
const onTerminal = (args: string[]): string =>
  spawnSync(SCRIPT, ['-qec', [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], { encoding: 'utf8' }).stdout;

/** The last bar drawn before the bar's line was cleared. */
const lastBar = (out: string, label: string): string | undefined =>
  out.split('\r').filter((part) => part.startsWith(`${label} [`)).at(-1)?.replace(/\x1b\[K$/, '');

describe.runIf(requires(`util-linux script at ${SCRIPT} (a pseudo-terminal)`, existsSync(SCRIPT)))('progress bars', () => {
  it('tournament: a bar up to every pair, then the table', () => {
    const out = onTerminal(['tournament', ...warriors, '-r', '50', '--seed', '3', '--threads', '2']);
    expect(lastBar(out, 'tournament')).toBe(`tournament [${'#'.repeat(24)}] 10/10 battles`);
    expect(out).toMatch(/\r\x1b\[KPairs \(50 rounds each/);
    const piped = spawnSync(process.execPath, [CLI, 'tournament', ...warriors, '-r', '50', '--seed', '3', '--threads', '2'], { encoding: 'utf8' });
    expect(piped.stderr).toBe('');
  });

  it('eval: a bar per warrior evaluated', () => {
    const out = onTerminal(['eval', warriors[0], '--against', WARRIORS, '-r', '20', '--threads', '2']);
    expect(lastBar(out, `${warriors[0].split('/').at(-1)} vs ${WARRIORS}`)).toMatch(/\[#{24}\] 5\/5 battles$/);
  });

  it('report: a bar over the champions matrix', () => {
    const run = join(work, 'run');
    const evolved = spawnSync(process.execPath, [CLI, 'evolve', '--offline', '--preset', 'tiny', '--rounds', '4', '--iterations', '10',
      '--battle-rounds', '4', '--seed', '2', '--threads', '1', '--out', run], { encoding: 'utf8' });
    expect(evolved.status).toBe(0);
    const out = onTerminal(['report', run, '--threads', '2']);
    expect(lastBar(out, 'champions matrix')).toBe(`champions matrix [${'#'.repeat(24)}] 6/6 battles`);
    expect(out).toContain(join(run, 'report.html'));
  });

  it('bench: a bar over the battles, then one over the start-up runs', () => {
    const out = onTerminal(['bench', '--quick', '--no-pmars', '--threads', '2', '--warriors', WARRIORS, '--workload', 'tie', 'startup']);
    expect(lastBar(out, 'bench')).toBe(`bench [${'#'.repeat(24)}] 2/2 battles`);
    expect(lastBar(out, 'start-up')).toBe(`start-up [${'#'.repeat(24)}] 3/3 runs`);
    expect(out).toMatch(/\r\x1b\[Kdrq bench: /);
  });
});
