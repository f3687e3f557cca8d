// `drq battle W1 W2 [W3…]`: one battle, printed byte for byte as pmars prints it (load listings
// unless -b, then the score and Results lines), or as JSON with every round's detail.

import type { Command } from 'commander';
import { type HillSettings, resolveSettings } from '../config.js';
import { displayText } from '../lib.js';
import { battle, type Entrant, formatResults, loadEntrant } from '../match.js';
import { formatListing } from '../redcode/index.js';
import { type BattleResult, clockSeed, expectWork, MAX_WARRIORS, type SeedSpec } from '../vm/mars.js';
import { createRunner } from '../vm/runner.js';
import { fail, integer, type SettingsFlags, settingsInput, withSettings } from './options.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/** pMARS's exit status when a warrior does not assemble or cannot be read. */
const ASSEMBLY_FAILED = 3;

export interface BattleFlags extends SettingsFlags {
  fixedPosition?: number;
  fixedSeries?: boolean;
  seed?: number;
  json?: boolean;
  threads?: number;
}

/** pMARS's placement flags (-F, -f) and --seed; seedOf() reads them. */
export function withPlacement(cmd: Command): Command {
  return cmd
    .option('-F, --fixed-position <n>', "warrior 2's address in round 1 (later rounds from the RNG)", integer)
    .option('-f, --fixed-series', "seed the RNG from the warriors' checksum")
    .option('--seed <n>', 'RNG state of round 1 (what a clock-seeded run prints on stderr)', integer);
}

/** The flags battle and tournament share: settings, placement, where battles run. */
export function withBattleFlags(cmd: Command, defaultRounds: number, defaultThreads: string): Command {
  return withPlacement(withSettings(cmd, defaultRounds))
    .option('--threads <n>', `worker threads (default: ${defaultThreads})`, integer);
}

/** -F, -f or --seed; without any, a seed from the clock, printed on stderr so the run can be replayed. */
export function seedOf(opts: BattleFlags): SeedSpec {
  // pMARS reads -F 0 as no -F.
  const F = opts.fixedPosition ? opts.fixedPosition : undefined;
  if ([F !== undefined, opts.fixedSeries, opts.seed !== undefined].filter(Boolean).length > 1) {
    fail('-F, -f and --seed are mutually exclusive');
  }
  if (F !== undefined) return { kind: 'position', value: F };
  if (opts.fixedSeries) return { kind: 'checksum' };
  const value = opts.seed ?? clockSeed();
  if (opts.seed === undefined) process.stderr.write(`drq: seed ${value} (replay with --seed ${value})\n`);
  return { kind: 'seed', value };
}

function json(files: string[], entrants: Entrant[], r: BattleResult): string {
  return JSON.stringify({
    seed: r.seed,
    settings: r.settings,
    results: r.results,
    warriors: r.warriors.map((w, i) => ({ ...w, file: files[i], name: displayText(w.name), author: displayText(w.author), pin: entrants[i].image.pin })),
    rounds: r.rounds,
  }, null, 2) + '\n';
}

export function register(program: Command): void {
  withBattleFlags(
    program
      .command('battle')
      .description('one battle of 1 to 36 warriors, printed as pmars prints it')
      .argument('<files...>', 'Redcode source files, in seat order')
      .option('-b, --brief', 'no load listings')
      .option('--json', 'print totals and every round (positions, first mover, survivors, death cycles, DRQ counters) as JSON')
      .option('-k, --koth', "pMARS's KotH format: per warrior wins and ties (2 warriors) or score, survivors columns and deaths")
      .option('--full-length', "count coverage and spawns of a lone survivor up to the cycle limit, as the DRQ paper's simulator did (default: until pMARS ends the round)"),
    1,
    '1',
  ).action(async (files: string[], opts: BattleFlags & { brief?: boolean; koth?: boolean; fullLength?: boolean }) => {
    if (files.length > MAX_WARRIORS) fail(`at most ${MAX_WARRIORS} warriors`);
    const resolved = resolveSettings(settingsInput(opts), files.length, 1);
    if (!resolved.ok) fail(resolved.error);
    const settings: HillSettings = resolved.value;
    if (opts.json && settings.rounds === 0) fail('--json needs at least one round');
    const seed = seedOf(opts);
    const listings = (entrants: Entrant[]) => {
      if (opts.brief || opts.json) return;
      for (const e of entrants) process.stdout.write(bytes(formatListing(e.assembled, settings.coresize, settings.icws88)));
    };

    // pmars assembles in seat order and stops at the first warrior that fails, after printing
    // the listings of those before it.
    const entrants: Entrant[] = [];
    for (const [index, file] of files.entries()) {
      const loaded = loadEntrant(file, settings, files.length, index);
      if (!loaded.ok) {
        listings(entrants);
        for (const m of loaded.messages) process.stderr.write(bytes(m));
        process.exitCode = ASSEMBLY_FAILED;
        return;
      }
      for (const m of loaded.value.warnings) process.stderr.write(bytes(m));
      entrants.push(loaded.value);
    }
    if (settings.rounds === 0) {
      listings(entrants);
      return;
    }

    expectWork(settings.rounds * settings.cycles * files.length);
    const runner = createRunner({ threads: opts.threads ?? 1 });
    const result = await battle(runner, entrants, settings, seed, { fullLength: opts.fullLength });
    await runner.close();
    if (!result.ok) fail(result.error);
    if (opts.json) {
      process.stdout.write(json(files, entrants, result));
      return;
    }
    listings(entrants);
    process.stdout.write(bytes(formatResults(result, opts.koth)));
  });
}
