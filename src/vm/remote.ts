// The only file that knows BullMQ and Redis: battles fought by `drq worker` processes on any
// number of machines. A submitter cuts battles into the tasks of tasks.ts (the pool's tasks),
// adds each as a job to the queue of its build, and gets the results back on a queue of its
// own (BullMQ's "results queue" pattern, so a submitter never reads another's results). A
// worker (serve) fights each job on its Piscina pool. Nothing here decides a result: a task
// fought twice (after a worker died, or Redis lost it) gives the same result, and the first
// one to arrive is the one counted.

import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type BattleResult, MAX_WARRIORS, type MarsError, wasmDigest } from './mars.js';
import { createPool, type Pool, type PoolOptions } from './pool.js';
import type { BattleJob, BattleRunner } from './runner.js';
import { battleOf, fightTasks, MAX_TASK_INSTRUCTIONS, packTask, planTasks, stoppedBefore, unpackTask } from './tasks.js';
import type { Task } from './worker.js';

const PREFIX = 'drq';
/** How long Redis may take to answer the first PING before a command gives up (exit 2). */
const REACH_MS = 5000;
/**
 * A worker holds a job's lock for LOCK_MS, renewed at half that while it fights; a worker that
 * dies lets it lapse, and the next stalled-job check (every STALLED_MS, by any worker) puts the
 * job back in the queue. A job that stalls more than MAX_STALLS times (it kills its workers) fails.
 */
const LOCK_MS = 10_000;
const STALLED_MS = 5_000;
const MAX_STALLS = 3;
/** How often a submitter checks that its jobs still exist (Redis restarted without its data) or failed. */
const CHECK_MS = 5_000;
/**
 * A submitter keeps the key aliveKey(its reply queue) for ALIVE_S seconds, renewed at each check;
 * a worker that finds it gone drops the job unfought, so a submitter that crashed or was killed
 * leaves no work behind (and an alive one whose key Redis lost adds such a job again).
 */
const ALIVE_S = 15;
const GONE = 'its submitter is gone';
const aliveKey = (reply: string): string => `${PREFIX}:alive:${reply}`;
/**
 * Queued tasks carry QUEUE_TASK_INSTRUCTIONS (bound) where the battles allow, whatever the fleet:
 * a job costs ~1 ms more than a thread message (Redis scripts, JSON both ways), twice the pool's
 * largest task keeps that near 2%, and bench/results.md has the melee at either size.
 */
const QUEUE_TASK_INSTRUCTIONS = 2 * MAX_TASK_INSTRUCTIONS;

/** What a worker accepts in one job (anything bigger is refused, not fought). */
export const LIMITS = {
  imageBytes: 16 << 20, warriors: 10_000, battles: 10_000, nameLength: 1000, coresize: 65_536, processes: 65_536,
  cycles: 1e9, rounds: 1e6, instructions: 1e10,
};

/** A task as it travels: the Task with its images in base64 (little-endian int32). */
export interface QueuedTask {
  /** The build that must fight it (wasmDigest()). */
  build: string;
  /** The submitter's results queue, and the task's key there. */
  reply: string;
  key: string;
  images: string;
  warriors: Task['warriors'];
  jobs: Task['jobs'];
}

interface Reply {
  key: string;
  results: (BattleResult | MarsError)[];
}

/** The URL as it may be printed: any password replaced by ***. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unreadable Redis URL)';
  }
}

/** Waits for `work`, at most `ms`. */
const within = (ms: number, work: Promise<unknown>): Promise<void> => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  const done = () => { clearTimeout(timer); resolve(); };
  work.then(done, done);
});

const queueName = (build: string): string => `battles-${build}`;

/** Battles as one job of the queue, for the build `build`, answered on `reply` under `key`. */
export function queued(battles: BattleJob[], build: string, reply: string, key: string): QueuedTask {
  const { images, warriors, jobs } = packTask(battles);
  return { build, reply, key, warriors, jobs, images: Buffer.from(images.buffer, images.byteOffset, images.byteLength).toString('base64') };
}
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * A connection to `url` once Redis answers, or an error value naming the URL (masked) if it
 * does not within REACH_MS. Once up, commands wait through outages (BullMQ needs that).
 */
async function connect(url: string): Promise<Redis | MarsError> {
  const shown = maskUrl(url);
  if (!/^rediss?:$/.test(URL.canParse(url) ? new URL(url).protocol : '')) return { ok: false, error: `not a redis:// or rediss:// URL: ${shown}` };
  const client = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: REACH_MS });
  let timer: NodeJS.Timeout | undefined;
  // The first error (refused, TLS, authentication) or silence for REACH_MS ends the wait.
  const failed = new Promise<string>((resolve) => {
    client.once('error', (e: Error) => resolve(e.message));
    timer = setTimeout(() => resolve('no answer'), REACH_MS);
  });
  const answer = await Promise.race([client.ping().catch((e: unknown) => message(e)), failed]);
  clearTimeout(timer);
  if (answer === 'PONG') {
    client.on('error', () => {}); // ioredis reconnects; watch() says so
    return client;
  }
  client.disconnect();
  // A TLS client waits for a handshake a plain server never starts: say what silence likely means.
  const hint = answer === 'no answer' && url.startsWith('rediss:') ? ' (rediss:// speaks TLS: is that port a TLS port? redis:// is plain)' : '';
  return { ok: false, error: `cannot reach Redis at ${shown}: ${answer}${hint}` };
}

/** Connection errors are retried by ioredis and announced by watch(); no BullMQ object needs to report them. */
function quiet<T extends Queue | Worker>(x: T): T {
  (x as { on(event: 'error', listener: () => void): unknown }).on('error', () => {});
  return x;
}

/** Says once when the connection is lost and once when it is back (until `quit`). */
function watch(client: Redis, url: string, notice: (line: string) => void): { quit(): void } {
  let lost = false;
  client.on('close', () => {
    if (!lost) notice(`lost Redis at ${maskUrl(url)}; waiting for it to come back`);
    lost = true;
  });
  client.on('ready', () => {
    if (lost) notice(`Redis at ${maskUrl(url)} is back`);
    lost = false;
  });
  return {
    quit() {
      client.removeAllListeners('close');
      client.disconnect();
    },
  };
}

const integer = (v: unknown, lo: number, hi: number): v is number => Number.isSafeInteger(v) && (v as number) >= lo && (v as number) <= hi;
const text = (v: unknown): v is string => typeof v === 'string' && v.length <= LIMITS.nameLength;

/**
 * A job's battles, or why it is refused: a worker treats a job as data from anyone who can
 * write to the queue, so it checks every size and setting that could make it allocate without
 * bound or fight for ever, before fighting. The VM checks the rest (instruction fields, ranges).
 */
export function validate(data: QueuedTask, build: string): BattleJob[] | string {
  if (typeof data !== 'object' || data === null) return 'not a drq task';
  if (data.build !== build) return `built for drq build ${String(data.build).slice(0, 64)}; this worker is build ${build}`;
  if (typeof data.reply !== 'string' || !/^results-[0-9a-f-]{36}$/.test(data.reply) || !text(data.key)) return 'no results queue to answer on';
  if (typeof data.images !== 'string' || data.images.length > (LIMITS.imageBytes / 3) * 4 + 4) return 'images missing or too large';
  const { warriors, jobs } = data;
  if (!Array.isArray(warriors) || warriors.length > LIMITS.warriors) return `warriors missing or more than ${LIMITS.warriors}`;
  if (!Array.isArray(jobs) || jobs.length < 1 || jobs.length > LIMITS.battles) return `battles missing or more than ${LIMITS.battles}`;
  const bytes = Buffer.from(data.images, 'base64');
  if (bytes.length % 4) return 'images are not whole 32-bit numbers';
  const images = new Int32Array(bytes.length / 4);
  new Uint8Array(images.buffer).set(bytes);
  for (const w of warriors) {
    if (typeof w !== 'object' || w === null || !text(w.name) || !text(w.author)) return 'a warrior without a name and author';
    if (!integer(w.offset, 0, images.length) || !integer(w.length, 0, images.length - w.offset) || w.length % 3) return `"${w.name}": image out of range`;
    if (!integer(w.start, 0, LIMITS.coresize) || !(w.pin === null || integer(w.pin, -(2 ** 31), 2 ** 32))) return `"${w.name}": bad start or PIN`;
  }
  let work = 0;
  for (const job of jobs) {
    if (typeof job !== 'object' || job === null || !Array.isArray(job.warriors)) return 'a battle without warriors';
    if (job.warriors.length < 1 || job.warriors.length > MAX_WARRIORS || !job.warriors.every((i) => integer(i, 0, warriors.length - 1))) {
      return `a battle of ${job.warriors.length} warriors or an unknown warrior`;
    }
    const names = job.warriors.map((i) => `"${warriors[i].name}"`).join(' vs ');
    const s = job.settings;
    const o = job.options;
    if (typeof s !== 'object' || s === null || typeof o !== 'object' || o === null || typeof job.seed !== 'object' || job.seed === null) return `${names}: settings missing`;
    if (!integer(s.coresize, 2, LIMITS.coresize) || !integer(s.cycles, 1, LIMITS.cycles) || !integer(s.processes, 1, LIMITS.processes)
      || !integer(s.maxLength, 1, s.coresize) || !integer(s.separation, 0, s.coresize) || !(s.pspaceSize === undefined || integer(s.pspaceSize, 1, s.coresize))) {
      return `${names}: settings out of range (core size ≤ ${LIMITS.coresize}, cycles ≤ ${LIMITS.cycles}, processes ≤ ${LIMITS.processes})`;
    }
    if (!integer(o.rounds, 1, LIMITS.rounds) || !(o.firstRound === undefined || integer(o.firstRound, 0, LIMITS.rounds))) return `${names}: rounds out of range (1..${LIMITS.rounds})`;
    if (!['seed', 'position', 'checksum'].includes(job.seed.kind)) return `${names}: unknown seed kind`;
    work += o.rounds * job.warriors.length * s.cycles;
    if (work > LIMITS.instructions) return `${names}: more than ${LIMITS.instructions} instructions in one task`;
  }
  return unpackTask({ images: images as Int32Array<ArrayBuffer>, warriors, jobs });
}

export interface Served {
  build: string;
  /** Jobs and battles fought so far. */
  stats: { jobs: number; battles: number };
  /** Stops taking jobs; finishes those in hand, or with `force` leaves them to be fought elsewhere. */
  close(force?: boolean): Promise<void>;
}

/**
 * Fights the jobs of this build's queue on `threads` threads (`drq worker`, and a submitter's
 * own share). A refused job fails at once (BullMQ does not retry an UnrecoverableError); its
 * submitter sees the failure and reports it.
 */
export async function serve(url: string, { threads, name, notice, worker: module }:
  { threads: number; name?: string; notice: (line: string) => void; worker?: PoolOptions['worker'] }): Promise<Served | MarsError> {
  const client = await connect(url);
  if ('ok' in client) return client;
  const connection = watch(client, url, notice);
  const build = wasmDigest();
  const pool: Pool = createPool({ threads, worker: module });
  const replies = new Map<string, Queue<Reply>>();
  const stats = { jobs: 0, battles: 0 };
  const worker = new Worker<QueuedTask>(queueName(build), async (job) => {
    const battles = validate(job.data, build);
    if (typeof battles === 'string') throw new UnrecoverableError(`refused: ${battles}`);
    if (!(await client.exists(aliveKey(job.data.reply)))) throw new UnrecoverableError(GONE);
    const results = await pool.fight(battles);
    const reply = job.data.reply;
    // Submitters come and go; a long-lived worker keeps only recent ones' queues open.
    if (!replies.has(reply) && replies.size >= 8) {
      for (const q of replies.values()) void q.close();
      replies.clear();
    }
    if (!replies.has(reply)) replies.set(reply, quiet(new Queue<Reply>(reply, { connection: client, prefix: PREFIX })));
    await replies.get(reply)!.add('results', { key: job.data.key, results }, { removeOnComplete: true, removeOnFail: true });
    stats.jobs++;
    stats.battles += battles.length;
    return null;
  }, {
    // One job more than threads: the next one is at hand when a thread finishes, not a round trip away.
    connection: client, prefix: PREFIX, concurrency: threads + 1, name,
    lockDuration: LOCK_MS, stalledInterval: STALLED_MS, maxStalledCount: MAX_STALLS,
  });
  await quiet(worker).waitUntilReady();
  return {
    build, stats,
    async close(force = false) {
      await worker.close(force);
      await within(REACH_MS, Promise.all([...replies.values()].map((q) => q.close())));
      await pool.close();
      connection.quit();
    },
  };
}

/**
 * A BattleRunner on the queue at `url`. With `threads` ≥ 1 this process also serves the queue
 * on that many threads, so the submitting machine fights its share.
 */
export async function openQueue(url: string, { threads, notice }: { threads: number; notice: (line: string) => void }): Promise<BattleRunner | MarsError> {
  const client = await connect(url);
  if ('ok' in client) return client;
  const local = threads >= 1 ? await serve(url, { threads, name: 'submitter', notice: () => {} }) : null;
  if (local && 'ok' in local) return local;
  const connection = watch(client, url, notice);
  const build = wasmDigest();
  const id = randomUUID();
  const reply = `results-${id}`;
  const queue = quiet(new Queue<QueuedTask>(queueName(build), {
    connection: client, prefix: PREFIX, defaultJobOptions: { removeOnComplete: { age: 60 }, removeOnFail: { age: 3600 } },
  }));
  interface Pending { data: QueuedTask; added: boolean; resolve(results: (BattleResult | MarsError)[]): void; battles: BattleJob[] }
  const pending = new Map<string, Pending>();
  const answered = (key: string, results: (BattleResult | MarsError)[]) => {
    pending.get(key)?.resolve(results);
    pending.delete(key);
  };
  const results = new Worker<Reply>(reply, async (job) => answered(job.data.key, job.data.results), {
    connection: client, prefix: PREFIX, concurrency: 16, removeOnComplete: { count: 0 }, removeOnFail: { count: 0 },
  });
  await quiet(results).waitUntilReady();
  const keepAlive = () => client.set(aliveKey(reply), '1', 'EX', ALIVE_S);
  await keepAlive();

  const add = (entry: Pending): void => {
    void queue.add('task', entry.data, { jobId: entry.data.key }).then(() => { entry.added = true; }, () => {});
  };
  // Jobs that Redis no longer has (it restarted without its data), or that a worker dropped
  // for want of aliveKey, go in again; failed ones (refused, or stalled too often) become error
  // values naming their battles.
  let checking: NodeJS.Timeout | undefined;
  let closed = false;
  const check = async (): Promise<void> => {
    await keepAlive().catch(() => {});
    for (const [key, entry] of pending) {
      if (!entry.added) continue;
      const state = await queue.getJobState(key).catch(() => 'unknown');
      if (state === 'unknown' && pending.has(key)) add(entry);
      if (state !== 'failed') continue;
      const job = await queue.getJob(key);
      const reason = job?.failedReason ?? 'failed';
      if (reason === GONE) {
        await queue.remove(key).catch(() => 0);
        add(entry);
        continue;
      }
      answered(key, entry.battles.map((b) => ({ ok: false, error: `queued battle ${battleOf(b)} failed: ${reason}` })));
    }
    if (!closed) checking = setTimeout(() => void check(), CHECK_MS);
  };
  checking = setTimeout(() => void check(), CHECK_MS);

  let count = 0;
  const submit = (battles: BattleJob[]): Promise<(BattleResult | MarsError)[]> => new Promise((resolve) => {
    const entry: Pending = { data: queued(battles, build, reply, `${id}-${++count}`), added: false, resolve, battles };
    pending.set(entry.data.key, entry);
    add(entry);
  });

  return {
    run: (jobs, onDone) => fightTasks(jobs, planTasks(jobs, 1, QUEUE_TASK_INSTRUCTIONS), submit, onDone),
    // Jobs not yet taken leave the queue; those being fought finish unread, later ones are dropped.
    async close() {
      closed = true;
      clearTimeout(checking);
      const left = [...pending];
      for (const [key, entry] of left) answered(key, entry.battles.map(stoppedBefore));
      // Tidying up waits for Redis; if it is gone, the workers drop what is left once aliveKey lapses.
      await within(REACH_MS, (async () => {
        await Promise.all(left.map(([key]) => queue.remove(key).catch(() => 0)));
        await results.close(true);
        await client.del(aliveKey(reply));
        const own = quiet(new Queue(reply, { connection: client, prefix: PREFIX }));
        await own.obliterate({ force: true });
        await own.close();
        await queue.close();
      })());
      await local?.close(true);
      connection.quit();
    },
  };
}
