// `drq bench`: VM and pool throughput on fixed workloads, side by side with pMARS when one is
// found (--pmars PATH, $PMARS, or pmars on PATH).

import { accessSync, constants } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import type { Command } from 'commander';
import type { Speed, WorkloadReport } from '../../bench/pool.js';
import type { StartupReport } from '../../bench/startup.js';
import type { TournamentReport } from '../../bench/tournament.js';
import { buildWorkloads, defaultWarriorsDir, WORKLOAD_NAMES } from '../../bench/workloads.js';
import { createRunner } from '../vm/runner.js';
import { fail, integer, InvalidArgumentError, openBattles, withRedis } from './options.js';
import { createProgressBar } from './progress.js';

interface BenchFlags {
  threads?: number; pmars?: string | false; json?: boolean; quick?: boolean; repeats?: number; workload?: string[]; warriors?: string; redis?: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findPmars(flag: string | false | undefined): string | null {
  if (flag === false) return null;
  const given = flag ?? process.env.PMARS;
  if (given) return executable(given) ? given : fail(`pMARS not found or not executable: ${given}`);
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'pmars')).find(executable) ?? null;
}

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The start-up section: each command's median, and drq's over `node -e 0` on this machine. */
function startupReport(r: StartupReport): string {
  const line = (label: string, ms: number, over = '') => `  ${label.padEnd(18)} ${ms.toFixed(1).padStart(8)} ms${over}\n`;
  const over = (ms: number) => `   +${(ms - r.ms.node).toFixed(1)} over node -e 0`;
  return `startup: whole process, median of ${counted(r.runs, 'run')}, each command in turn; the battle is ${r.warriors.map((w) => basename(w)).join(' vs ')}\n` +
    line('node -e 0', r.ms.node) + line('drq battle -r 1', r.ms.battle, over(r.ms.battle)) + line('drq --help', r.ms.help, over(r.ms.help)) +
    (r.ms.pmars === null ? '' : line('pmars -r 1', r.ms.pmars));
}

/** The tournament section: whole-process medians, and the ratios the issue's goals are stated in. */
function tournamentReport(r: TournamentReport): string {
  const line = (label: string, ms: number) => `  ${label.padEnd(22)} ${ms.toFixed(0).padStart(8)} ms\n`;
  const pairs = (r.warriors.length * (r.warriors.length - 1)) / 2;
  let text = `tournament: whole process, median of ${counted(r.runs, 'run')}, engines in turn; ${r.warriors.length} warriors × ${counted(r.rounds, 'round')} (${counted(pairs, 'pair')})\n` +
    line('drq, 1 thread', r.ms.one) + (r.threads > 1 ? line(`drq, ${r.threads} threads`, r.ms.all) : '') +
    (r.ms.pmars === null ? '' : line(`pmars, ${pairs} processes`, r.ms.pmars));
  const spread = ([low, high]: [number, number]) => (r.runs > 1 ? ` (run by run ${low.toFixed(2)}–${high.toFixed(2)}×)` : '');
  if (r.ratios.pmars !== null) text += `  drq ÷ pmars: ${r.ratios.pmars.toFixed(2)}× on 1 thread${spread(r.ratios.runs.pmars!)}\n`;
  if (r.threads > 1) text += `  ${r.threads} threads ÷ 1: ${r.ratios.threads.toFixed(2)}×${spread(r.ratios.runs.threads)}\n`;
  const against = r.mismatches.pmars === null ? '' : `, ${r.mismatches.pmars} against pmars`;
  return text + `  result mismatches: ${r.mismatches.threads} across runs${r.threads > 1 ? ' and thread counts' : ''}${against}\n`;
}

const row = (label: string, s: Speed) =>
  `  ${label.padEnd(18)} ${s.battlesPerSecond.toFixed(2).padStart(10)} ${(s.cyclesPerSecond / 1e6).toFixed(2).padStart(11)} ${s.nsPerInstruction.toFixed(2).padStart(9)}\n`;

function report(r: WorkloadReport, threads: number): string {
  let text = `${r.name}: ${r.description}\n  ${counted(r.battles, 'battle')}, ${counted(r.rounds, 'round')}, ${(r.instructions / 1e6).toFixed(1)} M instructions\n`;
  text += `  ${''.padEnd(18)} ${'battles/s'.padStart(10)} ${'Mcycles/s'.padStart(11)} ${'ns/instr'.padStart(9)}\n`;
  const parallel = threads > 1;
  text += row('drq, 1 thread', r.drq.one) + (parallel ? row(`drq, ${threads} threads`, r.drq.all) : '');
  if (r.drq.queue) text += row('drq, Redis queue', r.drq.queue) + `  queue ÷ ${threads} threads: ${((r.drq.queue.battlesPerSecond / r.drq.all.battlesPerSecond) * 100).toFixed(1)}%\n`;
  if (r.pmars && r.ratios) {
    text += row('pmars, 1 process', r.pmars.one) + (parallel ? row(`pmars, ${threads} processes`, r.pmars.all) : '');
    const [low, high] = r.ratios.repeats;
    const spread = low === high ? '' : ` (repeat by repeat ${low.toFixed(2)}–${high.toFixed(2)}×)`;
    text += `  drq ÷ pmars: ${r.ratios.one.toFixed(2)}× on 1 thread${spread}${parallel ? `, ${r.ratios.all.toFixed(2)}× on ${threads}` : ''}\n`;
  }
  const mismatches = [
    ...(parallel ? [`${r.mismatches.threads} across thread counts`] : []),
    ...(r.mismatches.pmars === null ? [] : [`${r.mismatches.pmars} against pmars (2-warrior battles)`]),
  ];
  if (parallel) text += `  ${threads} threads ÷ 1: ${(r.drq.one.seconds / r.drq.all.seconds).toFixed(2)}×\n`;
  if (mismatches.length) text += `  result mismatches: ${mismatches.join(', ')}\n`;
  if (r.outsideWasm !== null) text += `  outside Wasm: ${(r.outsideWasm * 100).toFixed(1)}% of an evaluation's wall time\n`;
  return text;
}

/** A whole-process measurement of `runs` runs under its own progress bar. */
async function withRunsBar<T>(label: string, runs: number, measure: (runs: number, tick: () => void) => Promise<T>): Promise<T> {
  const bar = createProgressBar(label, { unit: 'runs' });
  let done = 0;
  const report = await measure(runs, () => bar.update(++done, runs));
  bar.done();
  return report;
}

/** Whole-process measurements, beside the in-process workloads. */
const PROCESSES = ['tournament', 'startup'];
const WORKLOADS = [...WORKLOAD_NAMES, ...PROCESSES];

/** --workload's names, separated by spaces or commas. */
function workloadNames(value: string, previous: string[] = []): string[] {
  const names = value.split(',').filter((name) => name !== '');
  const unknown = names.find((name) => !WORKLOADS.includes(name));
  if (unknown !== undefined) throw new InvalidArgumentError(`no workload "${unknown}"; choose from ${WORKLOADS.join(', ')}`);
  return [...previous, ...names];
}

export function register(program: Command): void {
  withRedis(program
    .command('bench'))
    .description('battles/s, MARS cycles/s and ns per instruction on fixed workloads, on 1 and all threads, against pMARS when found')
    .option('--threads <n>', 'threads for the pool (default: available parallelism)', integer)
    .option('--pmars <path>', 'pMARS binary to compare with (default: $PMARS, else pmars on PATH)')
    .option('--no-pmars', 'do not run pMARS')
    .option('--workload <names...>', `run only these workloads, separated by spaces or commas: ${WORKLOADS.join(', ')} (tournament: a whole-process drq tournament of the round robin's warriors against the same pairs run by pmars, 5 runs, 1 with --quick; startup: whole-process start-up, 20 runs, 3 with --quick)`, workloadNames)
    .option('--warriors <dir>', 'Redcode folder for the realistic, melee, round-robin and tournament workloads (default: ../shared/warriors/human, else warriors/)')
    .option('--repeats <n>', 'runs per engine; the best counts (default 3, 1 with --quick)', integer)
    .option('--quick', 'a few short battles per workload (a smoke test, not a measurement)')
    .option('--json', 'print the figures as JSON')
    .addHelpText('after', '\nWith --redis, the same battles also go through the queue, fought by the drq workers serving it (none here).\n')
    .action(async (opts: BenchFlags) => {
      const threads = opts.threads ?? availableParallelism();
      const repeats = opts.repeats ?? (opts.quick ? 1 : 3);
      if (threads < 1 || repeats < 1) fail('--threads and --repeats must be ≥ 1');
      const pmars = findPmars(opts.pmars);
      const dir = opts.warriors ?? defaultWarriorsDir();
      const built = buildWorkloads({ dir, quick: opts.quick ?? false, names: opts.workload?.filter((name) => !PROCESSES.includes(name)) });
      const wanted = (name: string) => !opts.workload || opts.workload.includes(name);
      const { players, rounds } = built.roundRobin;
      if (wanted('tournament') && players.length === 0) built.notes.push(`tournament: skipped, needs 2 warriors that assemble in ${dir}`);
      const pool = createRunner({ threads });
      const queue = opts.redis ? await openBattles({ redis: opts.redis, threads: 0 }) : undefined;
      const stop = () => void Promise.all([pool.close(), queue?.close()]).finally(() => {
        built.cleanup();
        process.exit(130);
      });
      process.once('SIGINT', stop);
      try {
        for (const note of built.notes) process.stderr.write(`drq bench: ${note}\n`);
        const { runBench } = await import('../../bench/pool.js');
        const bar = createProgressBar('bench');
        const reports = await runBench(built.workloads, { threads, repeats, pmars, pool, queue, onProgress: bar.update });
        bar.done();
        let tour: TournamentReport | null = null;
        if (wanted('tournament') && players.length > 0) {
          const { measureTournament } = await import('../../bench/tournament.js');
          tour = await withRunsBar('tournament', opts.quick ? 1 : 5, (runs, tick) => measureTournament({ pmars, threads, warriors: players, rounds, runs, tick }));
        }
        let starts: StartupReport | null = null;
        if (wanted('startup')) {
          const { measureStartup } = await import('../../bench/startup.js');
          starts = await withRunsBar('start-up', opts.quick ? 3 : 20, (runs, tick) => measureStartup({ pmars, runs, tick }));
        }
        const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), node: process.version, loadAverage: loadavg() };
        if (opts.json) {
          process.stdout.write(JSON.stringify({ machine, threads, repeats, pmars, warriors: dir, workloads: reports, tournament: tour, startup: starts }, null, 2) + '\n');
        } else {
          const load = machine.loadAverage.map((l) => l.toFixed(2)).join(' ');
          process.stdout.write(`drq bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${load}; best of ${repeats}` +
            `; pmars: ${pmars ?? 'not found'}\n\n${[...reports.map((r) => report(r, threads)), ...(tour ? [tournamentReport(tour)] : []), ...(starts ? [startupReport(starts)] : [])].join('\n')}`);
        }
      } finally {
        process.off('SIGINT', stop);
        await pool.close();
        await queue?.close();
        built.cleanup();
      }
    });
}
