// Real `drq evolve` processes on a small offline run, for the tests of the run directory's
// guarantees: what the run writes, and children to signal, kill or freeze mid-run.

import { type ChildProcess, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../support.js';

if (!existsSync(CLI)) throw new Error('dist/drq.cjs is missing: npm run build');

/** A run of 4 rounds whose every slot is fought (the threshold is out of reach): 282 candidates. */
export const ARGS = ['evolve', '--offline', '--preset', 'tiny', '--rounds', '4', '--iterations', '60', '--battle-rounds', '8',
  '--fitness-threshold', '50', '--seed', '99', '--threads', '2', '--concurrency', '4'];
export const CANDIDATES = 4 * (8 + 60) + 1 + 2 + 3 + 4;

export const lines = (dir: string): string[] =>
  existsSync(join(dir, 'candidates.jsonl')) ? readFileSync(join(dir, 'candidates.jsonl'), 'utf8').split('\n').filter(Boolean) : [];
export const champions = (dir: string): string[] =>
  readdirSync(join(dir, 'champions')).sort().map((f) => readFileSync(join(dir, 'champions', f), 'utf8'));
export const summary = (dir: string): { status: string; reason: string | null; seconds: number; roundsDone: number } =>
  JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

export const drq = (args: string[]): SpawnSyncReturns<string> => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

export interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function launch(args: string[]): Running {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));
  return { child, stderr: () => stderr, exited };
}

/** Resolves once `ready()` holds, polling; rejects if the child ends first. */
export function until(run: Running, ready: () => boolean): Promise<void> {
  return new Promise((done, fail) => {
    let over = false;
    void run.exited.then(() => { over = true; });
    const poll = setInterval(() => {
      if (ready()) {
        clearInterval(poll);
        done();
      } else if (over) {
        clearInterval(poll);
        fail(new Error(`the run ended before it was ready:\n${run.stderr()}`));
      }
    }, 5);
  });
}
