// `drq worker --redis URL`: fights the battles that evolve, tournament, eval and bench --redis
// put on the queue (src/vm/remote.ts), on this machine's threads, until SIGINT or SIGTERM.

import { availableParallelism, hostname } from 'node:os';
import type { Command } from 'commander';
import { fail, integer, Option } from './options.js';

const MINUTE = 60_000;

export function register(program: Command): void {
  program
    .command('worker')
    .description('fight battles from the Redis queue of drq evolve/tournament/eval/bench --redis, on this machine')
    .addOption(new Option('--redis <url>', 'the Redis the submitters use (redis://[user:pass@]host:port, rediss:// for TLS)').env('DRQ_REDIS_URL').makeOptionMandatory())
    .option('--threads <n>', 'battle threads (default: every core)', integer)
    .option('--name <name>', 'how this worker is shown in Redis and its log (default: host-pid)')
    .addHelpText('after', `
SIGINT or SIGTERM: take no more jobs, finish those in hand, exit 0; a second signal leaves at
once, and the jobs in hand are fought again elsewhere once their locks lapse (10-15 s).`)
    .action(async (flags: { redis: string; threads?: number; name?: string }) => {
      const threads = flags.threads ?? availableParallelism();
      if (threads < 1) fail('--threads must be at least 1');
      const name = flags.name ?? `${hostname()}-${process.pid}`;
      const say = (line: string) => process.stderr.write(`drq worker ${name}: ${line}\n`);
      const { maskUrl, serve } = await import('../vm/remote.js');
      const served = await serve(flags.redis, { threads, name, notice: say });
      if ('ok' in served) fail(served.error);
      say(`ready: build ${served.build}, ${threads} threads, ${maskUrl(flags.redis)}`);

      let before = { ...served.stats };
      const minutely = setInterval(() => {
        const { jobs, battles } = served.stats;
        say(`${jobs} jobs done; ${battles - before.battles} battles in the last minute (${((battles - before.battles) / 60).toFixed(2)} battles/s)`);
        before = { ...served.stats };
      }, MINUTE);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) {
          say(`${signal}: leaving now`);
          process.exit(0);
        }
        stopping = true;
        say(`${signal}: finishing the jobs in hand (again to leave now)`);
        void served.close().then(() => {
          clearInterval(minutely);
          say(`stopped after ${served.stats.jobs} jobs`);
          process.exit(0);
        });
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}
