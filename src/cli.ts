#!/usr/bin/env node
// The command line: each command (src/cli/*.ts) turns flags into settings, makes one library
// call and prints. Nothing imports this file.

import { Command } from 'commander';
import { register as assemble } from './cli/assemble.js';
import { fail } from './cli/options.js';

const program = new Command();
program
  .name('drq')
  .description('Digital Red Queen: Core War evolution with LLMs on a pMARS-exact WebAssembly MARS')
  .version('0.1.0')
  .showHelpAfterError();

assemble(program);

program.parseAsync(process.argv).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
