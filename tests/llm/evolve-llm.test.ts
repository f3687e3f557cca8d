// `drq evolve` through the real openai client against a local OpenAI-compatible server that
// answers with warriors the run has not seen, prose without code, broken Redcode, 429s and a
// dropped connection: the run finishes, records every reply, and keeps a champion per round.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModels } from '../../src/evolve/models.js';
import { rngFor } from '../../src/evolve/random.js';
import { type Scripted, startServer } from './server.js';
import { CLI } from '../support.js';

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
    if (!existsSync(CLI)) throw new Error('dist/drq.cjs is missing: npm run build');
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
    // The paper's method: no battle record in the prompt, no repairs, one model.
    expect(server.requests.every((q) => q.messages.length === 2 && !q.messages[1].content.includes('last battle') && q.model === 'gpt-4.1-mini')).toBe(true);
    expect(generated.every((c) => c.attempts === null && c.model === 'gpt-4.1-mini')).toBe(true);
    expect(server.requests[0].messages[0].content).toContain('core of 800 cells');
    expect(readdirSync(join(out, 'champions')).sort()).toEqual(['round_001.red', 'round_002.red']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ status: 'completed', tokens: { prompt: 18000, completion: 3600 } });
    expect(summary.cost).toBeCloseTo((18000 * 0.4 + 3600 * 1.6) / 1e6, 9);
  });

  it('--feedback, --repair 2 and --model a:3,b:1 each do what they say, recorded per candidate and in the summary', async () => {
    const broken = '```redcode\n;name Broken\nadd.ab #4, bomb\nmov.i bomb, @bomb\njmp nowhere\nbomb dat #0, #0\n```';
    // A first reply is broken every third time; a first repair is answered with a warrior two times in
    // three, a second repair never, so that some candidates use both repairs and still fail.
    let repairs = 0;
    const server = await startServer((i, q) => {
      if (q.messages.length === 6) return { reply: broken, cached: 900 };
      if (q.messages.length === 4) return ++repairs % 3 === 0 ? { reply: broken, cached: 900 } : { reply: dwarf(6 + 2 * i), cached: 900 };
      return i % 3 === 0 ? { reply: broken, cached: 0 } : { reply: dwarf(4 + 2 * i), cached: 900 };
    });
    const out = join(work, 'smarter');
    const seed = 11;
    const r = await evolve(['--base-url', server.url, '--preset', 'tiny', '--rounds', '2', '--iterations', '12', '--initial-new', '3',
      '--battle-rounds', '4', '--fitness-threshold', '50', '--concurrency', '1', '--seed', String(seed), '--out', out,
      '--feedback', '--repair', '2', '--model', 'model-a:3,model-b:1']);
    await server.close();
    expect(r.stderr).toMatch(/feedback, up to 2 repairs/);
    expect(r.status).toBe(0);
    const records = readFileSync(join(out, 'candidates.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const byId = new Map(records.map((c) => [c.id, c]));
    const generated = records.filter((c) => c.generator.startsWith('llm:'));
    // One request per attempt, in candidate order (concurrency 1).
    const requests = generated.flatMap((c) => Array.from({ length: 1 + (c.attempts?.length ?? 0) }, (_, k) => ({ c, k })));
    expect(server.requests).toHaveLength(requests.length);

    // Models: drawn per candidate from the seeded stream, asked for, recorded; a repair keeps its model.
    for (const [i, { c }] of requests.entries()) expect(server.requests[i].model).toBe(c.model);
    for (const c of generated) expect(c.model).toBe(['model-a', 'model-b'][rngFor(seed, 'model', c.round, c.slot).weighted([3, 1])]);
    expect(new Set(generated.map((c) => c.model))).toEqual(new Set(['model-a', 'model-b']));

    // Repair: the broken reply goes back with the assembler's line, column and message; every attempt is recorded with its tokens.
    const repaired = generated.filter((c) => c.attempts);
    expect(repaired.length).toBeGreaterThan(2);
    expect(repaired.some((c) => c.attempts.length === 1 && c.fitness !== null)).toBe(true);
    expect(repaired.some((c) => c.attempts.length === 2 && c.errors?.length > 0)).toBe(true);
    for (const c of repaired) {
      const first = requests.findIndex((q) => q.c === c);
      for (const [k, a] of c.attempts.entries()) {
        expect(a.errors[0]).toMatchObject({ line: 4, message: expect.stringMatching(/nowhere/) });
        expect(a.usage).toEqual({ promptTokens: 1000, completionTokens: 200, cachedTokens: k === 0 ? 0 : 900, cost: null });
        const sent = server.requests[first + k + 1].messages;
        expect(sent).toHaveLength(2 + 2 * (k + 1));
        expect(sent.at(-2)).toEqual({ role: 'assistant', content: a.reply });
        expect(sent.at(-1).content).toContain(`line 4, column ${a.errors[0].column}: ${a.errors[0].message}`);
        expect(sent.at(-1).content).toContain('jmp nowhere');
      }
      expect(c.usage.promptTokens).toBe(1000 * (1 + c.attempts.length));
    }
    expect(generated.filter((c) => !c.attempts).every((c) => c.errors === null)).toBe(true);
    // The static part first and the same in every request, so providers can cache it.
    expect(new Set(server.requests.map((q) => q.messages[0].content)).size).toBe(1);
    expect(server.requests[0].messages[0].role).toBe('system');

    // Feedback: a mutate prompt carries its parent's fitness, rounds and how each opponent fared.
    const mutated = generated.filter((c) => c.prompt === 'mutate' && byId.get(c.parent)?.stats);
    expect(mutated.length).toBeGreaterThan(3);
    for (const c of mutated) {
      const parent = byId.get(c.parent);
      const prompt = server.requests[requests.findIndex((q) => q.c === c)].messages[1].content;
      expect(prompt).toContain(parent.source.trimEnd());
      expect(prompt).toContain(`fitness ${Number.isInteger(parent.fitness) ? parent.fitness : parent.fitness.toFixed(3)}`);
      expect(prompt).toContain(`rounds won alone ${parent.stats.wins}, survived with others ${parent.stats.ties}, died ${parent.stats.losses}`);
      expect(prompt).toContain(`each round (- = survived): ${parent.stats.died.map((d: number | null) => d ?? '-').join(' ')}`);
      const imp = parent.stats.opponents[0];
      expect(prompt).toContain(`- init:imp.red: ${imp.survived === 4 ? 'survived every round' : `survived ${imp.survived} of 4 rounds`}`);
      expect(prompt).toMatch(/The fittest warrior of this round so far \(fitness [\d.]+\)/);
    }
    expect(server.requests.filter((q) => q.messages[1].content.includes('Improve it')).every((q) => q.messages[1].content.includes('last battle'))).toBe(true);

    // The summary breaks fitness and cost down per model, and counts the cached prompt tokens.
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.tokens).toEqual({ prompt: 1000 * server.requests.length, completion: 200 * server.requests.length, cached: expect.any(Number) });
    expect(summary.tokens.cached).toBe(generated.reduce((s, c) => s + c.usage.cachedTokens, 0));
    for (const m of ['model-a', 'model-b']) {
      const mine = generated.filter((c) => c.model === m);
      expect(summary.models.find((row: { model: string }) => row.model === m)).toMatchObject({
        candidates: mine.length, fought: mine.filter((c) => c.fitness !== null).length, repaired: mine.filter((c) => c.attempts).length,
        promptTokens: mine.reduce((s, c) => s + c.usage.promptTokens, 0),
        bestFitness: Math.max(...mine.filter((c) => c.fitness !== null).map((c) => c.fitness)),
      });
    }
  });

  it('reads --model lists: weights are a trailing :NUMBER, so model names with colons stay whole', () => {
    expect(parseModels('a,b')).toEqual([{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }]);
    expect(parseModels('gpt-4.1-mini:3, llama3:8b ,qwen2.5:7b:0.5')).toEqual([
      { name: 'gpt-4.1-mini', weight: 3 }, { name: 'llama3:8b', weight: 1 }, { name: 'qwen2.5:7b', weight: 0.5 }]);
    for (const bad of ['a,,b', 'a:0', ':2']) expect(parseModels(bad)).toMatch(/expected NAME or NAME:WEIGHT/);
  });

  it('refuses --feedback and --repair without an LLM, and on resume', async () => {
    const offline = await evolve(['--preset', 'tiny', '--rounds', '1', '--repair', '1', '--out', join(work, 'never')]);
    expect(offline.stderr).toMatch(/--feedback and --repair need an LLM/);
    expect(offline.status).not.toBe(0);
    const resumed = await evolve(['--resume', join(work, 'smarter'), '--repair', '1']);
    expect(resumed.stderr).toMatch(/refused[\s\S]*generator\.repair: 2 in config\.json, 1 now/);
    expect(resumed.status).not.toBe(0);
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
