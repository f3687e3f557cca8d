// `drq report RUN_DIR…`: one run as a self-contained HTML file (src/report), written beside the run
// unless --out says where; several runs as one comparison report; or, with --serve, a live page
// that follows one run while evolve writes it.

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { fail, integer, openBattles, port, withRedis } from './options.js';
import { createProgressBar } from './progress.js';

interface ReportFlags { out?: string; threads?: number; serve?: boolean; port?: number; probe?: string; redis?: string }

function write(out: string, html: string): void {
  try {
    writeFileSync(out, html);
  } catch (e) {
    fail(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  process.stdout.write(`${out}\n`);
}

export function register(program: Command): void {
  withRedis(program
    .command('report'))
    .description("write an HTML report of a drq evolve run (fitness per round, champions vs champions, generality and score, MAP-Elites archives, cost, listings), " +
      "or of several runs compared (curves overlaid, phenotype convergence, genotype diversity, cycles); --serve follows a run live")
    .argument('<run-dirs...>', 'run directories written by drq evolve (several: one comparison report)')
    .option('-o, --out <file>', 'where to write the report (default: RUN_DIR/report.html; for several runs ./comparison.html)')
    .option('--threads <n>', 'battle threads for the matrices (default: every core)', integer)
    .option('--probe <dir>', "several runs: the warriors whose outcomes make a champion's phenotype (default: the runs' --heldout folder)")
    .option('--serve', 'serve a live page on 127.0.0.1 that follows the run as evolve writes it (reads the directory only)')
    .option('--port <n>', 'port for --serve (default: a free one)', port)
    .action(async (dirs: string[], flags: ReportFlags) => {
      // Each kind of report loads its module here, when asked for: every drq command would pay for them.
      const [dir] = dirs;
      if (flags.serve) {
        if (dirs.length > 1) fail('--serve follows one run');
        const { serveLive } = await import('../report/live.js');
        const live = await serveLive(dir, flags.port ?? 0).catch((e: NodeJS.ErrnoException) => fail(`cannot listen: ${e.code ?? e.message}`));
        process.stdout.write(`${live.url}\n`);
        process.once('SIGINT', () => void live.close().then(() => process.exit(0)));
        return;
      }
      if (flags.probe && dirs.length === 1) fail('--probe is for comparing several runs');
      const runner = await openBattles(flags, availableParallelism());
      const bar = createProgressBar(dirs.length > 1 ? `comparing ${dirs.length} runs` : 'champions matrix');
      const report = await (dirs.length > 1
        ? import('../report/compare.js').then(({ buildComparison }) => buildComparison(dirs, runner, { probe: flags.probe, onDone: bar.update }))
        : import('../report/collect.js').then(({ buildReport }) => buildReport(dir, runner, bar.update)))
        .finally(() => { bar.done(); return runner.close(); });
      if (!report.ok) fail(report.error);
      write(flags.out ?? (dirs.length > 1 ? 'comparison.html' : join(dir, 'report.html')), report.html);
    });
}
