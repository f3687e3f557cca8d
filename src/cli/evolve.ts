// `drq evolve`: flags → EvolveConfig, the collaborators wired up (generator, battle runner,
// run directory), one runDrq call, progress on stderr.

import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveSettings } from '../config.js';
import type { HillSettings } from '../lib.js';
import { compile } from '../evolve/compile.js';
import { type CandidateRecord, type EvolveConfig, type Opponent, type Progress, type RoundEnd, runDrq } from '../evolve/drq.js';
import { generality, type Named, readWarriorDir } from '../evolve/generality.js';
import type { Generate } from '../evolve/generator.js';
import { createLlmGenerator } from '../evolve/llm-generator.js';
import { createOfflineGenerator } from '../evolve/offline.js';
import { createChat } from '../llm/client.js';
import { loadPrompts, packagePath } from '../llm/prompts.js';
import { createRunDir, openRunDir, type RunDir } from '../store/run-dir.js';
import { createRunner } from '../vm/runner.js';
import { fail, integer, type SettingsFlags, settingsInput, withSettings } from './options.js';

const number = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`not a number: ${value}`);
  return n;
};

interface EvolveFlags extends Omit<SettingsFlags, 'rounds'> {
  rounds: number; iterations: number; init?: string; opponents?: string[]; initialNew: number; warmup: boolean;
  newProb: number; history: number; battleRounds: number; fitnessThreshold: number; fullLength: boolean;
  seed?: number; out?: string; resume?: string; concurrency: number; threads?: number; offline?: boolean;
  model: string; baseUrl?: string; temperature: number; prompts?: string; maxCost?: number; timeout: number;
  retries: number; heldout?: string;
}

/** What config.json holds: enough to continue the run exactly (the API key is never stored). */
interface RunConfig {
  drq: Omit<EvolveConfig, 'maxCost'> & { maxCost: number | null };
  initial: Opponent[];
  generator: { kind: 'offline' } | { kind: 'llm'; model: string; baseUrl: string | null; temperature: number; prompts: string | null; timeout: number; retries: number };
  heldout: string | null;
  version: 1;
}

export function register(program: Command): void {
  withSettings(program.command('evolve'), null)
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
    .option('--resume <dir>', 'continue the run in DIR (its config.json wins over other flags but --max-cost and --threads)')
    .option('--concurrency <n>', 'candidates in flight (LLM requests at once); part of the run, fixed on resume', integer, 8)
    .option('--threads <n>', 'battle threads (default: every core)', integer)
    .option('--offline', 'use the offline generator even with an API key')
    .option('--model <name>', 'LLM model', 'gpt-4.1-mini')
    .option('--base-url <url>', 'OpenAI-compatible server (default: $OPENAI_BASE_URL, else OpenAI)')
    .option('--temperature <t>', 'LLM sampling temperature', number, 1)
    .option('--prompts <dir>', 'directory with system.md, new.md, mutate.md replacing the built-in prompts')
    .option('--max-cost <usd>', 'stop cleanly once the run has cost this many US dollars', number)
    .option('--timeout <s>', 'hard limit per LLM request attempt, seconds', number, 120)
    .option('--retries <n>', 'LLM retries on 429/5xx/timeouts/dropped connections', integer, 6)
    .option('--heldout <dir>', "evaluate each round's champion 1v1 against DIR's warriors; the curve goes to summary.json")
    .action(async (flags: EvolveFlags) => {
      const started = flags.resume ? resume(flags) : start(flags);
      await evolve(started.run, started.config, started.log, flags);
    });
}

function start(flags: EvolveFlags): { run: RunDir; config: RunConfig; log: CandidateRecord[] } {
  const initialFiles = [flags.init ?? packagePath('warriors/imp.red') ?? fail('warriors/imp.red not found: give --init FILE'), ...(flags.opponents ?? [])];
  const history = flags.history;
  const resolved = resolveSettings({ ...settingsInput({ ...flags, rounds: undefined }), preset: flags.preset ?? 'drq', rounds: flags.battleRounds }, 1 + initialFiles.length + history, flags.battleRounds);
  if (!resolved.ok) fail(resolved.error);
  const settings: HillSettings = resolved.value;
  const initial = initialFiles.map((file) => {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      return fail(`${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const c = compile(source, settings, 1 + initialFiles.length, 1);
    if (!c.ok) fail(`${file}:${c.errors[0].line}:${c.errors[0].column}: ${c.errors[0].message}`);
    return { id: `init:${basename(file)}`, source };
  });
  for (const [name, v, lo, hi] of [['--new-prob', flags.newProb, 0, 1], ['--temperature', flags.temperature, 0, 2]] as const) {
    if (v < lo || v > hi) fail(`${name} must be in ${lo}..${hi}`);
  }
  for (const [name, v] of [['--rounds', flags.rounds], ['--battle-rounds', flags.battleRounds], ['--concurrency', flags.concurrency]] as const) {
    if (v < 1) fail(`${name} must be at least 1`);
  }
  const baseUrl = flags.baseUrl ?? process.env.OPENAI_BASE_URL;
  const offline = flags.offline || (!process.env.OPENAI_API_KEY && !baseUrl);
  const config: RunConfig = {
    drq: {
      rounds: flags.rounds, iterations: flags.iterations, initialNew: flags.initialNew, warmup: flags.warmup,
      newProb: flags.newProb, history, battleRounds: flags.battleRounds, fitnessThreshold: flags.fitnessThreshold,
      fullLength: flags.fullLength, seed: flags.seed ?? Math.floor(Date.now() % 2147483647), concurrency: flags.concurrency,
      maxCost: flags.maxCost ?? null, settings,
    },
    initial,
    generator: offline ? { kind: 'offline' } : {
      kind: 'llm', model: flags.model, baseUrl: baseUrl ?? null, temperature: flags.temperature,
      prompts: flags.prompts ?? null, timeout: flags.timeout, retries: flags.retries,
    },
    heldout: flags.heldout ?? null,
    version: 1,
  };
  const dir = flags.out ?? join('runs', new Date().toISOString().replace(/[:.]/g, '-'));
  const created = createRunDir(dir, config);
  if (!created.ok) fail(created.error);
  return { run: created.value, config, log: [] };
}

function resume(flags: EvolveFlags): { run: RunDir; config: RunConfig; log: CandidateRecord[] } {
  const opened = openRunDir(flags.resume!);
  if (!opened.ok) fail(opened.error);
  const config = opened.value.config as RunConfig;
  if (config.version !== 1) fail(`${flags.resume}: not a run directory of this drq version`);
  if (flags.maxCost !== undefined) config.drq.maxCost = flags.maxCost;
  return { run: opened.value.run, config, log: opened.value.candidates as CandidateRecord[] };
}

function makeGenerator(config: RunConfig): { generate: Generate; name: string; announce: string } {
  const g = config.generator;
  if (g.kind === 'offline') {
    return {
      generate: createOfflineGenerator({ seed: config.drq.seed, settings: config.drq.settings }), name: 'offline',
      announce: 'drq: using the offline generator (no OPENAI_API_KEY and no --base-url given, or --offline)',
    };
  }
  const prompts = loadPrompts(g.prompts ?? undefined);
  if (!prompts.ok) fail(prompts.error);
  // Local servers (vLLM, Ollama, llama.cpp) take any key; the client insists on one.
  const apiKey = process.env.OPENAI_API_KEY || (g.baseUrl ? 'none' : fail('OPENAI_API_KEY is not set'));
  const examplesDir = packagePath('warriors');
  const examples = examplesDir ? readWarriorDir(examplesDir) : { ok: false as const };
  const chat = createChat({ apiKey, baseURL: g.baseUrl ?? undefined, model: g.model, temperature: g.temperature, timeoutMs: g.timeout * 1000, maxRetries: g.retries });
  return {
    generate: createLlmGenerator({
      chat, model: g.model, prompts: prompts.prompts, settings: config.drq.settings,
      warriors: 1 + config.initial.length + config.drq.history,
      examples: examples.ok ? examples.warriors.filter((w) => !/imp/i.test(w.name)) : [],
    }),
    name: `llm:${g.model}`,
    announce: `drq: generating with ${g.model} at ${g.baseUrl ?? 'api.openai.com'} (temperature ${g.temperature})`,
  };
}

async function evolve(run: RunDir, config: RunConfig, log: CandidateRecord[], flags: EvolveFlags): Promise<void> {
  const { generate, name, announce } = makeGenerator(config);
  process.stderr.write(`${announce}\ndrq: run directory ${run.dir}${log.length ? ` (resuming after ${log.length} candidates)` : ''}, seed ${config.drq.seed}\n`);
  const runner = createRunner({ threads: flags.threads ?? availableParallelism() });
  const heldout = config.heldout ? readWarriorDir(config.heldout) : undefined;
  if (heldout && !heldout.ok) fail(heldout.error);
  const stop = new AbortController();
  const onSigint = (): void => {
    if (stop.signal.aborted) process.exit(130); // the log is consistent at every line: safe to leave now
    stop.abort();
    process.stderr.write(`\ndrq: stopping: finishing the candidates in flight (Ctrl-C again to leave now); continue with drq evolve --resume ${run.dir}\n`);
  };
  process.on('SIGINT', onSigint);
  const progress = createProgress(config.drq.rounds);
  const rounds: object[] = [];
  let last: Progress | undefined;
  const t0 = Date.now();
  const summary = (status: string, reason: string | null = null): object => ({
    status, reason, generator: name, seed: config.drq.seed, roundsDone: rounds.length, rounds,
    candidates: last?.candidates ?? log.length,
    tokens: { prompt: last?.promptTokens ?? 0, completion: last?.completionTokens ?? 0 },
    cost: last?.cost ?? 0, seconds: Math.round((Date.now() - t0) / 1000),
    heldout: heldout?.ok ? { dir: config.heldout, curve: rounds.map((r) => (r as { heldout?: { generality: number } }).heldout?.generality ?? null) } : undefined,
  });
  const endRound = async (end: RoundEnd): Promise<void> => {
    const c = end.champion;
    if (c?.source) run.writeChampion(end.round, c.source);
    run.writeArchive(end.round, { round: end.round, elites: end.archive.map((e) => ({ cell: e.cell, id: e.id, fitness: e.fitness, source: e.source })) });
    let held: object | undefined;
    if (c?.source && heldout?.ok) {
      const g = await generality({ name: c.id, source: c.source }, heldout.warriors as Named[], config.drq.settings, runner,
        { rounds: config.drq.battleRounds, seed: config.drq.seed, fullLength: config.drq.fullLength });
      held = g.ok ? { generality: g.generality, beaten: g.beaten, tied: g.tied, lost: g.lost } : { error: g.error };
    }
    rounds.push({ round: end.round, champion: c?.id ?? null, fitness: c?.fitness ?? null, candidates: end.candidates, cells: end.archive.length, heldout: held });
    run.writeSummary(summary('running'));
    progress.round(end, held as { generality: number } | undefined);
  };
  try {
    const out = await runDrq(config.drq, config.initial, {
      generate, generatorName: name, record: (c) => run.append(c), endRound, stop: stop.signal,
      battle: async (job) => (await runner.run([job]))[0],
      progress: (p) => { last = p; progress.update(p); },
    }, log);
    progress.done();
    if (!out.ok) {
      run.writeSummary(summary('failed', out.error));
      fail(out.error);
    }
    run.writeSummary(summary(out.completed ? 'completed' : 'stopped', out.reason));
    if (!out.completed) {
      process.stderr.write(`drq: stopped (${out.reason}); continue with: drq evolve --resume ${run.dir}\n`);
      process.exitCode = out.reason === 'interrupted' ? 130 : 1;
    } else {
      process.stderr.write(`drq: done: ${rounds.length} rounds, champions in ${join(run.dir, 'champions')}\n`);
    }
  } finally {
    process.off('SIGINT', onSigint);
    run.close();
    await runner.close();
  }
}

/** A live bar on a terminal (stderr), one line per round otherwise. */
function createProgress(totalRounds: number) {
  const tty = process.stderr.isTTY === true;
  const t0 = Date.now();
  let lastDraw = 0;
  const eta = (p: Progress): string => {
    const done = p.round - 1 + p.slot / p.slots;
    if (done <= 0) return '?';
    const s = ((Date.now() - t0) / 1000) * (totalRounds - done) / done;
    return s > 3600 ? `${(s / 3600).toFixed(1)}h` : s > 60 ? `${Math.round(s / 60)}m` : `${Math.round(s)}s`;
  };
  const money = (p: Progress): string => (p.promptTokens + p.completionTokens > 0
    ? ` tokens ${Math.round((p.promptTokens + p.completionTokens) / 1000)}k $${p.cost.toFixed(3)}` : '');
  return {
    update(p: Progress): void {
      if (!tty || Date.now() - lastDraw < 100) return;
      lastDraw = Date.now();
      const width = 20;
      const filled = Math.round((p.slot / p.slots) * width);
      const line = `round ${p.round}/${totalRounds} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.slot}/${p.slots}` +
        ` best ${p.best === null ? '-' : p.best.toFixed(3)} cells ${p.cells}/36 ETA ${eta(p)}${money(p)}`;
      process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 120) - 1)}\x1b[K`);
    },
    round(end: RoundEnd, held: { generality: number } | undefined): void {
      const c = end.champion;
      process.stderr.write(`${tty ? '\r\x1b[K' : ''}round ${end.round}/${totalRounds}: ${end.candidates} candidates, ${end.archive.length}/36 cells, ` +
        `champion ${c ? `${c.id} fitness ${c.fitness!.toFixed(3)}` : 'none'}${held ? `, held-out generality ${held.generality.toFixed(3)}` : ''}\n`);
    },
    done(): void {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}
