// `drq evolve`'s action: flags → EvolveConfig, the collaborators wired up (generator, battle runner,
// run directory), one runDrq call, progress on stderr.

import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { resolveSettings } from '../config.js';
import type { HillSettings } from '../lib.js';
import { compile } from '../evolve/compile.js';
import { type CandidateRecord, type EvolveConfig, type Opponent, type Progress, type RoundEnd, runDrq, type Saved } from '../evolve/drq.js';
import { createEta, type Eta, formatDuration } from '../evolve/eta.js';
import { generality, type Named, readWarriorDir } from '../evolve/generality.js';
import type { Generate } from '../evolve/generator.js';
import { createModelTally, parseModels } from '../evolve/models.js';
import { createOfflineGenerator } from '../evolve/offline.js';
import { loadPrompts } from '../llm/prompts.js';
import { packagePath } from '../package-path.js';
import { createRunDir, describeHolder, openRunDir, type RunDir } from '../store/run-dir.js';
import { type EvolveFlags, kebab, SPEED } from './evolve.js';
import { fail, openBattles, settingsInput } from './options.js';

/** What config.json holds: enough to continue the run exactly (the API key is never stored). */
interface RunConfig {
  drq: Omit<EvolveConfig, 'maxCost'> & { maxCost: number | null };
  initial: Opponent[];
  generator: { kind: 'offline' } | {
    kind: 'llm'; model: string; baseUrl: string | null; temperature: number; prompts: string | null; timeout: number; retries: number;
    feedback: boolean; repair: number;
  };
  heldout: string | null;
  version: 1;
}

const SETTINGS_FLAGS = ['coresize', 'cycles', 'processes', 'maxLength', 'distance', 'pspace', 'icws88', 'preset'];

interface Started { run: RunDir; config: RunConfig; log: CandidateRecord[]; seconds: number }

/** The run's configuration from flags; `initial` stands for --init/--opponents when given. */
function configOf(flags: EvolveFlags, initial?: Opponent[]): RunConfig {
  const initialFiles = initial ? [] : [flags.init ?? packagePath('warriors/imp.red') ?? fail('warriors/imp.red not found: give --init FILE'), ...(flags.opponents ?? [])];
  const initialCount = initial?.length ?? initialFiles.length;
  const history = flags.history;
  const resolved = resolveSettings({ ...settingsInput({ ...flags, rounds: undefined }), preset: flags.preset ?? 'drq', rounds: flags.battleRounds }, 1 + initialCount + history, flags.battleRounds);
  if (!resolved.ok) fail(resolved.error);
  const settings: HillSettings = resolved.value;
  initial ??= initialFiles.map((file) => {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      return fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const c = compile(source, settings, 1 + initialCount, 1);
    if (!c.ok) fail(`${file}:${c.errors[0].line}:${c.errors[0].column}: ${c.errors[0].message}`);
    return { id: `init:${basename(file)}`, source };
  });
  for (const [name, v, lo, hi] of [['--new-prob', flags.newProb, 0, 1], ['--temperature', flags.temperature, 0, 2]] as const) {
    if (v < lo || v > hi) fail(`${name} must be in ${lo}..${hi}`);
  }
  for (const [name, v] of [['--rounds', flags.rounds], ['--battle-rounds', flags.battleRounds], ['--concurrency', flags.concurrency]] as const) {
    if (v < 1) fail(`${name} must be at least 1`);
  }
  if (flags.repair < 0) fail('--repair must be at least 0');
  const models = parseModels(flags.model);
  if (typeof models === 'string') fail(models);
  const baseUrl = flags.baseUrl ?? process.env.OPENAI_BASE_URL;
  const offline = flags.offline || (!process.env.OPENAI_API_KEY && !baseUrl);
  if (offline && (flags.feedback || flags.repair > 0)) fail('--feedback and --repair need an LLM (give --base-url or set OPENAI_API_KEY)');
  return {
    drq: {
      rounds: flags.rounds, iterations: flags.iterations, initialNew: flags.initialNew, warmup: flags.warmup,
      newProb: flags.newProb, history, battleRounds: flags.battleRounds, fitnessThreshold: flags.fitnessThreshold,
      fullLength: flags.fullLength, seed: flags.seed ?? Math.floor(Date.now() % 2147483647), concurrency: flags.concurrency,
      maxCost: flags.maxCost ?? null, settings,
    },
    initial,
    generator: offline ? { kind: 'offline' } : {
      kind: 'llm', model: flags.model, baseUrl: baseUrl ?? null, temperature: flags.temperature,
      prompts: flags.prompts ?? null, timeout: flags.timeout, retries: flags.retries, feedback: flags.feedback ?? false, repair: flags.repair,
    },
    heldout: flags.heldout ?? null,
    version: 1,
  };
}

function start(flags: EvolveFlags): Started {
  const config = configOf(flags);
  const dir = flags.out ?? join('runs', new Date().toISOString().replace(/[:.]/g, '-'));
  const created = createRunDir(dir, config);
  if (!created.ok) fail(created.error);
  return { run: created.value, config, log: [], seconds: 0 };
}

/** The flags that would give `config` (settings as explicit values, so that they resolve to the same). */
function flagsOf(config: RunConfig): Omit<EvolveFlags, 'init' | 'opponents'> {
  const { drq, generator: g } = config;
  const s = drq.settings;
  return {
    ...drq, maxCost: drq.maxCost ?? undefined, heldout: config.heldout ?? undefined,
    coresize: s.coresize, cycles: s.cycles, processes: s.processes, maxLength: s.maxLength, distance: s.separation,
    pspace: s.pspaceSize, icws88: s.icws88, preset: 'drq',
    offline: g.kind === 'offline', model: g.kind === 'llm' ? g.model : 'gpt-4.1-mini', baseUrl: g.kind === 'llm' ? g.baseUrl ?? undefined : undefined,
    temperature: g.kind === 'llm' ? g.temperature : 1, prompts: g.kind === 'llm' ? g.prompts ?? undefined : undefined,
    timeout: g.kind === 'llm' ? g.timeout : 120, retries: g.kind === 'llm' ? g.retries : 6,
    feedback: g.kind === 'llm' && g.feedback, repair: g.kind === 'llm' ? g.repair : 0,
  };
}

/** Each leaf where `given` differs from `stored`, as "path: stored → given". */
function differences(stored: unknown, given: unknown, path = ''): string[] {
  if (typeof stored === 'object' && stored !== null && typeof given === 'object' && given !== null) {
    const keys = new Set([...Object.keys(stored), ...Object.keys(given)]);
    return [...keys].flatMap((k) => differences((stored as Record<string, unknown>)[k], (given as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  const show = (v: unknown): string => (typeof v === 'string' && v.length > 40 ? `${JSON.stringify(v.slice(0, 37))}…` : JSON.stringify(v) ?? 'none');
  return JSON.stringify(stored) === JSON.stringify(given) ? [] : [`${path}: ${show(stored)} in config.json, ${show(given)} now`];
}

/**
 * Reopens a run. Flags given on this command line that change results must agree with
 * config.json; speed flags replace what it holds; --rounds above its rounds extends the run.
 */
function resume(flags: EvolveFlags, explicit: Set<string>): Started {
  const dir = flags.resume!;
  if (explicit.has('out')) fail('give --out or --resume, not both');
  const opened = openRunDir(dir);
  if (!opened.ok) fail(opened.error);
  const { run, summary } = opened.value;
  const stored = opened.value.config as RunConfig;
  if (stored.version !== 1) fail(`${dir}: not a run directory of this drq version`);
  // Runs from before --feedback and --repair had neither.
  if (stored.generator.kind === 'llm') stored.generator = { ...stored.generator, feedback: stored.generator.feedback ?? false, repair: stored.generator.repair ?? 0 };

  const results = [...explicit].filter((k) => !SPEED.has(k) && k !== 'rounds');
  if (results.length) {
    // What these flags would make of the run, everything else as config.json has it.
    const base: EvolveFlags = { ...flagsOf(stored), ...Object.fromEntries(results.map((k) => [k, flags[k as keyof EvolveFlags]])) };
    if (results.some((k) => SETTINGS_FLAGS.includes(k))) {
      for (const k of SETTINGS_FLAGS) if (!explicit.has(k)) delete (base as unknown as Record<string, unknown>)[k];
    }
    const fresh = configOf(base, explicit.has('init') || explicit.has('opponents') ? undefined : stored.initial);
    const speedless = (c: RunConfig): unknown => ({
      ...c, drq: { ...c.drq, rounds: 0, concurrency: 0, maxCost: 0 },
      generator: c.generator.kind === 'llm' ? { ...c.generator, timeout: 0, retries: 0 } : c.generator,
    });
    const differ = differences(speedless(stored), speedless(fresh));
    if (differ.length) {
      fail(`--resume ${dir}: refused, these flags would change the run's results:\n  ${differ.join('\n  ')}\n` +
        `(on resume only --rounds (more) and ${[...SPEED].filter((f) => f !== 'resume').map((f) => `--${kebab(f)}`).join(', ')} may change)`);
    }
  }

  const config = structuredClone(stored);
  const changed: string[] = [];
  if (explicit.has('rounds') && flags.rounds !== stored.drq.rounds) {
    if (flags.rounds < stored.drq.rounds) fail(`--resume ${dir}: the run has ${stored.drq.rounds} rounds; it can be extended, not shortened (--rounds ${flags.rounds})`);
    config.drq.rounds = flags.rounds;
    changed.push(`extended from ${stored.drq.rounds} to ${flags.rounds} rounds`);
  }
  // Speed flags replace what config.json holds (for this and later resumes).
  const llm = config.generator.kind === 'llm' ? config.generator : null;
  const holders: Record<string, object | null> = { concurrency: config.drq, maxCost: config.drq, timeout: llm, retries: llm };
  for (const [key, holder] of Object.entries(holders)) {
    const fields = holder as Record<string, unknown> | null;
    const value = flags[key as keyof EvolveFlags];
    if (!fields || !explicit.has(key) || fields[key] === value) continue;
    changed.push(`--${kebab(key)} ${String(fields[key])} → ${String(value)}`);
    fields[key] = value;
  }
  if (changed.length) {
    const written = run.writeConfig(config);
    if (!written.ok) fail(written.error);
    process.stderr.write(`drq: ${changed.join('; ')}\n`);
  }
  const seconds = (summary as { seconds?: unknown } | null)?.seconds;
  return { run, config, log: opened.value.candidates as CandidateRecord[], seconds: typeof seconds === 'number' ? seconds : 0 };
}

async function makeGenerator(config: RunConfig): Promise<{ generate: Generate; name: string; announce: string }> {
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
  const models = parseModels(g.model);
  if (typeof models === 'string') fail(models);
  // The LLM client (and openai) load only when an LLM generates: start-up stays fast.
  const [{ createChat }, { createLlmGenerator }] = await Promise.all([import('../llm/client.js'), import('../evolve/llm-generator.js')]);
  const chat = createChat({ apiKey, baseURL: g.baseUrl ?? undefined, model: models[0].name, temperature: g.temperature, timeoutMs: g.timeout * 1000, maxRetries: g.retries });
  return {
    generate: createLlmGenerator({
      chat, models, seed: config.drq.seed, prompts: prompts.prompts, settings: config.drq.settings,
      warriors: 1 + config.initial.length + config.drq.history,
      examples: examples.ok ? examples.warriors.filter((w) => !/imp/i.test(w.name)) : [],
      feedback: g.feedback, repair: g.repair,
    }),
    name: `llm:${g.model}`,
    announce: `drq: generating with ${g.model} at ${g.baseUrl ?? 'api.openai.com'} (temperature ${g.temperature}` +
      `${g.feedback ? ', feedback' : ''}${g.repair ? `, up to ${g.repair} repairs` : ''})`,
  };
}

/** A round's champion against the held-out set, as summary.json records it (src/evolve/generality). */
interface Held { generality: number; score: number }

/** summary.json's held-out curves: per round, the champion's generality and KotH score (null where none was measured). */
const heldoutCurves = (dir: string, rounds: object[]): { dir: string; curve: (number | null)[]; score: (number | null)[] } => {
  const held = rounds.map((r) => (r as { heldout?: Partial<Held> }).heldout);
  return { dir, curve: held.map((h) => h?.generality ?? null), score: held.map((h) => h?.score ?? null) };
};

/** Exit status after a signal: 128 + its number, as a shell reports it. */
const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type StopSignal = keyof typeof SIGNALS;

async function evolve({ run, config, log, seconds: before }: Started, flags: EvolveFlags): Promise<void> {
  const { generate, name, announce } = await makeGenerator(config);
  const heldout = config.heldout ? readWarriorDir(config.heldout) : undefined;
  if (heldout && !heldout.ok) fail(heldout.error);
  if (run.tookOver) process.stderr.write(`drq: took over the lock of ${describeHolder(run.tookOver)}, which no longer runs\n`);
  process.stderr.write(`${announce}\ndrq: run directory ${run.dir}${log.length ? ` (resuming after ${log.length} candidates)` : ''}, seed ${config.drq.seed}\n`);
  const runner = await openBattles(flags, availableParallelism());
  const rounds: object[] = [];
  const models = createModelTally();
  for (const c of log) models.add(c);
  let last: Progress | undefined;
  const t0 = Date.now();
  const summary = (status: string, reason: string | null = null): object => ({
    status, reason, generator: name, seed: config.drq.seed, roundsDone: rounds.length, rounds,
    candidates: last?.candidates ?? log.length,
    tokens: { prompt: last?.promptTokens ?? 0, completion: last?.completionTokens ?? 0, cached: last?.cachedTokens ?? 0 },
    cost: last?.cost ?? 0, models: models.rows(), seconds: before + Math.round((Date.now() - t0) / 1000),
    heldout: heldout?.ok ? heldoutCurves(config.heldout!, rounds) : undefined,
  });

  // The first signal stops starting candidates and lets those in flight finish and be recorded;
  // a second leaves at once (every log line is whole, and the exit releases the lock).
  const stop = new AbortController();
  let stoppedBy: StopSignal | null = null;
  const onSignal = (signal: StopSignal): void => {
    if (stoppedBy) {
      run.writeSummary(summary('interrupted', `${signal} (leaving at once)`));
      process.exit(SIGNALS[signal]);
    }
    stoppedBy = signal;
    stop.abort();
    process.stderr.write(`\ndrq: ${signal}: finishing the candidates in flight (again to leave now); continue with drq evolve --resume ${run.dir}\n`);
  };
  const handlers = (Object.keys(SIGNALS) as StopSignal[]).map((signal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  // After SIGHUP the terminal is gone: writing to it must not end the run.
  const ignore = (): void => {};
  process.stderr.on('error', ignore);

  const eta = createEta({ ...config.drq, initial: config.initial.length });
  const progress = createProgress(config.drq.rounds, eta);
  const endRound = async (end: RoundEnd): Promise<Saved> => {
    const c = end.champion;
    const champion = c?.source ? run.writeChampion(end.round, c.source) : { ok: true as const };
    if (!champion.ok) return champion;
    const archive = run.writeArchive(end.round, { round: end.round, elites: end.archive.map((e) => ({ cell: e.cell, id: e.id, fitness: e.fitness, source: e.source })) });
    if (!archive.ok) return archive;
    let held: object | undefined;
    if (c?.source && heldout?.ok) {
      const g = await generality({ name: c.id, source: c.source }, heldout.warriors as Named[], config.drq.settings, runner,
        { rounds: config.drq.battleRounds, seed: config.drq.seed, fullLength: config.drq.fullLength });
      held = g.ok ? { generality: g.generality, score: g.score, beaten: g.beaten, tied: g.tied, lost: g.lost } : { error: g.error };
    }
    rounds.push({ round: end.round, champion: c?.id ?? null, fitness: c?.fitness ?? null, candidates: end.candidates, cells: end.archive.length, heldout: held });
    eta.roundEnded(end.round, end.candidates);
    progress.round(end, held as Held | undefined, last);
    return run.writeSummary(summary('running'));
  };
  try {
    const out = await runDrq(config.drq, config.initial, {
      generate, generatorName: name, record: (c) => { models.add(c); return run.append(c); }, endRound, stop: stop.signal,
      battle: async (job) => (await runner.run([job]))[0],
      progress: (p) => { last = p; eta.placed(p); progress.update(p); },
    }, log);
    progress.done();
    if (!out.ok) {
      run.writeSummary(summary('failed', out.error));
      fail(out.error);
    }
    if (out.completed) {
      run.writeSummary(summary('completed'));
      process.stderr.write(`drq: done: ${rounds.length} rounds, champions in ${join(run.dir, 'champions')}\n`);
    } else {
      const reason = stoppedBy ?? out.reason;
      run.writeSummary(summary(stoppedBy ? 'interrupted' : 'stopped', reason));
      process.stderr.write(`drq: stopped (${reason}); continue with: drq evolve --resume ${run.dir}\n`);
      process.exitCode = stoppedBy ? SIGNALS[stoppedBy] : 1;
    }
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    process.stderr.off('error', ignore);
    run.close();
    await runner.close();
  }
}

/** A live bar on a terminal (stderr), one line per round otherwise; both with the ETA. */
function createProgress(totalRounds: number, eta: Eta) {
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  const left = (p: Progress | undefined): string => {
    const s = p ? eta.remaining(p) : null;
    return s === null ? '?' : formatDuration(s);
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
        ` best ${p.best === null ? '-' : p.best.toFixed(3)} cells ${p.cells}/36 ETA ${left(p)}${money(p)}`;
      process.stderr.write(`\r${line.slice(0, (process.stderr.columns || 120) - 1)}\x1b[K`);
    },
    round(end: RoundEnd, held: Held | undefined, p: Progress | undefined): void {
      const c = end.champion;
      const rest = end.round < totalRounds ? `, ETA ${left(p && { ...p, round: end.round + 1, slot: 0 })}` : '';
      process.stderr.write(`${tty ? '\r\x1b[K' : ''}round ${end.round}/${totalRounds}: ${end.candidates} candidates, ${end.archive.length}/36 cells, ` +
        `champion ${c ? `${c.id} fitness ${c.fitness!.toFixed(3)}` : 'none'}${held?.score !== undefined ? `, held-out generality ${held.generality.toFixed(3)} score ${held.score.toFixed(1)}` : ''}${rest}\n`);
    },
    done(): void {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

/** The action of `drq evolve`: a new run, or the one in --resume DIR, to its end or a clean stop. */
export async function run(flags: EvolveFlags, explicit: Set<string>): Promise<void> {
  await evolve(flags.resume ? resume(flags, explicit) : start(flags), flags);
}
