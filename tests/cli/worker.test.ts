// `drq worker` and `--redis` as users run them: real `drq worker` processes and a real
// redis-server on a free loopback port. Each fault of the queue: a worker SIGKILLed mid-job,
// Redis unreachable at start, Redis restarted mid-evolve, a submitter killed, TLS with a
// password, a worker of another build in the fleet. Every result is compared with the same
// command run locally.

import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, freePort, needsRedis, realWarriorFiles, requires, startRedis } from '../support.js';

const ROOT = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'drq-worker-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

interface Ran { status: number | null; stdout: string; stderr: string }

/** A drq command; its outcome once it exits. DRQ_REDIS_URL is only what a test sets. */
function drq(args: string[], env: NodeJS.ProcessEnv = {}, cli = CLI): { child: ChildProcess; done: Promise<Ran>; output: () => string } {
  const { DRQ_REDIS_URL: _, ...base } = process.env;
  const child = spawn(process.execPath, [cli, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<Ran>((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
  return { child, done, output: () => stdout + stderr };
}

const until = async (what: () => boolean, label: string): Promise<void> => {
  for (let i = 0; !what(); i++) {
    if (i > 1200) throw new Error(`gave up waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A `drq worker`, once it has said it is ready; its build as it says. */
async function worker(url: string, name: string, env: NodeJS.ProcessEnv = {}, cli = CLI) {
  const w = drq(['worker', '--redis', url, '--threads', '1', '--name', name], env, cli);
  await until(() => /ready/.test(w.output()) || w.child.exitCode !== null, `worker ${name}`);
  const build = /build (\S+),/.exec(w.output())?.[1];
  if (!build) throw new Error(`worker ${name} did not start: ${w.output()}`);
  return { ...w, build };
}

/** Unseen warriors: a spread of the human ones when ../shared is there, else the project's. */
const warriors = (() => {
  const files = realWarriorFiles();
  return files.length > 20 ? files.filter((_, i) => i % Math.floor(files.length / 8) === 3).slice(0, 8) : files;
})();
const TOURNAMENT = ['tournament', ...warriors, '-r', '200', '--seed', '4242'];

describe('Redis unreachable at start', () => {
  it('is an error naming the URL, password masked, exit 2, for every command', async () => {
    const url = `redis://drq:s3cret@127.0.0.1:${await freePort()}`;
    const runs = await Promise.all([
      drq([...TOURNAMENT, '--redis', url]).done,
      drq(['worker', '--redis', url]).done,
      drq(['evolve', '--offline', '--rounds', '1', '--iterations', '5', '--out', join(work, 'unreached')], { DRQ_REDIS_URL: url }).done,
    ]);
    for (const r of runs) {
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`drq: cannot reach Redis at ${url.replace('s3cret', '***')}: connect ECONNREFUSED`);
      expect(r.stdout + r.stderr).not.toContain('s3cret');
    }
  });
});

describe.skipIf(!needsRedis())('drq worker with a real Redis', () => {
  const local = drq([...TOURNAMENT, '--threads', '1']).done;

  it('a worker SIGKILLed mid-job: its job is fought again by another, the tournament as run locally', async () => {
    const redis = await startRedis();
    try {
      const a = await worker(redis.url, 'a');
      const run = drq([...TOURNAMENT, '--threads', '0', '--redis', redis.url]);
      const active = () => Number(execFileSync('redis-cli', ['-p', String(redis.port), 'LLEN', `drq:battles-${a.build}:active`], { encoding: 'utf8' }));
      await until(() => active() > 0, 'worker a to take a job');
      a.child.kill('SIGKILL');
      const b = await worker(redis.url, 'b');
      const [queued, alone] = await Promise.all([run.done, local]);
      expect(queued.status, queued.stderr).toBe(0);
      expect(queued.stdout).toBe(alone.stdout);
      b.child.kill('SIGTERM');
      const stopped = await b.done;
      expect(stopped.status).toBe(0);
      expect(Number(/stopped after (\d+) jobs/.exec(stopped.stderr)?.[1])).toBeGreaterThan(0);
    } finally {
      await redis.stop();
    }
  });

  it('Redis restarted in the middle of an evolve, a worker SIGKILLed: the run carries on and ends as the local one', async () => {
    const redis = await startRedis();
    const evolve = (out: string, ...more: string[]) =>
      drq(['evolve', '--offline', '--rounds', '3', '--iterations', '150', '--battle-rounds', '10', '--seed', '3', '--out', join(work, out), ...more]);
    try {
      const alone = evolve('local', '--threads', '1').done;
      const a = await worker(redis.url, 'a');
      await worker(redis.url, 'b');
      const run = evolve('queued', '--threads', '0', '--redis', redis.url);
      const log = join(work, 'queued', 'candidates.jsonl');
      const lines = () => { try { return readFileSync(log, 'utf8').split('\n').length; } catch { return 0; } };
      await until(() => lines() > 20 || run.child.exitCode !== null, 'candidates');
      a.child.kill('SIGKILL');
      await until(() => lines() > 60 || run.child.exitCode !== null, 'more candidates');
      expect(run.child.exitCode).toBeNull();
      await redis.restart();
      const [queued, first] = await Promise.all([run.done, alone]);
      expect(queued.status, queued.stderr).toBe(0);
      expect(first.status).toBe(0);
      expect(queued.stderr).toMatch(/lost Redis at redis:\/\/127\.0\.0\.1:\d+; waiting for it to come back/);
      for (const file of ['candidates.jsonl', 'champions/round_003.red', 'archives/round_003.json']) {
        expect(readFileSync(join(work, 'queued', file), 'utf8')).toBe(readFileSync(join(work, 'local', file), 'utf8'));
      }
      expect(JSON.parse(readFileSync(join(work, 'queued', 'config.json'), 'utf8'))).not.toHaveProperty('redis');
      // The report's champion matrix through the queue: the same page as on this machine's threads.
      const report = (out: string, ...more: string[]) => drq(['report', join(work, 'queued'), '--out', join(work, out), ...more]).done;
      const [here, there] = await Promise.all([report('here.html', '--threads', '1'), report('there.html', '--threads', '0', '--redis', redis.url)]);
      expect([here.status, there.status], there.stderr).toEqual([0, 0]);
      expect(readFileSync(join(work, 'there.html'), 'utf8')).toBe(readFileSync(join(work, 'here.html'), 'utf8'));
    } finally {
      await redis.stop();
    }
  });

  it('drq bench --redis: the workloads also through the queue, the same results', async () => {
    const redis = await startRedis();
    try {
      const w = await worker(redis.url, 'bench');
      const r = await drq(['bench', '--quick', '--json', '--no-pmars', '--threads', '2', '--workload', 'tie', '--redis', redis.url]).done;
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as { workloads: { name: string; battles: number; mismatches: object; drq: { queue?: { battlesPerSecond: number; seconds: number } } }[] };
      for (const workload of report.workloads) {
        expect(workload.mismatches).toEqual({ threads: 0, pmars: null });
        expect(workload.drq.queue!.battlesPerSecond * workload.drq.queue!.seconds).toBeCloseTo(workload.battles);
      }
      w.child.kill('SIGTERM');
      expect((await w.done).stderr).toMatch(/stopped after [1-9]\d* jobs/);
    } finally {
      await redis.stop();
    }
  });

  it('a submitter SIGKILLed with jobs in the queue: workers drop them unfought once it is gone', async () => {
    const redis = await startRedis();
    const cli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(redis.port), ...args], { encoding: 'utf8' }).trim();
    try {
      const run = drq([...TOURNAMENT, '--threads', '0', '--redis', redis.url]);
      await until(() => /drq:battles-\S+:wait/.test(cli('--scan', '--pattern', 'drq:battles-*:wait')), 'queued jobs');
      run.child.kill('SIGKILL');
      await run.done;
      const waiting = cli('--scan', '--pattern', 'drq:battles-*:wait');
      const queued = Number(cli('LLEN', waiting));
      expect(queued).toBeGreaterThan(0);
      await until(() => cli('--scan', '--pattern', 'drq:alive:*') === '', 'the alive key to lapse');
      const w = await worker(redis.url, 'late');
      await until(() => cli('LLEN', waiting) === '0' && cli('ZCARD', waiting.replace(/wait$/, 'failed')) === String(queued), 'the jobs to be dropped');
      w.child.kill('SIGTERM');
      expect((await w.done).stderr).toMatch(/stopped after 0 jobs/);
    } finally {
      await redis.stop();
    }
  });

  it('TLS with a user and password (a tournament, and an eval by $DRQ_REDIS_URL), and a worker of another build in the fleet that never fights', async () => {
    const tls = join(work, 'tls');
    mkdirSync(tls);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(tls, 'key.pem'), '-out', join(tls, 'cert.pem')], { stdio: 'ignore' });
    const redis = await startRedis((port) => ['--port', '0', '--tls-port', String(port), '--tls-cert-file', join(tls, 'cert.pem'),
      '--tls-key-file', join(tls, 'key.pem'), '--tls-ca-cert-file', join(tls, 'cert.pem'), '--tls-auth-clients', 'no', '--requirepass', 's3cret']);
    // Another build: this package with another version (the wasm digest covers it).
    const other = join(work, 'other');
    for (const dir of ['dist', 'build']) cpSync(join(ROOT, dir), join(other, dir), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(join(other, 'package.json'), JSON.stringify({ ...pkg, version: `${pkg.version}-other` }));
    symlinkSync(join(ROOT, 'node_modules'), join(other, 'node_modules'));
    const env = { NODE_EXTRA_CA_CERTS: join(tls, 'cert.pem') };
    const url = `rediss://default:s3cret@127.0.0.1:${redis.port}`;
    try {
      const right = await worker(url, 'right', env);
      const wrong = await worker(url, 'wrong', env, join(other, 'dist/drq.cjs'));
      expect(wrong.build).not.toBe(right.build);
      const queued = await drq([...TOURNAMENT, '--threads', '0', '--redis', url], env).done;
      expect(queued.status, queued.stderr).toBe(0);
      expect(queued.stdout).toBe((await local).stdout);
      const evaluate = ['eval', warriors[0], '--against', join(ROOT, 'warriors'), '--json', '-r', '40'];
      const [evalQueued, evalLocal] = await Promise.all([drq([...evaluate, '--threads', '0'], { ...env, DRQ_REDIS_URL: url }).done, drq([...evaluate, '--threads', '1']).done]);
      expect(evalQueued.status, evalQueued.stderr).toBe(0);
      expect(evalQueued.stdout).toBe(evalLocal.stdout);
      right.child.kill('SIGTERM');
      wrong.child.kill('SIGINT');
      const [r, w] = await Promise.all([right.done, wrong.done]);
      expect([r.status, w.status]).toEqual([0, 0]);
      expect(w.stderr).toMatch(/stopped after 0 jobs/);
      expect(r.stderr).toMatch(/stopped after [1-9]\d* jobs/);
      for (const out of [queued, evalQueued, r, w]) expect(out.stdout + out.stderr).not.toContain('s3cret');
      expect(r.stderr).toContain(`ready: build ${right.build}, 1 threads, rediss://default:***@127.0.0.1:${redis.port}`);
    } finally {
      await redis.stop();
    }
  });

  it('a worker in its own network namespace, across a veth link', async (ctx) => {
    // Optional: needs root and iproute2 (CI has both).
    const ns = `drq-${process.pid}`;
    const ip = (...args: string[]) => spawnSync('ip', args, { encoding: 'utf8' }).status === 0;
    const host = '10.231.0.1';
    const made = ip('netns', 'add', ns) && ip('link', 'add', `${ns}-h`, 'type', 'veth', 'peer', 'name', `${ns}-w`)
      && ip('link', 'set', `${ns}-w`, 'netns', ns) && ip('addr', 'add', `${host}/30`, 'dev', `${ns}-h`) && ip('link', 'set', `${ns}-h`, 'up')
      && ip('-n', ns, 'addr', 'add', '10.231.0.2/30', 'dev', `${ns}-w`) && ip('-n', ns, 'link', 'set', `${ns}-w`, 'up') && ip('-n', ns, 'link', 'set', 'lo', 'up');
    try {
      if (!requires('a network namespace with a veth link (ip netns, as root)', made)) return ctx.skip();
      const redis = await startRedis((port) => ['--port', String(port), '--bind', `127.0.0.1 ${host}`, '--protected-mode', 'no']);
      try {
        const url = `redis://${host}:${redis.port}`;
        const inside = spawn('ip', ['netns', 'exec', ns, process.execPath, CLI, 'worker', '--redis', url, '--threads', '1', '--name', 'far'],
          { stdio: ['ignore', 'pipe', 'pipe'] });
        children.push(inside);
        let said = '';
        inside.stderr!.on('data', (d: Buffer) => { said += d.toString(); });
        await until(() => /ready/.test(said) || inside.exitCode !== null, 'the worker in the namespace');
        const queued = await drq([...TOURNAMENT, '--threads', '0', '--redis', redis.url]).done;
        expect(queued.status, queued.stderr).toBe(0);
        expect(queued.stdout).toBe((await local).stdout);
        inside.kill('SIGTERM');
        await until(() => /stopped after [1-9]\d* jobs/.test(said), 'the far worker to stop');
      } finally {
        await redis.stop();
      }
    } finally {
      ip('link', 'del', `${ns}-h`);
      ip('netns', 'del', ns);
    }
  });
});
