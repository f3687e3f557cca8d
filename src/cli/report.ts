// `drq report RUN_DIR…`: one run as a self-contained HTML file (src/report), written beside the run
// unless --out says where; several runs as one comparison report; or, with --serve, a live page
// that follows one run while evolve writes it.

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildReport } from '../report/collect.js';
import { serveLive } from '../report/live.js';
import { createRunner } from '../vm/runner.js';
import { fail, integer } from './options.js';
import { createProgressBar } from './progress.js';

interface ReportFlags { out?: string; threads?: number; serve?: boolean; port?: number }

function write(out: string, html: string): void {
  try {
    writeFileSync(out, html);
  } catch (e) {
    fail(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  process.stdout.write(`${out}\n`);
}

export function register(program: Command): void {
  program
    .command('report')
    .description("write an HTML report of a drq evolve run: fitness per round, champions vs champions, generality, MAP-Elites archives, cost, listings; --serve follows a run live")
    .argument('<run-dir>', 'a run directory written by drq evolve')
    .option('-o, --out <file>', 'where to write the report (default: RUN_DIR/report.html)')
    .option('--threads <n>', 'battle threads for the champions matrix (default: every core)', integer)
    .option('--serve', 'serve a live page on 127.0.0.1 that follows the run as evolve writes it (reads the directory only)')
    .option('--port <n>', 'port for --serve (default: a free one)', integer)
    .action(async (dir: string, flags: ReportFlags) => {
      if (flags.serve) {
        const live = await serveLive(dir, flags.port ?? 0).catch((e: NodeJS.ErrnoException) => fail(`cannot listen: ${e.code ?? e.message}`));
        process.stdout.write(`${live.url}\n`);
        process.once('SIGINT', () => void live.close().then(() => process.exit(0)));
        return;
      }
      const runner = createRunner({ threads: flags.threads ?? availableParallelism() });
      const bar = createProgressBar('champions matrix');
      const report = await buildReport(dir, runner, bar.update).finally(() => { bar.done(); return runner.close(); });
      if (!report.ok) fail(report.error);
      write(flags.out ?? join(dir, 'report.html'), report.html);
    });
}
