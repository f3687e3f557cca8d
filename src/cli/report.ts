// `drq report RUN_DIR`: the run as one self-contained HTML file (src/report), written beside the
// run unless --out says where.

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildReport } from '../report/collect.js';
import { createRunner } from '../vm/runner.js';
import { fail, integer } from './options.js';

interface ReportFlags { out?: string; threads?: number }

export function register(program: Command): void {
  program
    .command('report')
    .description("write an HTML report of a drq evolve run: fitness per round, champions vs champions, generality, MAP-Elites archives, cost, listings")
    .argument('<run-dir>', 'a run directory written by drq evolve')
    .option('-o, --out <file>', 'where to write the report (default: RUN_DIR/report.html)')
    .option('--threads <n>', 'battle threads for the champions matrix (default: every core)', integer)
    .action(async (dir: string, flags: ReportFlags) => {
      const runner = createRunner({ threads: flags.threads ?? availableParallelism() });
      const report = await buildReport(dir, runner).finally(() => runner.close());
      if (!report.ok) fail(report.error);
      const out = flags.out ?? join(dir, 'report.html');
      try {
        writeFileSync(out, report.html);
      } catch (e) {
        fail(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      process.stdout.write(`${out}\n`);
    });
}
