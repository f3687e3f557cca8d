#!/usr/bin/env node
// The command line: each action turns flags into settings, makes one library call and prints.

import { Command, InvalidArgumentError, Option } from 'commander';
import { PRESETS, resolveSettings, type SettingsInput } from './config.js';
import { assemble, displayText, readSource } from './lib.js';
import { formatInstruction, formatListing, MODES, MODIFIERS, OPCODES, type Diagnostic } from './redcode/index.js';

function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError('not a whole number');
  return Number(value);
}

const presetHelp = Object.entries(PRESETS)
  .map(([name, p]) => `  ${name.padEnd(7)} -s ${p.coresize} -c ${p.cycles} -p ${p.processes} -l ${p.maxLength} -d ${p.separation}` +
    `${p.pspaceSize ? ` -S ${p.pspaceSize}` : ''}${p.icws88 ? ' -8' : ''}  ${p.description}`)
  .join('\n');

/** pMARS's settings flags, shared by every command that assembles or fights. */
function withSettings(cmd: Command, defaultRounds: number): Command {
  return cmd
    .option('-r, --rounds <n>', `rounds (the ROUNDS constant; default ${defaultRounds})`, integer)
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

interface SettingsFlags {
  rounds?: number; coresize?: number; cycles?: number; processes?: number; maxLength?: number;
  distance?: number; pspace?: number; icws88?: boolean; preset?: string;
}

const settingsInput = (o: SettingsFlags): SettingsInput => ({
  preset: o.preset, rounds: o.rounds, coresize: o.coresize, cycles: o.cycles, processes: o.processes,
  maxLength: o.maxLength, separation: o.distance, pspaceSize: o.pspace, icws88: o.icws88,
});

function fail(message: string): never {
  process.stderr.write(`drq: ${message}\n`);
  process.exit(2);
}

const located = (file: string, d: Diagnostic): string =>
  `${file}${d.line ? `:${d.line}:${d.column}` : ''}: ${d.severity}: ${d.message}\n`;

const program = new Command();
program
  .name('drq')
  .description('Digital Red Queen: Core War evolution with LLMs on a pMARS-exact WebAssembly MARS')
  .version('0.1.0')
  .showHelpAfterError();

withSettings(
  program
    .command('assemble')
    .description("assemble warriors and print pMARS's load listing (what `pmars -r 0 FILE` prints)")
    .argument('<files...>', 'Redcode source files')
    .option('--json', 'print name, author, length, start and instructions (or errors) per file as JSON'),
  0,
).action((files: string[], opts: SettingsFlags & { json?: boolean }) => {
  const resolved = resolveSettings(settingsInput(opts), files.length, 0);
  if (!resolved.ok) fail(resolved.error);
  const settings = resolved.value;
  let refused = 0;
  const reports: object[] = [];
  files.forEach((file, index) => {
    const read = readSource(file);
    if (!read.ok) {
      refused++;
      process.stderr.write(`${file}: error: ${read.error}\n`);
      reports.push({ file, ok: false, errors: [{ line: 0, column: 0, message: read.error }], warnings: [] });
      return;
    }
    const result = assemble(read.source, settings, files.length, index);
    for (const d of result.warnings) process.stderr.write(Buffer.from(located(file, d), 'latin1'));
    if (!result.ok) {
      refused++;
      for (const d of result.errors) process.stderr.write(Buffer.from(located(file, d), 'latin1'));
      reports.push({ file, ok: false, errors: result.errors, warnings: result.warnings });
      return;
    }
    const w = result.warrior;
    if (opts.json) {
      reports.push({
        file, ok: true, name: displayText(w.name), author: displayText(w.author), length: w.instructions.length,
        start: w.start, pin: w.pin, warnings: result.warnings,
        instructions: w.instructions.map((ins) => ({
          opcode: OPCODES[ins.opcode], modifier: MODIFIERS[ins.modifier], aMode: MODES[ins.aMode], aNumber: ins.aNumber,
          bMode: MODES[ins.bMode], bNumber: ins.bNumber, text: formatInstruction(ins, settings.coresize, settings.icws88).trimEnd(),
        })),
      });
    } else process.stdout.write(Buffer.from(formatListing(w, settings.coresize, settings.icws88), 'latin1'));
  });
  if (opts.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
  process.exitCode = refused ? 1 : 0;
});

program.parseAsync(process.argv).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
