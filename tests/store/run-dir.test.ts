import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunDir, openRunDir, readRunDir } from '../../src/store/run-dir.js';

const work = mkdtempSync(join(tmpdir(), 'drq-store-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the run directory', () => {
  it('writes config, an append-only log, champions, archives and the summary, and reads them back', () => {
    const dir = join(work, 'a');
    const created = createRunDir(dir, { seed: 1 });
    if (!created.ok) throw new Error(created.error);
    const run = created.value;
    run.append({ id: 'r1s0', fitness: null });
    run.append({ id: 'r1s1', fitness: 1.5 });
    run.writeChampion(1, ';name é\nmov 0, 1\n');
    run.writeArchive(1, { round: 1, elites: [] });
    run.writeSummary({ status: 'running' });
    run.writeSummary({ status: 'completed' });
    run.close();
    expect(readFileSync(join(dir, 'champions', 'round_001.red'), 'utf8')).toBe(';name é\nmov 0, 1\n');
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toEqual({ status: 'completed' });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const opened = openRunDir(dir);
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.config).toEqual({ seed: 1 });
    expect(opened.value.candidates).toEqual([{ id: 'r1s0', fitness: null }, { id: 'r1s1', fitness: 1.5 }]);
    opened.value.run.close();
  });

  it('reads a run whole for a report, in round order, and refuses one with no round ended', () => {
    const dir = join(work, 'r');
    const created = createRunDir(dir, { seed: 2 });
    if (!created.ok) throw new Error(created.error);
    expect(readRunDir(dir)).toMatchObject({ ok: false, error: expect.stringMatching(/no summary\.json/) });
    for (const round of [10, 2]) {
      created.value.writeChampion(round, `;name r${round}\n`);
      created.value.writeArchive(round, { round, elites: [] });
    }
    created.value.writeSummary({ status: 'running' });
    created.value.close();
    expect(readRunDir(dir)).toEqual({
      ok: true,
      value: {
        config: { seed: 2 }, summary: { status: 'running' },
        champions: [{ round: 2, source: ';name r2\n' }, { round: 10, source: ';name r10\n' }],
        archives: [{ round: 2, snapshot: { round: 2, elites: [] } }, { round: 10, snapshot: { round: 10, elites: [] } }],
      },
    });
    expect(readRunDir(join(work, 'nothing'))).toMatchObject({ ok: false, error: expect.stringMatching(/holds no run/) });
  });

  it('refuses to start over an existing run, and to resume where there is none', () => {
    const dir = join(work, 'b');
    const first = createRunDir(dir, {});
    if (first.ok) first.value.close();
    expect(createRunDir(dir, {})).toMatchObject({ ok: false, error: expect.stringMatching(/--resume/) });
    expect(openRunDir(join(work, 'nothing'))).toMatchObject({ ok: false });
  });

  it('cuts a torn last line (a kill during append) and appends after it cleanly', () => {
    const dir = join(work, 'c');
    const created = createRunDir(dir, {});
    if (!created.ok) throw new Error(created.error);
    created.value.append({ id: 1 });
    created.value.close();
    appendFileSync(join(dir, 'candidates.jsonl'), '{"id": 2, "sour');
    const opened = openRunDir(dir);
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.candidates).toEqual([{ id: 1 }]);
    opened.value.run.append({ id: 2 });
    opened.value.run.close();
    expect(readFileSync(join(dir, 'candidates.jsonl'), 'utf8')).toBe('{"id":1}\n{"id":2}\n');
  });
});
