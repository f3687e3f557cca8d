// The queue runner (src/vm/remote.ts) on a real redis-server started here: the in-thread
// results, in job order, whether this process serves the queue or another serve() does; a job
// a worker refuses fails once, as error values naming its battles. And what a worker checks in
// a job before fighting it (no Redis needed).

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type MarsError, wasmDigest } from '../../src/vm/mars.js';
import { LIMITS, maskUrl, openQueue, queued, serve, validate } from '../../src/vm/remote.js';
import { type BattleJob, type BattleRunner, createLocalRunner, openRunner } from '../../src/vm/runner.js';
import { needsRedis, type RedisServer, startRedis } from '../support.js';
import { warriorFrom } from './listing.js';

const imp = warriorFrom(['MOV.I $0, $1'], 0, 'imp');
const dwarf = warriorFrom(['ADD.AB #4, $3', 'MOV.I $2, @2', 'JMP.B $-2, $0', 'DAT.F #0, #0'], 0, 'dwarf');
const stone = warriorFrom(['SPL.B $0, $0', 'MOV.I $2, @-1', 'ADD.AB #-7, $-2', 'JMP.B $-2, $0'], 0, 'stone');
const paper = warriorFrom(['SPL.B $1, $0', 'MOV.I }-1, >-1', 'MOV.I }-2, >-2', 'JMP.B $-3, $0'], 0, 'paper');
const pspace = warriorFrom(['LDP.AB #0, $1', 'JMP.B $-1, $0'], 0, 'pspace');
const settings = { ...DEFAULT_SETTINGS, cycles: 8000 };

// Big enough to be cut into several tasks, small ones grouped, a P-space battle kept whole.
const jobs: BattleJob[] = [
  { warriors: [dwarf, stone], settings, seed: { kind: 'position', value: 3000 }, options: { rounds: 300 } },
  { warriors: [paper, imp, dwarf], settings, seed: { kind: 'seed', value: 987654 }, options: { rounds: 200, fullLength: true } },
  { warriors: [pspace, dwarf], settings, seed: { kind: 'checksum' }, options: { rounds: 50 } },
  ...[imp, stone, paper].map((w, i) => ({ warriors: [w, dwarf], settings, seed: { kind: 'seed', value: 11 + i }, options: { rounds: 3 } }) satisfies BattleJob),
  { warriors: [imp, dwarf], settings, seed: { kind: 'position', value: 50 }, options: { rounds: 1 } },
];

describe('a job as a worker sees it', () => {
  const build = wasmDigest();
  const reply = 'results-0b8c6a4e-7c1d-4a43-9f0e-2d5b1c9e8a77';
  const task = () => queued(jobs.slice(0, 4), build, reply, 'x-1');

  it('is the battles that were queued', () => {
    const battles = validate(task(), build);
    expect(typeof battles === 'string' ? battles : battles.map((b) => ({ ...b, warriors: b.warriors.map((w) => ({ ...w, image: [...w.image] })) })))
      .toEqual(jobs.slice(0, 4).map((b) => ({ ...b, warriors: b.warriors.map((w) => ({ ...w, image: [...w.image] })) })));
  });

  it('is refused when built for another build, naming the build it needs', () => {
    expect(validate({ ...task(), build: '0.0.9-0123456789ab' }, build)).toBe(`built for drq build 0.0.9-0123456789ab; this worker is build ${build}`);
  });

  it('is refused when a size or setting could make it allocate without bound or fight for ever', () => {
    const t = task();
    const bad: [unknown, RegExp][] = [
      [null, /not a drq task/],
      [{ ...t, reply: 'drq:alive' }, /no results queue/],
      [{ ...t, images: 'A'.repeat(LIMITS.imageBytes * 2) }, /images missing or too large/],
      [{ ...t, warriors: [{ ...t.warriors[0], length: 3e6 }] }, /"dwarf": image out of range/],
      [{ ...t, jobs: [{ ...t.jobs[0], settings: { ...settings, cycles: 2e9 } }] }, /"dwarf" vs "stone": settings out of range/],
      [{ ...t, jobs: [{ ...t.jobs[0], settings: { ...settings, coresize: 1 << 20 } }] }, /settings out of range/],
      [{ ...t, jobs: [{ ...t.jobs[0], options: { rounds: 1e7 } }] }, /"dwarf" vs "stone": rounds out of range/],
      [{ ...t, jobs: [{ ...t.jobs[0], warriors: Array(37).fill(0) }] }, /a battle of 37 warriors/],
      [{ ...t, jobs: Array(20).fill({ ...t.jobs[0], settings: { ...settings, cycles: 1e8 }, options: { rounds: 3000 } }) }, /more than 10000000000 instructions/],
      [{ ...t, jobs: [] }, /battles missing/],
    ];
    for (const [data, message] of bad) expect(validate(data as never, build)).toMatch(message);
  });

  it('prints a Redis URL without its password', () => {
    expect(maskUrl('redis://drq:s3cret@example.org:6380/2')).toBe('redis://drq:***@example.org:6380/2');
    expect(maskUrl('rediss://:s3cret@10.0.0.1')).toBe('rediss://:***@10.0.0.1');
    expect(maskUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe.skipIf(!needsRedis())('the queue on a real Redis', () => {
  let redis: RedisServer;
  const closing: { close(): Promise<void> }[] = [];
  const must = <T extends object>(x: T | MarsError): T => {
    if ('ok' in x && x.ok === false) throw new Error(x.error);
    return x as T;
  };
  const opened = <T extends { close(): Promise<void> }>(x: T | MarsError): T => {
    closing.push(must(x));
    return x as T;
  };
  const quiet = () => {};
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => {
    for (const x of closing.reverse()) await x.close();
    await redis?.stop();
  });

  it('gives the in-thread results, in job order, fought by another serve() or by this process', async () => {
    const local = await createLocalRunner().run(jobs);
    expect(local.map((r) => r.ok)).toEqual([...jobs.slice(1).map(() => true), false]);
    const submitOnly: BattleRunner = opened(await openQueue(redis.url, { threads: 0, notice: quiet }));
    opened(await serve(redis.url, { threads: 2, name: 'test', notice: quiet }));
    const progress: number[] = [];
    expect(await submitOnly.run(jobs, (done) => progress.push(done))).toEqual(local);
    expect(progress).toEqual(jobs.map((_, i) => i + 1));
    const selfServing = opened(await openRunner({ threads: 1, redis: redis.url, notice: quiet }));
    expect(await selfServing.run(jobs)).toEqual(local);
  });

  it('fails a job its worker refuses once, as error values naming the battles', async () => {
    const runner = opened(await openRunner({ threads: 1, redis: redis.url, notice: quiet }));
    const hostile: BattleJob = { ...jobs[3], settings: { ...settings, cycles: 2e9 } };
    const out = await runner.run([hostile, jobs[4]]);
    expect(out[0]).toEqual({ ok: false, error: `queued battle "imp" vs "dwarf" failed: refused: "imp" vs "dwarf": settings out of range (core size ≤ 65536, cycles ≤ 1000000000, processes ≤ 65536)` });
    expect(out[1]).toEqual((await createLocalRunner().run([jobs[4]]))[0]);
    expect(out[1].ok).toBe(true);
  });

  it('turns a Wasm trap in a worker into the error value naming the warriors and round, once', async () => {
    const other = await startRedis();
    const submitter = must(await openQueue(other.url, { threads: 0, notice: quiet }));
    const failing = must(await serve(other.url, { threads: 1, notice: quiet, worker: fileURLToPath(new URL('../fixtures/failing-worker.mjs', import.meta.url)) }));
    try {
      const trap = { ...stone, name: 'trap' };
      const out = await submitter.run([{ warriors: [imp, trap], settings, seed: { kind: 'seed', value: 1 }, options: { rounds: 5 } }, jobs[3]]);
      expect(out).toEqual([{ ok: false, error: 'VM failure in "imp" vs "trap" (round 3): RuntimeError: unreachable' }, (await createLocalRunner().run([jobs[3]]))[0]]);
    } finally {
      await submitter.close();
      await failing.close();
      await other.stop();
    }
  });

  it('says which URL it cannot reach, password masked', async () => {
    const out = await openRunner({ threads: 0, redis: 'redis://drq:s3cret@127.0.0.1:1', notice: quiet });
    expect(out).toEqual({ ok: false, error: 'cannot reach Redis at redis://drq:***@127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1' });
  });

  it('says that rediss:// to a plain port is likely the wrong scheme', async () => {
    const url = redis.url.replace('redis://', 'rediss://');
    const out = await openRunner({ threads: 0, redis: url, notice: quiet });
    expect(out).toEqual({ ok: false, error: `cannot reach Redis at ${url}: no answer (rediss:// speaks TLS: is that port a TLS port? redis:// is plain)` });
  });
});
