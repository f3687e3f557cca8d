// `drq tournament FILE…`: a round robin of two-warrior battles (each pair as `pmars FILE_i FILE_j`
// with the same flags), KotH scoring, a standings table or JSON.

import type { Command } from 'commander';
import { type HillSettings, resolveSettings } from '../config.js';
import { displayText } from '../lib.js';
import { type Contender, loadContender, tournament, type TournamentResult } from '../match.js';
import { type BattleFlags, seedOf, withBattleFlags } from './battle.js';
import { fail, openBattles, settingsInput, withRedis } from './options.js';
import { createProgressBar } from './progress.js';

/** pMARS's exit status when a warrior does not assemble or cannot be read. */
const ASSEMBLY_FAILED = 3;

function table(contenders: readonly Contender[], t: TournamentResult, rounds: number): string {
  const who = ({ file, first: { image } }: Contender) => `${displayText(image.name)} by ${displayText(image.author)} (${file})`;
  const num = (n: number) => String(n).padStart(6);
  let out = `Pairs (${rounds} rounds each; W L T of the first):\n`;
  for (const p of t.pairs) out += `${num(p.wins)}${num(p.losses)}${num(p.ties)}  ${contenders[p.a].file} vs ${contenders[p.b].file}\n`;
  out += '\nStandings (score = 100 × (3 × W + T) / rounds, averaged over opponents):\n';
  out += `${'rank'.padStart(4)}${'score'.padStart(8)}${'W'.padStart(6)}${'L'.padStart(6)}${'T'.padStart(6)}  warrior\n`;
  t.standings.forEach((s, rank) => {
    out += `${String(rank + 1).padStart(4)}${s.score.toFixed(2).padStart(8)}${num(s.wins)}${num(s.losses)}${num(s.ties)}  ${who(contenders[s.contender])}\n`;
  });
  return out;
}

function json(contenders: readonly Contender[], t: TournamentResult, settings: HillSettings): string {
  const names = contenders.map((c) => ({ file: c.file, name: displayText(c.first.image.name), author: displayText(c.first.image.author) }));
  return JSON.stringify({
    settings,
    seed: t.seed,
    contenders: names,
    pairs: t.pairs.map((p) => ({ first: names[p.a].file, second: names[p.b].file, ...p })),
    standings: t.standings.map((s) => ({ ...names[s.contender], ...s })),
  }, null, 2) + '\n';
}

export function register(program: Command): void {
  withRedis(withBattleFlags(
    program
      .command('tournament')
      .description('every pair of warriors (first file in seat 1) with KotH scoring: 3 points a win, 1 a tie')
      .argument('<files...>', 'Redcode source files (at least 2)')
      .option('--json', "print each pair's W L T and the standings as JSON"),
    100,
    'every core',
  )).action(async (files: string[], opts: BattleFlags & { redis?: string }) => {
    if (files.length < 2) fail('a tournament needs at least 2 warriors');
    const resolved = resolveSettings(settingsInput(opts), 2, 100);
    if (!resolved.ok) fail(resolved.error);
    const settings = resolved.value;
    if (settings.rounds === 0) fail('a tournament needs at least one round');
    const seed = seedOf(opts);

    // The runner first: a pool's threads boot while the warriors are assembled.
    const runner = await openBattles(opts);
    const contenders: Contender[] = [];
    for (const file of files) {
      const loaded = loadContender(file, settings);
      if (!loaded.ok) {
        for (const m of loaded.messages) process.stderr.write(Buffer.from(m, 'latin1'));
        process.exitCode = ASSEMBLY_FAILED;
        await runner.close();
        return;
      }
      for (const m of loaded.value.first.warnings) process.stderr.write(Buffer.from(m, 'latin1'));
      contenders.push(loaded.value);
    }

    const bar = createProgressBar('tournament');
    const result = await tournament(runner, contenders, settings, seed, {}, bar.update);
    bar.done();
    await runner.close();
    if (!result.ok) fail(result.error);
    process.stdout.write(opts.json ? json(contenders, result.value, settings) : table(contenders, result.value, settings.rounds));
  });
}
