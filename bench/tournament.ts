// A one-shot tournament as a user scripts it: whole processes of `drq tournament` on one thread
// and on `threads`, against the same pairs run by pMARS one process after another (what a
// script around pmars does). The engines take turns, run after run; medians, as in startup.ts.

import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { packagePath } from '../src/package-path.js';
import { pmarsRun } from './pool.js';
import { median } from './startup.js';
import { POSITION } from './workloads.js';

const run = promisify(execFile);

export interface TournamentReport {
  runs: number;
  rounds: number;
  /** The players, in seat order: each pair fights with the earlier file first. */
  warriors: string[];
  threads: number;
  /** Median wall time of the whole tournament, in milliseconds (pmars: null without a pMARS). */
  ms: { one: number; all: number; pmars: number | null };
  /**
   * pmars ÷ drq on one thread, and drq on one thread ÷ drq on `threads`, of the medians; `runs`:
   * the same ratios run by run, lowest and highest (how much the machine moved).
   */
  ratios: { pmars: number | null; threads: number; runs: { pmars: [number, number] | null; threads: [number, number] } };
  /** Pairs whose W L T differ from drq's first run, summed over runs: drq's other runs, and pMARS's (null without one). */
  mismatches: { threads: number; pmars: number | null };
}

interface Pair { first: string; second: string; wins: number; losses: number; ties: number }

/** `runs` timed turns of each engine; `tick` after each turn. */
export async function measureTournament({ pmars, threads, warriors, rounds, runs, tick }: {
  pmars: string | null; threads: number; warriors: string[]; rounds: number; runs: number; tick: () => void;
}): Promise<TournamentReport> {
  const drq = packagePath('dist/drq.cjs');
  if (!drq) throw new Error('dist/drq.cjs missing: run npm run build in the package');
  const flags = ['-r', `${rounds}`, '-F', `${POSITION}`];
  const pairs = warriors.flatMap((a, i) => warriors.slice(i + 1).map((b) => ({ files: [a, b], rounds })));
  const drqRun = async (n: number) => {
    const { stdout } = await run(process.execPath, [drq, 'tournament', ...flags, '--threads', `${n}`, '--json', ...warriors], { maxBuffer: 1 << 24 });
    return (JSON.parse(stdout) as { pairs: Pair[] }).pairs.map((p) => `${p.wins} ${p.losses} ${p.ties}`);
  };
  const engines: [keyof TournamentReport['ms'], () => Promise<string[]>][] = [['one', () => drqRun(1)]];
  if (threads > 1) engines.push(['all', () => drqRun(threads)]);
  // One pair after another, each "W L T" as pMARS prints it.
  if (pmars) engines.push(['pmars', async () => (await pmarsRun(pmars, pairs, 1, () => {})).outputs]);

  const times = new Map(engines.map(([name]) => [name, [] as number[]]));
  let reference: string[] | undefined;
  const differ = (a: string[], b: string[]) => a.filter((r, i) => r !== b[i]).length;
  const mismatches: TournamentReport['mismatches'] = { threads: 0, pmars: pmars ? 0 : null };
  for (let k = 0; k < runs; k++) {
    for (const [name, engine] of engines) {
      const start = performance.now();
      const results = await engine();
      times.get(name)!.push(performance.now() - start);
      // Every run is checked against the first drq run: no result may depend on the run.
      reference ??= results;
      if (name === 'pmars') mismatches.pmars! += differ(results, reference);
      else mismatches.threads += differ(results, reference);
    }
    tick();
  }
  const ones = times.get('one')!;
  const alls = times.get('all') ?? ones;
  const range = (over: number[], under: number[]): [number, number] => {
    const ratios = over.map((t, k) => t / under[k]);
    return [Math.min(...ratios), Math.max(...ratios)];
  };
  const [one, all] = [median(ones), median(alls)];
  const pm = pmars ? median(times.get('pmars')!) : null;
  return {
    runs, rounds, warriors, threads,
    ms: { one, all, pmars: pm },
    ratios: {
      pmars: pm === null ? null : pm / one,
      threads: one / all,
      runs: { pmars: pmars ? range(times.get('pmars')!, ones) : null, threads: range(ones, alls) },
    },
    mismatches,
  };
}
