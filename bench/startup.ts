// Start-up as scripts that call drq once per battle see it: whole processes of `drq battle -r 1`
// and `drq --help` against `node -e 0` on the same machine, and pMARS's `-r 1` on the same two
// warriors. The commands take turns, run after run, so that a busy neighbour slows all alike;
// medians, since a shared machine adds outliers in one direction only.

import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { packagePath } from '../src/package-path.js';

const run = promisify(execFile);

export interface StartupReport {
  runs: number;
  /** The battle's two warriors (the package's own). */
  warriors: string[];
  /** Median wall time of each command, in milliseconds (pmars: null without a pMARS). */
  ms: { node: number; battle: number; help: number; pmars: number | null };
}

const WARMUP = 2;

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** `runs` timed turns of each command after WARMUP untimed ones; `tick` after each turn. */
export async function measureStartup({ pmars, runs, tick }: { pmars: string | null; runs: number; tick: () => void }): Promise<StartupReport> {
  const drq = packagePath('dist/drq.cjs');
  const imp = packagePath('warriors/imp.red');
  const dwarf = packagePath('warriors/dwarf.red');
  if (!drq || !imp || !dwarf) throw new Error('dist/drq.cjs or warriors/ missing: run npm run build in the package');
  const commands: [keyof StartupReport['ms'], string, string[]][] = [
    ['node', process.execPath, ['-e', '0']],
    ['battle', process.execPath, [drq, 'battle', '-r', '1', '-b', '--seed', '1', imp, dwarf]],
    ['help', process.execPath, [drq, '--help']],
  ];
  if (pmars) commands.push(['pmars', pmars, ['-b', '-r', '1', imp, dwarf]]);
  const times = commands.map(() => [] as number[]);
  for (let k = 0; k < WARMUP + runs; k++) {
    for (const [i, [, file, args]] of commands.entries()) {
      const start = performance.now();
      await run(file, args);
      if (k >= WARMUP) times[i].push(performance.now() - start);
    }
    if (k >= WARMUP) tick();
  }
  const ms: StartupReport['ms'] = { node: 0, battle: 0, help: 0, pmars: null };
  commands.forEach(([name], i) => { ms[name] = median(times[i]); });
  return { runs, warriors: [imp, dwarf], ms };
}
