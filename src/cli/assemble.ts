// `drq assemble FILE…`: pMARS's load listing, or errors with line and column.

import type { Command } from 'commander';
import { resolveSettings } from '../config.js';
import { assemble, displayText, readSource } from '../lib.js';
import { located } from '../match.js';
import { formatInstruction, formatListing, MODES, MODIFIERS, OPCODES } from '../redcode/index.js';
import { fail, type SettingsFlags, settingsInput, withSettings } from './options.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

export function register(program: Command): void {
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
        reports.push({ file, ok: false, errors: [{ line: 0, column: 0, message: read.error, count: 1 }], warnings: [] });
        return;
      }
      const result = assemble(read.source, settings, files.length, index);
      for (const d of result.warnings) process.stderr.write(bytes(located(file, d)));
      if (!result.ok) {
        refused++;
        for (const d of result.errors) process.stderr.write(bytes(located(file, d)));
        reports.push({ file, ok: false, errors: result.errors, warnings: result.warnings });
        return;
      }
      const w = result.warrior;
      if (!opts.json) {
        process.stdout.write(bytes(formatListing(w, settings.coresize, settings.icws88)));
        return;
      }
      reports.push({
        file, ok: true, name: displayText(w.name), author: displayText(w.author), length: w.instructions.length,
        start: w.start, pin: w.pin, warnings: result.warnings,
        instructions: w.instructions.map((ins) => ({
          opcode: OPCODES[ins.opcode], modifier: MODIFIERS[ins.modifier], aMode: MODES[ins.aMode], aNumber: ins.aNumber,
          bMode: MODES[ins.bMode], bNumber: ins.bNumber, text: formatInstruction(ins, settings.coresize, settings.icws88).trimEnd(),
        })),
      });
    });
    if (opts.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
    process.exitCode = refused ? 1 : 0;
  });
}
