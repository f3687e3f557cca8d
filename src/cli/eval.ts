// `drq eval WARRIOR… --against DIR`: each warrior 1v1 against every warrior in DIR, its per-opponent
// W/L/T as pMARS counts them, its KotH score (the Core War hills' scale) and its generality (the
// DRQ paper's: the fraction of opponents it beats or ties on DRQ fitness).

import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { resolveSettings } from '../config.js';
import { readSource } from '../match.js';
import { type BattleFlags, seedOf, withBattleFlags } from './battle.js';
import { fail, openBattles, settingsInput, withRedis } from './options.js';
import { createProgressBar } from './progress.js';

interface EvalFlags extends BattleFlags {
  against: string; fullLength: boolean; redis?: string;
}

const NOTE = `score: the Core War hills' scale. W/L/T are rounds as pMARS counts them (won when only this warrior
  survives); per opponent 100 × (3W + T) / rounds, averaged over the opponents: 0 to 300, 100 ties everything.
generality: the DRQ paper's. The warrior beats an opponent when its DRQ fitness in their battle (its share of
  the survival time) is higher, ties it when equal; generality is the fraction of opponents beaten or tied.
  It counts a tie-heavy warrior as general: one that survives every round and kills nothing scores 100
  (a tie is a third of a win) but has generality 1.
`;

export function register(program: Command): void {
  withRedis(withBattleFlags(
    program
      .command('eval')
      .description("fight each warrior 1v1 against every warrior in DIR: pMARS's W/L/T per opponent, the KotH score (3 a win, 1 a tie, 0-300) and generality (fraction beaten or tied on DRQ fitness)")
      .argument('<warriors...>', "Redcode files to evaluate; a directory stands for its .red files (a run's champions/)")
      .requiredOption('--against <dir>', 'directory of .red opponents (a benchmark set such as the Wilkies)')
      .option('--json', 'print the results as JSON')
      .option('--no-full-length', 'DRQ counters stop where pMARS stops the round (W/L/T and score do not change)'),
    20,
    'every core',
  )).addHelpText('after', `
Each battle is \`pmars -r N [-F N | -f] WARRIOR OPPONENT\` with the settings given; without -F, -f or
--seed every warrior meets opponent X on the same placements (seeded from 1 and X's file name).
`).action(async (files: string[], flags: EvalFlags) => {
    const resolved = resolveSettings({ ...settingsInput(flags), preset: flags.preset ?? 'drq' }, 2, 20);
    if (!resolved.ok) fail(resolved.error);
    const settings = resolved.value;
    if (settings.rounds === 0) fail('eval needs at least one round');
    const placement = flags.fixedPosition || flags.fixedSeries || flags.seed !== undefined ? seedOf(flags) : undefined;
    // The runner first: a pool's threads boot while the DRQ side loads and the warriors assemble.
    const runner = await openBattles(flags);
    // The DRQ side (fitness, compile) loads only when eval runs: start-up stays fast.
    const { generality, readWarriorDir } = await import('../evolve/generality.js');
    const against = readWarriorDir(flags.against);
    if (!against.ok) fail(against.error);
    const reports: object[] = [];
    // Each evaluated warrior's score and generality, for the mean line under several of them.
    const done: { score: number; generality: number }[] = [];
    const skipped = new Set<string>();
    let failed = 0;
    // A directory stands for its .red files, sorted, as --against reads it.
    const entries: { file: string; read: ReturnType<typeof readSource> }[] = [];
    for (const file of files) {
      const dir = isDirectory(file) ? readWarriorDir(file) : undefined;
      if (!dir) entries.push({ file, read: readSource(file) });
      else if (dir.ok) entries.push(...dir.warriors.map((w) => ({ file: join(file, w.name), read: { ok: true as const, source: w.source } })));
      else entries.push({ file, read: dir });
    }
    try {
      for (const { file, read } of entries) {
        if (!read.ok) {
          failed++;
          process.stderr.write(`${file}: error: ${read.error}\n`);
          continue;
        }
        const { source } = read;
        const bar = createProgressBar(`${basename(file)} vs ${flags.against}`);
        const g = await generality({ name: basename(file), source }, against.warriors, settings, runner,
          { rounds: settings.rounds, seed: 1, fullLength: flags.fullLength, placement, onDone: bar.update });
        bar.done();
        if (!g.ok) {
          failed++;
          process.stderr.write(`${file}: error: ${g.error}\n`);
          continue;
        }
        // The opponents are the same for every warrior: each one skipped is named once.
        for (const s of g.skipped.filter((s) => !skipped.has(s))) {
          skipped.add(s);
          process.stderr.write(`drq: skipped ${s}: it does not assemble with these settings\n`);
        }
        done.push(g);
        if (flags.json) {
          reports.push({
            file, rounds: settings.rounds, score: g.score, generality: g.generality,
            wins: sum(g.matchups, 'wins'), losses: sum(g.matchups, 'losses'), ties: sum(g.matchups, 'ties'),
            beaten: g.beaten, tied: g.tied, lost: g.lost, matchups: g.matchups, skipped: g.skipped,
          });
          continue;
        }
        const width = Math.max(8, ...g.matchups.map((m) => m.opponent.length));
        const n = (x: number, w = 5) => String(x).padStart(w);
        const rows = g.matchups.map((m) =>
          `  ${m.opponent.padEnd(width)}${n(m.wins)}${n(m.losses)}${n(m.ties)}${m.score.toFixed(1).padStart(8)}` +
          `  ${m.fitness.toFixed(3).padStart(7)} ${m.opponentFitness.toFixed(3).padStart(7)}  ${m.outcome}`);
        process.stdout.write(`${file}: score ${g.score.toFixed(2)}, generality ${g.generality.toFixed(3)} against ${g.matchups.length} warriors in ${flags.against}` +
          ` (${settings.rounds} rounds each; on DRQ fitness beats ${g.beaten}, ties ${g.tied}, loses ${g.lost})\n` +
          `  ${'opponent'.padEnd(width)}    W    L    T   score  fitness    them  DRQ\n${rows.join('\n')}\n\n`);
      }
    } finally {
      await runner.close();
    }
    if (flags.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
    else if (done.length > 0) {
      // The figure a benchmark table reports for a set of warriors (a run's last champions).
      const mean = (key: 'score' | 'generality') => done.reduce((t, g) => t + g[key], 0) / done.length;
      if (done.length > 1) process.stdout.write(`mean of ${done.length} warriors: score ${mean('score').toFixed(2)}, generality ${mean('generality').toFixed(3)}\n\n`);
      process.stdout.write(NOTE);
    }
    process.exitCode = failed ? 1 : 0;
  });
}

/** False for anything stat cannot see too: reading it as a file then gives the message. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const sum = (ms: readonly { wins: number; losses: number; ties: number }[], key: 'wins' | 'losses' | 'ties'): number =>
  ms.reduce((total, m) => total + m[key], 0);
