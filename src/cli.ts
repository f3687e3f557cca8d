#!/usr/bin/env node
// The command line: each command (src/cli/*.ts) turns flags into settings, makes one library
// call and prints. Nothing imports this file.

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
// commander suggests a fix for) loads them all.
const COMMANDS: Record<string, string> = {
  assemble: './cli/assemble.js', bench: './cli/bench.js', battle: './cli/battle.js', tournament: './cli/tournament.js',
  evolve: './cli/evolve.js', eval: './cli/eval.js', report: './cli/report.js', view: './cli/view.js', worker: './cli/worker.js',
};
const asked = process.argv[2];
// Loaded side by side (the loader reads files while it compiles), registered in order.
const modules = await Promise.all((Object.hasOwn(COMMANDS, asked) ? [asked] : Object.keys(COMMANDS))
  .map((name) => import(COMMANDS[name]) as Promise<{ register(program: Command): void }>));
for (const module of modules) module.register(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  fail(e instanceof Error ? e.message : String(e));
});
