#!/usr/bin/env node
// The command line: each command (src/cli/*.ts) turns flags into settings, makes one library
// call and prints. Nothing imports this file.

import { Command, CommanderError } from 'commander';
import { register as assemble } from './cli/assemble.js';
import { register as bench } from './cli/bench.js';
import { register as battle } from './cli/battle.js';
import { register as tournament } from './cli/tournament.js';
import { register as evolve } from './cli/evolve.js';
import { register as evaluate } from './cli/eval.js';
import { register as report } from './cli/report.js';
import { register as view } from './cli/view.js';
import { register as worker } from './cli/worker.js';
import { fail } from './cli/options.js';

const program = new Command();
program
  .name('drq')
  .description('Digital Red Queen: Core War evolution with LLMs on a pMARS-exact WebAssembly MARS')
  .version('0.1.0')
  .showHelpAfterError()
  // Commander prints its message itself; a bad command line exits 2, as pMARS's does. Set before
  // the commands are added, which copy it.
  .exitOverride();

assemble(program);
bench(program);
battle(program);
tournament(program);
evolve(program);
evaluate(program);
report(program);
view(program);
worker(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  fail(e instanceof Error ? e.message : String(e));
});
