// `npm test` as a user who clones the project has it: no ../shared beside the clone, no
// $PMARS, no Chromium, no redis-server. Every suite that needs one of them skips with a line saying so, and
// everything else passes. The clone is the working tree's files (tracked and new, not ignored)
// in a temporary folder, with this checkout's node_modules linked in (no network needed).

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requires } from './support.js';

const ROOT = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'drq-plain-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The clone's own npm test runs this file too: there it has nothing more to check.
describe.skipIf(process.env.DRQ_PLAIN_CLONE === '1')('a plain clone', () => {
  // The clone's whole suite runs inside this one test: on a slow or busy machine it takes minutes.
  it('passes npm test, each missing piece skipped with a line', { timeout: 900_000 }, (ctx) => {
    const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
    if (!requires('a git checkout of drq (for the plain-clone test)', listed.status === 0)) return ctx.skip();
    const clone = join(work, 'drq');
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(clone, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|NODE_ENV$|CI$|PMARS$)/.test(k)));
    const r = spawnSync('npm', ['test'], {
      cwd: clone, encoding: 'utf8', timeout: 900_000,
      env: { ...env, DRQ_PLAIN_CLONE: '1', DRQ_CHROMIUM: join(work, 'no-chromium'), DRQ_REDIS_SERVER: join(work, 'no-redis-server') },
    });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out.slice(-4000)).toBe(0);
    expect(out).toMatch(/Test Files .*passed/);
    for (const missing of ['../shared', 'pMARS', 'Chromium', 'redis-server']) expect(out).toMatch(new RegExp(`skipped: .*${missing.replace('.', '\\.')}`));
  });
});
