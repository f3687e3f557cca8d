// Flags shared by the commands: pMARS's settings flags and the helpers that read them.

import { createRequire } from 'node:module';
import type * as Commander from 'commander';
import { PRESETS, type SettingsInput } from '../config.js';
import type { BattleRunner } from '../vm/runner.js';

// commander is CommonJS: required, it is ready ~5 ms sooner than imported (no ES module wrapper,
// no scan for its exports), and start-up counts for scripted `drq battle`. Every command takes
// commander's classes from here.
export const { Command, CommanderError, InvalidArgumentError, Option } = createRequire(import.meta.url)('commander') as typeof Commander;
export type Command = Commander.Command;

export function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError('not a whole number');
  return Number(value);
}

/** A TCP port for a local server (0: any free one). */
export function port(value: string): number {
  const n = integer(value);
  if (n < 0 || n > 65535) throw new InvalidArgumentError('not a port (0 to 65535)');
  return n;
}

const presetHelp = Object.entries(PRESETS)
  .map(([name, p]) => `  ${name.padEnd(7)} -s ${p.coresize} -c ${p.cycles} -p ${p.processes} -l ${p.maxLength} -d ${p.separation}` +
    `${p.pspaceSize ? ` -S ${p.pspaceSize}` : ''}${p.icws88 ? ' -8' : ''}  ${p.description}`)
  .join('\n');

/** pMARS's settings flags (-s -c -p -l -d -S -8), --preset, and -r unless `defaultRounds` is null. */
export function withSettings(cmd: Command, defaultRounds: number | null): Command {
  if (defaultRounds !== null) cmd.option('-r, --rounds <n>', `rounds (also the ROUNDS constant; default ${defaultRounds})`, integer);
  return cmd
    .option('-s, --coresize <n>', 'core size (default 8000)', integer)
    .option('-c, --cycles <n>', 'cycles until a tie (default 80000)', integer)
    .option('-p, --processes <n>', 'max processes per warrior (default 8000)', integer)
    .option('-l, --max-length <n>', 'max warrior length (default 100)', integer)
    .option('-d, --distance <n>', 'min distance between warriors (default: max length)', integer)
    .option('-S, --pspace <n>', 'P-space size (default: coresize/16 or the largest such divisor)', integer)
    .option('-8, --icws88', "ICWS'88 rules")
    .addOption(new Option('--preset <name>', 'hill preset').choices(Object.keys(PRESETS)))
    .addHelpText('after', `\nPresets (flags given explicitly override them):\n${presetHelp}\n`);
}

export interface SettingsFlags {
  rounds?: number; coresize?: number; cycles?: number; processes?: number; maxLength?: number;
  distance?: number; pspace?: number; icws88?: boolean; preset?: string;
}

export const settingsInput = (o: SettingsFlags): SettingsInput => ({
  preset: o.preset, rounds: o.rounds, coresize: o.coresize, cycles: o.cycles, processes: o.processes,
  maxLength: o.maxLength, separation: o.distance, pspaceSize: o.pspace, icws88: o.icws88,
});

/** A usage error: message on stderr, exit status 2 (pMARS's for a bad command line). */
export function fail(message: string): never {
  process.stderr.write(`drq: ${message}\n`);
  process.exit(2);
}

/** --redis URL (also $DRQ_REDIS_URL): the battles go to `drq worker`s through that Redis. */
export function withRedis(cmd: Command): Command {
  return cmd.addOption(new Option('--redis <url>', "fight battles on drq workers through this Redis (BullMQ); --threads is then this machine's share, 0 for none")
    .env('DRQ_REDIS_URL'));
}

/** The battle runner for --threads and --redis; exit status 2 if Redis cannot be reached. */
export async function openBattles(flags: { threads?: number; redis?: string }, defaultThreads?: number): Promise<BattleRunner> {
  const threads = flags.threads ?? defaultThreads;
  if (threads !== undefined && threads < (flags.redis ? 0 : 1)) fail(`--threads must be at least ${flags.redis ? 0 : 1}`);
  const { openRunner } = await import('../vm/runner.js');
  const runner = await openRunner({ threads, redis: flags.redis });
  return 'ok' in runner ? fail(runner.error) : runner;
}
