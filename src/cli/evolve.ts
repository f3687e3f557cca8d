// `drq evolve`: its flags and help. The action (evolve-run.ts) loads when the command runs.

import type { Command } from 'commander';
import { integer, type SettingsFlags, withRedis, withSettings } from './options.js';

const number = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`not a number: ${value}`);
  return n;
};

export interface EvolveFlags extends Omit<SettingsFlags, 'rounds'> {
  rounds: number; iterations: number; init?: string; opponents?: string[]; initialNew: number; warmup: boolean;
  newProb: number; history: number; battleRounds: number; fitnessThreshold: number; fullLength: boolean;
  seed?: number; out?: string; resume?: string; concurrency: number; threads?: number; offline?: boolean;
  model: string; baseUrl?: string; temperature: number; prompts?: string; maxCost?: number; timeout: number;
  retries: number; heldout?: string; redis?: string; feedback: boolean; repair: number;
}

export function register(program: Command): void {
  withRedis(withSettings(program.command('evolve'), null))
    .description('run the Digital Red Queen: each round evolves a warrior (MAP-Elites) against the initial opponents and the last K champions; settings default to --preset drq')
    .option('--rounds <n>', 'DRQ rounds', integer, 10)
    .option('--iterations <n>', 'iterations per round (the paper: 250)', integer, 250)
    .option('--init <file>', 'the initial opponent (default: warriors/imp.red)')
    .option('--opponents <files...>', 'more initial opponents, fought in every round')
    .option('--initial-new <n>', 'new warriors written at the start of each round', integer, 8)
    .option('--no-warmup', 'do not re-evaluate the initial opponents and past champions at each round start')
    .option('--new-prob <p>', 'probability that an iteration asks for a new warrior instead of a mutation', number, 0.1)
    .option('--history <k>', 'K: the latest champions each candidate fights', integer, 20)
    .option('--battle-rounds <n>', 'rounds (random placements) per evaluation battle', integer, 20)
    .option('--fitness-threshold <f>', "a round ends once its best candidate holds more than this share of its battle (fitness ÷ warriors, the paper's scale)", number, 0.8)
    .option('--no-full-length', "stop a round's counters when pMARS stops it, not at the cycle limit (the paper ran to the limit)")
    .option('--seed <n>', 'seed of every random choice (default: from the clock; recorded)', integer)
    .option('--out <dir>', 'run directory (default: runs/<date-time>)')
    .option('--resume <dir>', 'continue the run in DIR; with --rounds N above its rounds, extend it (flags that change results are refused)')
    .option('--concurrency <n>', 'candidates in flight (LLM requests at once); may change on resume', integer, 8)
    .option('--threads <n>', 'battle threads (default: every core)', integer)
    .option('--offline', 'use the offline generator even with an API key')
    .option('--model <names>', 'LLM model, or several as a,b,c or with weights a:2,b:1 (each request draws one from the seeded stream)', 'gpt-4.1-mini')
    .option('--feedback', "show the LLM the parent's battle record (fitness, descriptors, how each opponent fared) and the round's best elite when it mutates")
    .option('--repair <n>', 'send a reply that does not assemble back to the LLM with the assembler\'s messages, up to N times', integer, 0)
    .option('--base-url <url>', 'OpenAI-compatible server (default: $OPENAI_BASE_URL, else OpenAI)')
    .option('--temperature <t>', 'LLM sampling temperature', number, 1)
    .option('--prompts <dir>', 'directory with system.md, new.md, mutate.md, feedback.md, repair.md replacing the built-in prompts')
    .option('--max-cost <usd>', 'stop cleanly once the run has cost this many US dollars', number)
    .option('--timeout <s>', 'hard limit per LLM request attempt, seconds', number, 120)
    .option('--retries <n>', 'LLM retries on 429/5xx/timeouts/dropped connections', integer, 6)
    .option('--heldout <dir>', "evaluate each round's champion 1v1 against DIR's warriors; the curve goes to summary.json")
    .addHelpText('after', `
One process writes a run directory at a time (run.lock); SIGINT, SIGTERM and SIGHUP stop it
cleanly (a second one at once), and --resume DIR continues it. On resume only --rounds (more),
${[...SPEED].filter((f) => f !== 'resume').map((f) => `--${kebab(f)}`).join(', ')} may differ from config.json.`)
    .action(async (flags: EvolveFlags, cmd: Command) => {
      const explicit = new Set(Object.keys(flags).filter((k) => cmd.getOptionValueSource(k) === 'cli'));
      // The loop, its generators and the run directory load only when evolve runs: start-up stays fast.
      await (await import('./evolve-run.js')).run(flags, explicit);
    });
}

/** Flags that change only how fast a run goes or how it is watched: they may differ on resume. */
export const SPEED = new Set(['resume', 'threads', 'concurrency', 'timeout', 'retries', 'maxCost', 'redis']);
export const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
