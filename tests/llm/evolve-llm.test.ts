// `drq evolve` through the real openai client against a local OpenAI-compatible server that
// answers with warriors the run has not seen, prose without code, broken Redcode, 429s and a
// dropped connection: the run finishes, records every reply, and keeps a champion per round.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Scripted, startServer } from './server.js';

const CLI = resolve(import.meta.dirname, '../../dist/src/cli.js');
const work = mkdtempSync(join(tmpdir(), 'drq-llm-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const dwarf = (step: number): string =>
  `Here is my warrior:\n\n\`\`\`redcode\n;redcode-94\n;name Dwarf ${step}\nadd.ab #${step}, bomb\nmov.i bomb, @bomb\njmp -2\nbomb dat #0, #0\nend 0\n\`\`\`\nGood luck!`;
const unfenced = 'A paper:\n;redcode-94\nspl 1\nmov -1, 0\nspl 1\nmov.i #4, 0\nend';

function answer(i: number): Scripted {
  if (i === 1) return { status: 429, headers: { 'retry-after': '1' } };
  if (i === 4) return { drop: true };
  if (i % 7 === 3) return { reply: 'I would rather not write code today.' };
  if (i % 7 === 5) return { reply: '```redcode\nmov.i $0, $\njmp nowhere\n```' };
  if (i % 7 === 6) return { reply: unfenced };
  return { reply: dwarf(4 + 2 * i) };
}

function evolve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, 'evolve', ...args], { env: { ...process.env, OPENAI_API_KEY: '', ...env } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('exit', (status) => done({ status, stderr }));
  });
}

describe('drq evolve with an OpenAI-compatible server on 127.0.0.1', () => {
  it('finishes, records every reply, and keeps a champion per round', async () => {
    if (!existsSync(CLI)) throw new Error('dist/src/cli.js is missing: npm run build');
    const server = await startServer(answer);
    const out = join(work, 'run');
    const r = await evolve(['--base-url', server.url, '--preset', 'tiny', '--rounds', '2', '--iterations', '6', '--initial-new', '3',
      '--battle-rounds', '4', '--fitness-threshold', '50', '--concurrency', '2', '--retries', '3', '--timeout', '10', '--seed', '1', '--out', out]);
    await server.close();
    expect(r.stderr).toMatch(/generating with gpt-4.1-mini at http:\/\/127.0.0.1/);
    expect(r.status).toBe(0);
    const records = readFileSync(join(out, 'candidates.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const generated = records.filter((c) => c.generator === 'llm:gpt-4.1-mini');
    expect(generated).toHaveLength(2 * (3 + 6));
    // Every request that got an answer (not the 429 or the dropped one, which were retried) is a candidate.
    expect(server.requests.length).toBe(generated.length + 2);
    expect(generated.every((c) => typeof c.reply === 'string' && c.usage.promptTokens === 1000)).toBe(true);
    expect(generated.some((c) => c.error === 'no Redcode found in the reply' && c.fitness === null)).toBe(true);
    expect(generated.some((c) => c.errors?.length > 0 && c.fitness === null)).toBe(true);
    expect(generated.some((c) => c.fitness !== null && c.source.includes('Dwarf'))).toBe(true);
    expect(generated.some((c) => c.prompt === 'mutate' && server.requests.some((q) => q.messages[1].content.includes(';name Dwarf')))).toBe(true);
    expect(server.requests[0].messages[0].content).toContain('core of 800 cells');
    expect(readdirSync(join(out, 'champions')).sort()).toEqual(['round_001.red', 'round_002.red']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ status: 'completed', tokens: { prompt: 18000, completion: 3600 } });
    expect(summary.cost).toBeCloseTo((18000 * 0.4 + 3600 * 1.6) / 1e6, 9);
  });

  it('stops at once with a clear message on a refused key, resumable', async () => {
    const server = await startServer(() => ({ status: 401, body: { error: { message: 'Incorrect API key provided: sk-bad', type: 'invalid_request_error' } } }));
    const out = join(work, 'badkey');
    const r = await evolve(['--base-url', server.url, '--preset', 'tiny', '--rounds', '2', '--iterations', '4', '--out', out], { OPENAI_API_KEY: 'sk-bad' });
    await server.close();
    expect(r.stderr).toMatch(/refused the API key \(401\)/);
    expect(r.stderr).toMatch(/--resume/);
    expect(r.status).toBe(1);
    expect(server.requests.length).toBeLessThanOrEqual(8); // the in-flight window, not a retry storm
  });
});
