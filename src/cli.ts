#!/usr/bin/env node
// The command line: each command (src/cli/*.ts) turns flags into settings, makes one library
// call and prints. Nothing imports this file. `drq` runs it bundled with all it imports into one
// CommonJS file, dist/drq.cjs (npm run build:bundle; packages stay outside): Node then starts
// it without its ES module loader, ~19 ms sooner for `drq battle -r 1` and ~28 for --help
// (bench/results.md). Piscina's threads load dist/worker.cjs, worker.ts bundled alike.

import { Command, CommanderError, fail } from './cli/options.js';

const program = new Command();
program
  .name('drq')
  .description('Digital Red Queen: Core War evolution with LLMs on a pMARS-exact WebAssembly MARS')
  .version('0.1.0')
  .showHelpAfterError()
  // Commander prints its message itself; a bad command line exits 2, as pMARS's does. Set before
  // the commands are added, which copy it.
  .exitOverride();

// Each command's module, in the order --help lists them. A command line naming one loads only
// that one (start-up counts for scripted `drq battle`); anything else (--help, help, a typo
// commander suggests a fix for) loads them all. Each import is spelled out, so that the bundler
// (npm run build:bundle) finds every command, and none runs before it is asked for.
type CommandModule = Promise<{ register(program: Command): void }>;
const COMMANDS: Record<string, () => CommandModule> = {
  assemble: () => import('./cli/assemble.js'), bench: () => import('./cli/bench.js'), battle: () => import('./cli/battle.js'),
  tournament: () => import('./cli/tournament.js'), evolve: () => import('./cli/evolve.js'), eval: () => import('./cli/eval.js'),
  report: () => import('./cli/report.js'), view: () => import('./cli/view.js'), worker: () => import('./cli/worker.js'),
};
const asked = process.argv[2];
// Loaded side by side, registered in order; no top-level await, which a CommonJS bundle cannot hold.
Promise.all((Object.hasOwn(COMMANDS, asked) ? [asked] : Object.keys(COMMANDS)).map((name) => COMMANDS[name]()))
  .then((modules) => {
    for (const module of modules) module.register(program);
    return program.parseAsync(process.argv);
  })
  .catch((e: unknown) => {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
    fail(e instanceof Error ? e.message : String(e));
  });
