// Where the shared reference material lives, and how tests that need it (or a live pMARS, or
// redis-server) behave without it: skipped with a visible message on a user's machine, failed
// under CI=true. And a real redis-server on a free loopback port for the queue's tests.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BattleResult } from '../src/vm/mars.js';

export const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared');
export const HUMAN = join(SHARED, 'warriors/human');
export const ORACLE = join(SHARED, 'oracle');
export const PMARS = process.env.PMARS && existsSync(process.env.PMARS) ? process.env.PMARS : undefined;
/** The project's own warriors: there on every clone. */
export const WARRIORS = resolve(dirname(fileURLToPath(import.meta.url)), '../warriors');
/** The bundled command line, as `npx drq` runs it (npm run build makes it). */
export const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/drq.cjs');

/** The .red files of dir, sorted, as paths. */
export const redcodeIn = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.red')).sort().map((f) => join(dir, f));

/** Real warriors for tests where any will do: the project's, and the shared human ones when they are beside the clone. */
export const realWarriorFiles = (): string[] => [...redcodeIn(WARRIORS), ...(existsSync(HUMAN) ? redcodeIn(HUMAN) : [])];

const inCI = process.env.CI === 'true' || process.env.CI === '1';

/** True when `available`; otherwise warns (or, under CI, fails) naming what is missing. */
export function requires(what: string, available: boolean): boolean {
  if (available) return true;
  if (inCI) throw new Error(`${what} is required when CI=true`);
  console.warn(`[drq tests] skipped: ${what} is not available`);
  return false;
}

export const needsShared = (): boolean => requires(`../shared (looked in ${SHARED})`, existsSync(ORACLE) && existsSync(HUMAN));
export const needsPmars = (): boolean => requires('a headless pMARS in $PMARS (../shared/tools/pmars-headless.sh)', PMARS !== undefined);

/** Debian's redis-server; $DRQ_REDIS_SERVER names another binary (the plain-clone test names none that exists). */
export const REDIS_SERVER = process.env.DRQ_REDIS_SERVER ?? '/usr/bin/redis-server';
export const needsRedis = (): boolean => requires(`redis-server (looked for ${REDIS_SERVER}; apt-get install redis-server)`, existsSync(REDIS_SERVER));

/** A TCP port free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** Its working directory (a temporary one, removed by stop()). */
  dir: string;
  /** SIGKILL and start again on the same port, empty (no persistence). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server on 127.0.0.1 on a free port, no persistence, in a temporary directory; `args`
 * add to its command line, or override (a later --bind, a TLS port instead of the plain one).
 */
export async function startRedis(args: (port: number) => string[] = (port) => ['--port', String(port)]): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'drq-redis-'));
  let child: ChildProcess;
  const launch = () => new Promise<void>((resolve, reject) => {
    child = spawn(REDIS_SERVER, ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...args(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let log = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${log}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) resolve();
    });
  });
  const kill = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
  await launch();
  // Even if a test's cleanup never runs (a hook timed out), the server ends with the test process.
  process.once('exit', () => child.kill('SIGKILL'));
  return {
    port, dir, url: `redis://127.0.0.1:${port}`,
    async restart() {
      await kill();
      await launch();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Standard settings as the assembler sees them for `pmars -r 0 FILE`. */
export const STANDARD_ASM = {
  coreSize: 8000, maxProcesses: 8000, maxCycles: 80000, maxLength: 100, minDistance: 100,
  pSpaceSize: 500, warriors: 1, rounds: 0, icws88: false, firstWarrior: true,
};

/** mulberry32: a small seeded generator, so a failing random case can be replayed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the battle `all` (every warrior's coverage counted) gives with coverage: 'first'. */
export const firstCoverageOnly = (all: BattleResult): BattleResult => ({
  ...all, rounds: all.rounds.map((r) => ({ ...r, warriors: r.warriors.map((w, i) => (i ? { ...w, coverage: null } : w)) })),
});
