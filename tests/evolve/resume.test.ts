// The run directory through the real command: a `drq evolve` child process killed with SIGKILL
// mid-run and resumed ends exactly as an uninterrupted run with the same seed; the lock the
// dead process left is taken over, and the resumed run says so.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARGS, CANDIDATES, champions, drq, launch, lines, summary, until } from './runs.js';

const work = mkdtempSync(join(tmpdir(), 'drq-resume-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('drq evolve --resume after kill -9', () => {
  it('loses and repeats nothing, ends exactly as the uninterrupted run, and takes over the dead lock', async () => {
    const whole = join(work, 'whole');
    expect(drq([...ARGS, '--out', whole]).status).toBe(0);
    const expected = lines(whole);
    expect(expected.length).toBe(CANDIDATES);

    const killed = join(work, 'killed');
    const run = launch([...ARGS, '--out', killed]);
    await until(run, () => lines(killed).length >= CANDIDATES / 2);
    run.child.kill('SIGKILL');
    await run.exited;
    expect(lines(killed).length).toBeLessThan(expected.length);

    const resumed = drq(['evolve', '--resume', killed]);
    expect(resumed.stderr).toMatch(new RegExp(`took over the lock of process ${run.child.pid} on .*, which no longer runs`));
    expect(resumed.stderr).toMatch(/drq: done/);
    expect(resumed.status).toBe(0);
    expect(lines(killed)).toEqual(expected);
    expect(champions(killed)).toEqual(champions(whole));
    expect(summary(killed)).toMatchObject({ status: 'completed', roundsDone: 4 });
  });
});
