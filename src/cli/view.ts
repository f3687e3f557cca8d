// `drq view W1 W2 [W3…]`: serve a page on 127.0.0.1 that replays one round of a battle (src/view),
// fought with the settings and placement flags of `drq battle`. Runs until Ctrl-C.

import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { resolveSettings } from '../config.js';
import { loadEntrant } from '../match.js';
import { MAX_WARRIORS } from '../vm/mars.js';
import { type BattleFlags, seedOf, withPlacement } from './battle.js';
import { fail, integer, port, settingsInput, withSettings } from './options.js';

interface ViewFlags extends BattleFlags { round?: number; port?: number; open: boolean; maxEvents: number }

/** 2^22 events (32 MiB) hold a whole round of 2 warriors at 94nop settings 26 times over. */
const MAX_EVENTS = 1 << 22;

/** The desktop's opener for the URL; a missing one is not an error, the URL is printed anyway. */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
}

export function register(program: Command): void {
  withPlacement(withSettings(
    program
      .command('view')
      .description('replay a battle in the browser: the core by owner and last access, process counts, step and play by round')
      .argument('<files...>', 'Redcode source files, in seat order'),
    1,
  ))
    .option('--round <n>', 'round shown first (default 1)', integer)
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', port)
    .option('--max-events <n>', `instructions recorded per round; a longer round is replayed truncated (default ${MAX_EVENTS})`, integer, MAX_EVENTS)
    .option('--no-open', 'only print the URL, do not open a browser')
    .action(async (files: string[], opts: ViewFlags) => {
      if (files.length > MAX_WARRIORS) fail(`at most ${MAX_WARRIORS} warriors`);
      const resolved = resolveSettings(settingsInput(opts), files.length, 1);
      if (!resolved.ok) fail(resolved.error);
      const settings = resolved.value;
      if (settings.rounds < 1) fail('need at least one round');
      const round = opts.round ?? 1;
      if (round < 1 || round > settings.rounds) fail(`--round must be 1..${settings.rounds}`);
      if (opts.maxEvents < 0) fail('--max-events must be ≥ 0');
      const warriors = files.map((file, index) => {
        const loaded = loadEntrant(file, settings, files.length, index);
        if (!loaded.ok) fail(loaded.messages.join('').trimEnd());
        for (const m of loaded.value.warnings) process.stderr.write(m);
        return loaded.value.image;
      });
      // Loaded here, not at start-up: every drq command would pay for them.
      const [{ createReplay }, { serveViewer }] = await Promise.all([import('../view/replay.js'), import('../view/server.js')]);
      const replay = createReplay(warriors, settings, seedOf(opts), opts.maxEvents);
      // Fought once here, so that a bad -F or setting is reported before anything is served.
      const first = replay.round(round);
      if (!first.ok) fail(first.error);
      const viewer = await serveViewer(replay, round, opts.port ?? 0).catch((e: NodeJS.ErrnoException) => fail(`cannot listen: ${e.code ?? e.message}`));
      process.stdout.write(`${viewer.url}\n`);
      if (opts.open) openBrowser(viewer.url);
      process.once('SIGINT', () => void viewer.close().then(() => process.exit(0)));
    });
}
