// The only TypeScript file that knows the Wasm ABI of build/mars.wasm (assembly/index.ts).
// It turns warriors (encoded load images) and settings into one Wasm call per battle and
// reads the per-round records back into plain, JSON-friendly objects, scored as pMARS does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { packagePath } from '../package-path.js';

/** An encoded warrior: triples [opword, A-number, B-number] (see assembly/insn.ts). */
export interface Warrior {
  image: Int32Array;
  /** ORG/END offset of the first process, relative to the first instruction. */
  start: number;
  /** PIN value (compared as a 32-bit integer); warriors with the same PIN share P-space cells 1.. */
  pin: number | null;
  name: string;
  author: string;
}

/** pMARS's -s -c -p -l -d -S. */
export interface MarsSettings {
  coresize: number;
  cycles: number;
  processes: number;
  maxLength: number;
  separation: number;
  /** Defaults to pMARS's choice: coresize / d for the largest d in 16..1 dividing it. */
  pspaceSize?: number;
}

/**
 * How round 1 is placed. `position` is pMARS's -F (warrior 2's address in round 1),
 * `checksum` its -f, `seed` an explicit RNG state (what BattleResult.seed reports).
 */
export type SeedSpec =
  | { kind: 'position'; value: number }
  | { kind: 'checksum' }
  | { kind: 'seed'; value: number };

export interface BattleOptions {
  rounds: number;
  /**
   * Keep a lone survivor running to the cycle limit, as the DRQ paper's simulator did, so that
   * its coverage and spawn counts include that tail. Outcomes, scores and P-space stay pMARS's
   * (the tail cannot write P-space). Default false: counters stop where pMARS stops.
   */
  fullLength?: boolean;
  /**
   * Whose coverage to count: every warrior's (default), or the first's alone, as a DRQ evaluation
   * reads only its candidate's; the others' is then null (counting them took ~7% of DRQ's melee).
   */
  coverage?: 'all' | 'first';
  /**
   * Rounds fought elsewhere (a battle split across threads): rounds 1..firstRound are placed but
   * not run, and the battle's `rounds` are firstRound+1..firstRound+rounds, placed and started as
   * in the whole battle. Exact only for warriors without LDP/STP (see usesPSpace). Default 0.
   */
  firstRound?: number;
}

export interface WarriorRound {
  position: number;
  survived: boolean;
  /** The cycle (its own turn number) in which its last process died; null if it survived. */
  deathCycle: number | null;
  /** Successful SPLs. */
  spawned: number;
  /** Distinct core addresses its processes executed. */
  coverage: number | null;
  /** Instructions it executed. */
  turns: number;
  /** DRQ survival share: Σ over cycles of 1/n_alive while alive, × warriors / cycles. */
  share: number;
}

export interface RoundResult {
  round: number;
  /** Index (0-based, command-line order) of the warrior that moved first. */
  firstMover: number;
  survivors: number;
  /** Instructions executed until pMARS ends the round (the oracle's instructions_executed). */
  instructions: number;
  /** Same, including a fullLength tail. */
  instructionsWithTail: number;
  warriors: WarriorRound[];
}

export interface WarriorSummary {
  name: string;
  author: string;
  /** pMARS's score: Σ rounds survived with S survivors × (W*W-1)/S (integer division). */
  score: number;
  /** survivedWith[k] = rounds survived with k+1 survivors (pMARS's "Results:" columns). */
  survivedWith: number[];
  deaths: number;
  /** Mean DRQ survival share over the rounds. */
  share: number;
}

export interface BattleResult {
  ok: true;
  settings: Required<MarsSettings>;
  /** The RNG state of round 1 (replay with { kind: 'seed', value: seed }); null for fixed positions. */
  seed: number | null;
  warriors: WarriorSummary[];
  /**
   * Warrior 1's wins, losses, ties: pMARS's 2-warrior "Results: W L T". With more warriors,
   * ties = rounds it survived with others (pMARS prints survivedWith and deaths instead).
   */
  results: { wins: number; losses: number; ties: number };
  rounds: RoundResult[];
}

export interface MarsError {
  ok: false;
  error: string;
}

/** One round at given positions (warrior 1 at positions[0] = 0 in pMARS), for oracles and tests. */
export interface FixedRound {
  positions: number[];
  firstMover: number;
}

export interface Stepper {
  /** Execute up to k instructions; true once the round is over. */
  step(k: number): boolean;
  cell(address: number): [number, number, number];
  setCell(address: number, cell: readonly [number, number, number]): void;
  /** Warrior w's queued process addresses, next first. */
  queue(w: number): number[];
  /** The address warrior w runs next (queue(w)[0] without copying the queue); null if none. */
  next(w: number): number | null;
  live(): number;
  /** The warrior whose turn is next. */
  current(): number;
}

export interface Mars {
  battle(warriors: Warrior[], settings: MarsSettings, seed: SeedSpec, options: BattleOptions): BattleResult | MarsError;
  battleAt(warriors: Warrior[], settings: MarsSettings, round: FixedRound, options?: { fullLength?: boolean }): BattleResult | MarsError;
  stepper(warriors: Warrior[], settings: MarsSettings, round: FixedRound): Stepper | MarsError;
}

export const MAX_WARRIORS = 36;

/** The 94nop hill settings, pMARS's defaults. */
export const DEFAULT_SETTINGS: Required<MarsSettings> = {
  coresize: 8000,
  cycles: 80000,
  processes: 8000,
  maxLength: 100,
  separation: 100,
  pspaceSize: 500,
};

export function defaultPSpaceSize(coresize: number): number {
  for (let d = 16; d > 0; d--) if (coresize % d === 0) return coresize / d;
  return coresize;
}

/** pMARS's RNG step (Park–Miller); 16807 × s stays exact in a double for s < 2^31. */
export function nextSeed(s: number): number {
  return (16807 * s) % 2147483647;
}

// Opcodes of the cell word (assembly/insn.ts): opword >> 9.
const OP_LDP = 17;
const OP_STP = 18;

/**
 * Whether the warrior has LDP or STP: its P-space carries from round to round, so its battle's
 * rounds depend on the earlier ones and cannot be fought in parts (BattleOptions.firstRound).
 */
export function usesPSpace({ image }: Warrior): boolean {
  for (let i = 0; i < image.length; i += 3) {
    const opcode = image[i] >> 9;
    if (opcode === OP_LDP || opcode === OP_STP) return true;
  }
  return false;
}

/** What pMARS seeds with when neither -F nor -f is given: next(time in seconds). */
export function clockSeed(): number {
  return nextSeed(Math.floor(Date.now() / 1000) % 2147483647);
}

interface Exports {
  memory: WebAssembly.Memory;
  configure(coresize: number, cycles: number, processes: number, maxLength: number, separation: number, pspace: number, warriors: number): number;
  warriorTable(): number;
  images(): number;
  positions(): number;
  results(): number;
  roundBytes(): number;
  fight(rounds: number, seedKind: number, seedValue: number, fullLength: number, firstRound: number, counted: number): number;
  seedUsed(): number;
  fightAt(starter: number, fullLength: number, counted: number): number;
  beginStepping(starter: number): void;
  step(k: number): number;
  core(): number;
  setCell(address: number, opword: number, a: number, b: number): void;
  queued(w: number): number;
  queueEntry(w: number, i: number): number;
  liveWarriors(): number;
  currentWarrior(): number;
}

const CONFIGURE_ERRORS: Record<number, string> = {
  [-1]: 'coresize must be 2..65536',
  [-2]: `warriors must be 1..${MAX_WARRIORS}`,
  [-3]: 'max processes must be 1..65536',
  [-4]: 'cycles must be ≥ 1 and warriors × cycles < 2^32',
  [-5]: 'max length must be 1..coresize',
  [-6]: 'separation must leave room for every warrior (warriors × separation ≤ coresize)',
  [-7]: 'P-space size must be 1..coresize',
  [-8]: 'out of memory',
};
const SEED_KIND = { seed: 0, position: 1, checksum: 2 } as const;
const ROUND_HEADER = 16;
const WARRIOR_RECORD = 32;

/**
 * pMARS's scoring of a battle's rounds (in round order). The pool scores a battle whose rounds
 * were fought in parts here too, so that it equals the battle fought whole.
 */
export function summarise(warriors: Warrior[], settings: Required<MarsSettings>, seed: number | null, rounds: RoundResult[]): BattleResult {
  const n = warriors.length;
  const summaries: WarriorSummary[] = warriors.map((w) => ({
    name: w.name, author: w.author, score: 0, survivedWith: new Array<number>(n).fill(0), deaths: 0, share: 0,
  }));
  for (const round of rounds) {
    round.warriors.forEach((wr, i) => {
      if (wr.survived) summaries[i].survivedWith[round.survivors - 1]++;
      else summaries[i].deaths++;
      summaries[i].share += wr.share / rounds.length;
    });
  }
  for (const s of summaries) {
    s.score = s.survivedWith.reduce((sum, count, k) => sum + count * Math.trunc((n * n - 1) / (k + 1)), 0);
  }
  const first = summaries[0];
  const results = n === 2
    ? { wins: first.survivedWith[0], losses: first.deaths, ties: first.survivedWith[1] }
    : { wins: first.survivedWith[0], losses: first.deaths, ties: first.survivedWith.slice(1).reduce((a, b) => a + b, 0) };
  return { ok: true, settings, seed, warriors: summaries, results, rounds };
}

function findWasm(file: string): string {
  const path = packagePath(`build/${file}`);
  if (!path) throw new Error(`build/${file} not found: run npm run build:wasm`);
  return path;
}

/**
 * This build of the MARS: a hash of build/mars.wasm and the package version beside it. Queued
 * battles carry it, and a worker of another build refuses them, so a mixed fleet never mixes
 * results.
 */
export function wasmDigest(): string {
  const wasm = findWasm('mars.wasm');
  const { version } = JSON.parse(readFileSync(join(dirname(dirname(wasm)), 'package.json'), 'utf8')) as { version: string };
  // Loaded here, not at the top: only queues need it, and every command's start-up would pay.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return `${version}-${createHash('sha256').update(readFileSync(wasm)).digest('hex').slice(0, 12)}`;
}

// Each module is compiled once per process, on first use: a pool's threads start with the main
// thread's compiled modules (wasmForThreads), so that V8 compiles and optimises the code once,
// and a thread's first battles run optimised code as soon as any thread's have.
const compiled = new Map<string, WebAssembly.Module>(Object.entries((workerData as { wasm?: Record<string, WebAssembly.Module> } | null)?.wasm ?? {}));

function compile(file: string): WebAssembly.Module {
  let module = compiled.get(file);
  if (!module) {
    module = new WebAssembly.Module(readFileSync(findWasm(file)));
    compiled.set(file, module);
  }
  return module;
}

function instantiate<E>(file: string): E {
  return new WebAssembly.Instance(compile(file), {}).exports as unknown as E;
}

/**
 * Instructions up to which a process's whole VM work costs less in V8's baseline tier (Liftoff)
 * than the optimising compile of run() does: that compile takes ~40 ms in the background, and the
 * process's exit waits for it. Optimised code runs ~1.5× faster, so beyond a few million
 * instructions it pays (bench/results.md, "Short runs stay in the baseline tier").
 */
const BASELINE_WORK = 2_000_000;

/**
 * Tell the VM how many instructions this process will run at most (rounds × cycles × warriors),
 * before its first battle. A small figure (a scripted one-round `drq battle`) keeps the VM in the
 * baseline tier for the rest of the process; results are the same in either tier.
 */
export function expectWork(instructions: number): void {
  if (instructions <= BASELINE_WORK && compiled.size === 0) setFlagsFromString('--liftoff-only');
}

/** The `workerData` for worker threads that make MARS instances: this thread's compiled Wasm. */
export function wasmForThreads(): { wasm: Record<string, WebAssembly.Module> } {
  return { wasm: { 'mars.wasm': compile('mars.wasm') } };
}

/** A MARS instance with its own linear memory. */
export function createMars(): Mars {
  return marsOn(instantiate<Exports>('mars.wasm'));
}

/**
 * One executed instruction of a traced round (assembly/trace.ts): the warrior, the address it
 * ran at, its opcode (assembly/insn.ts), the A operand's address (read), the B operand's address
 * (written by the opcodes that write), and how many addresses it queued (0 = the process died,
 * 2 = it split).
 */
export interface TraceEvent { warrior: number; pc: number; opcode: number; a: number; b: number; queued: number }

export interface Trace {
  round: number;
  /** Instructions executed in the round (with a fullLength tail); more than events.length if cut. */
  executed: number;
  truncated: boolean;
  /** Two u32 per event, as trace.ts stores them; decode with traceEvent(). */
  data: Uint32Array;
}

export function traceEvent(data: Uint32Array, i: number): TraceEvent {
  const lo = data[2 * i];
  const hi = data[2 * i + 1];
  return { pc: lo & 0xffff, b: lo >>> 16, a: hi & 0xffff, opcode: (hi >>> 16) & 31, queued: (hi >>> 21) & 3, warrior: hi >>> 24 };
}

export interface TracingMars extends Mars {
  /** A battle as battle() fights it, with round `round` (1-based) recorded, at most `limit` events. */
  traceBattle(warriors: Warrior[], settings: MarsSettings, seed: SeedSpec, options: BattleOptions & { round: number; limit: number }):
    { ok: true; result: BattleResult; trace: Trace } | MarsError;
}

interface TraceExports extends Exports {
  traceRound(r: number, limit: number): void;
  traceBuffer(): number;
  traceCount(): number;
}

/**
 * A MARS of the trace build (build/mars-trace.wasm): the same simulator compiled with the event
 * trace in, for the viewer. The release build has none of it, so battles elsewhere pay nothing.
 */
export function createTracingMars(): TracingMars {
  const vm = instantiate<TraceExports>('mars-trace.wasm');
  const mars = marsOn(vm);
  return {
    ...mars,
    traceBattle(warriors, settings, seed, options) {
      const { round, limit } = options;
      const first = (options.firstRound ?? 0) + 1;
      const last = (options.firstRound ?? 0) + options.rounds;
      if (!Number.isSafeInteger(round) || round < first || round > last) return { ok: false, error: `round must be ${first}..${last}` };
      if (!Number.isSafeInteger(limit) || limit < 0 || limit > 0x7fffffff) return { ok: false, error: 'trace limit must be 0..2^31-1' };
      vm.traceRound(round - 1, limit);
      const result = mars.battle(warriors, settings, seed, options);
      if (!result.ok) return result;
      const executed = vm.traceCount() >>> 0;
      const stored = Math.min(executed, limit);
      const data = new Uint32Array(vm.memory.buffer, vm.traceBuffer(), 2 * stored).slice();
      return { ok: true, result, trace: { round, executed, truncated: executed > stored, data } };
    },
  };
}

function marsOn(vm: Exports): Mars {

  function load(warriors: Warrior[], settings: MarsSettings): Required<MarsSettings> | MarsError {
    // Only MarsSettings' own fields: callers may pass a wider object (HillSettings).
    const { coresize, cycles, processes, maxLength, separation } = settings;
    const s = { coresize, cycles, processes, maxLength, separation, pspaceSize: settings.pspaceSize ?? defaultPSpaceSize(coresize) };
    for (const [key, value] of Object.entries(s)) {
      if (!Number.isSafeInteger(value)) return { ok: false, error: `${key} must be an integer` };
    }
    const status = vm.configure(s.coresize, s.cycles, s.processes, s.maxLength, s.separation, s.pspaceSize, warriors.length);
    if (status !== 0) return { ok: false, error: CONFIGURE_ERRORS[status] ?? `configure failed (${status})` };
    const table = new Int32Array(vm.memory.buffer, vm.warriorTable(), warriors.length * 4);
    const images = new Int32Array(vm.memory.buffer, vm.images(), warriors.length * s.maxLength * 3);
    for (let w = 0; w < warriors.length; w++) {
      const { image, start, pin, name } = warriors[w];
      const length = image.length / 3;
      if (!Number.isInteger(length)) return { ok: false, error: `${name}: image length is not a multiple of 3` };
      if (length > s.maxLength) return { ok: false, error: `${name}: ${length} instructions exceed max length ${s.maxLength}` };
      for (let i = 0; i < image.length; i++) {
        const v = image[i];
        const limit = i % 3 === 0 ? 19 << 9 : s.coresize;
        if (v < 0 || v >= limit) return { ok: false, error: `${name}: field ${i} out of range (${v})` };
      }
      if (!Number.isInteger(start) || start < 0) return { ok: false, error: `${name}: bad start offset ${start}` };
      table.set([length, start % s.coresize, pin === null ? 0 : 1, pin ?? 0], w * 4);
      images.set(image, w * s.maxLength * 3);
    }
    return s;
  }

  function readRounds(count: number, warriors: number, firstRound = 0, counted = warriors): RoundResult[] {
    const bytes = vm.roundBytes();
    const view = new DataView(vm.memory.buffer, vm.results(), count * bytes);
    const out: RoundResult[] = [];
    for (let r = 0; r < count; r++) {
      const base = r * bytes;
      const perWarrior: WarriorRound[] = [];
      for (let w = 0; w < warriors; w++) {
        const p = base + ROUND_HEADER + w * WARRIOR_RECORD;
        const survived = view.getUint32(p + 4, true) === 1;
        perWarrior.push({
          position: view.getUint32(p, true),
          survived,
          deathCycle: survived ? null : view.getUint32(p + 8, true),
          spawned: view.getUint32(p + 12, true),
          coverage: w < counted ? view.getUint32(p + 16, true) : null,
          turns: view.getUint32(p + 20, true),
          share: view.getFloat64(p + 24, true),
        });
      }
      out.push({
        round: firstRound + r + 1,
        firstMover: view.getUint32(base, true),
        instructions: view.getUint32(base + 4, true),
        survivors: view.getUint32(base + 8, true),
        instructionsWithTail: view.getUint32(base + 12, true),
        warriors: perWarrior,
      });
    }
    return out;
  }

  function setPositions(round: FixedRound, n: number, coresize: number): MarsError | null {
    if (round.positions.length !== n) return { ok: false, error: `need ${n} positions` };
    if (!Number.isInteger(round.firstMover) || round.firstMover < 0 || round.firstMover >= n) {
      return { ok: false, error: `first mover must be 0..${n - 1}` };
    }
    if (round.positions.some((p) => !Number.isInteger(p) || p < 0 || p >= coresize)) {
      return { ok: false, error: 'positions must be 0..coresize-1' };
    }
    new Int32Array(vm.memory.buffer, vm.positions(), n).set(round.positions);
    return null;
  }

  return {
    battle(warriors, settings, seed, options) {
      const s = load(warriors, settings);
      if ('ok' in s) return s;
      if (!Number.isSafeInteger(options.rounds) || options.rounds < 1) return { ok: false, error: 'rounds must be ≥ 1' };
      const firstRound = options.firstRound ?? 0;
      if (!Number.isSafeInteger(firstRound) || firstRound < 0) return { ok: false, error: 'first round must be ≥ 0' };
      if (options.coverage !== undefined && options.coverage !== 'all' && options.coverage !== 'first') {
        return { ok: false, error: "coverage must be 'all' or 'first'" };
      }
      let value = 0;
      if (seed.kind === 'position') {
        if (!Number.isInteger(seed.value) || seed.value < s.separation) {
          return { ok: false, error: 'Position of warrior #2 cannot be smaller than warrior distance' };
        }
        value = seed.value;
      } else if (seed.kind === 'seed') {
        if (!Number.isInteger(seed.value) || seed.value < 0 || seed.value >= 2147483647) {
          return { ok: false, error: 'seed must be 0..2147483646' };
        }
        value = seed.value;
      }
      const counted = options.coverage === 'first' ? 1 : warriors.length;
      const rounds = vm.fight(options.rounds, SEED_KIND[seed.kind], value, options.fullLength ? 1 : 0, firstRound, counted);
      if (rounds < 0) return { ok: false, error: CONFIGURE_ERRORS[rounds] ?? `fight failed (${rounds})` };
      return summarise(warriors, s, vm.seedUsed(), readRounds(rounds, warriors.length, firstRound, counted));
    },

    battleAt(warriors, settings, round, options = {}) {
      const s = load(warriors, settings);
      if ('ok' in s) return s;
      const bad = setPositions(round, warriors.length, s.coresize);
      if (bad) return bad;
      const status = vm.fightAt(round.firstMover, options.fullLength ? 1 : 0, warriors.length);
      if (status < 0) return { ok: false, error: CONFIGURE_ERRORS[status] ?? `fight failed (${status})` };
      return summarise(warriors, s, null, readRounds(1, warriors.length));
    },

    stepper(warriors, settings, round) {
      const s = load(warriors, settings);
      if ('ok' in s) return s;
      const bad = setPositions(round, warriors.length, s.coresize);
      if (bad) return bad;
      vm.beginStepping(round.firstMover);
      const cellView = (address: number) => new DataView(vm.memory.buffer, vm.core() + address * 8, 8);
      return {
        step: (k) => vm.step(k) === 1,
        cell(address) {
          const v = cellView(address);
          // The opword's upper half is the VM's own fast-path tag (assembly/insn.ts).
          return [v.getUint16(0, true), v.getUint16(4, true), v.getUint16(6, true)];
        },
        setCell: (address, [op, a, b]) => vm.setCell(address, op, a, b),
        next: (w) => (vm.queued(w) ? vm.queueEntry(w, 0) : null),
        queue(w) {
          return Array.from({ length: vm.queued(w) }, (_, i) => vm.queueEntry(w, i));
        },
        live: () => vm.liveWarriors(),
        current: () => vm.currentWarrior(),
      };
    },
  };
}
