// `drq eval WARRIOR… --against DIR`: each warrior 1v1 against every warrior in DIR, its per-opponent
// W/L/T and its generality (the DRQ paper's: the fraction of opponents it beats or ties).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { resolveSettings } from '../config.js';
import { generality, readWarriorDir } from '../evolve/generality.js';
import { fail, integer, openBattles, type SettingsFlags, settingsInput, withRedis, withSettings } from './options.js';

interface EvalFlags extends SettingsFlags {
  against: string; json?: boolean; seed: number; threads?: number; fullLength: boolean; redis?: string;
}

export function register(program: Command): void {
  withRedis(withSettings(
    program
      .command('eval')
      .description("fight each warrior 1v1 against every warrior in DIR: W/L/T per opponent and generality (fraction beaten or tied on DRQ fitness)")
      .argument('<warriors...>', 'Redcode files to evaluate')
      .requiredOption('--against <dir>', 'directory of .red opponents')
      .option('--json', 'print the results as JSON')
      .option('--seed <n>', 'placement seed (the same for every warrior evaluated, so results compare)', integer, 1)
      .option('--threads <n>', 'battle threads (default: every core)', integer)
      .option('--no-full-length', 'counters stop where pMARS stops the round'),
    20,
  )).action(async (files: string[], flags: EvalFlags) => {
    const resolved = resolveSettings({ ...settingsInput(flags), preset: flags.preset ?? 'drq' }, 2, 20);
    if (!resolved.ok) fail(resolved.error);
    const settings = resolved.value;
    const against = readWarriorDir(flags.against);
    if (!against.ok) fail(against.error);
    const runner = await openBattles(flags);
    const reports: object[] = [];
    let failed = 0;
    try {
      for (const file of files) {
        let source: string;
        try {
          source = readFileSync(file, 'utf8');
        } catch (e) {
          failed++;
          process.stderr.write(`${file}: error: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
          continue;
        }
        const g = await generality({ name: basename(file), source }, against.warriors, settings, runner,
          { rounds: settings.rounds, seed: flags.seed, fullLength: flags.fullLength });
        if (!g.ok) {
          failed++;
          process.stderr.write(`${file}: error: ${g.error}\n`);
          continue;
        }
        for (const s of g.skipped) process.stderr.write(`drq: skipped ${s}: it does not assemble with these settings\n`);
        if (flags.json) {
          reports.push({ file, generality: g.generality, beaten: g.beaten, tied: g.tied, lost: g.lost, matchups: g.matchups, skipped: g.skipped });
          continue;
        }
        const width = Math.max(8, ...g.matchups.map((m) => m.opponent.length));
        const rows = g.matchups.map((m) =>
          `  ${m.opponent.padEnd(width)} ${String(m.wins).padStart(4)} ${String(m.losses).padStart(4)} ${String(m.ties).padStart(4)}` +
          `  ${m.fitness.toFixed(3).padStart(7)} ${m.opponentFitness.toFixed(3).padStart(7)}  ${m.outcome}`);
        process.stdout.write(`${file}: generality ${g.generality.toFixed(3)} against ${g.matchups.length} warriors in ${flags.against}` +
          ` (beats ${g.beaten}, ties ${g.tied}, loses ${g.lost}; ${settings.rounds} rounds each)\n` +
          `  ${'opponent'.padEnd(width)}    W    L    T  fitness    them  result\n${rows.join('\n')}\n\n`);
      }
    } finally {
      await runner.close();
    }
    if (flags.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
    process.exitCode = failed ? 1 : 0;
  });
}
