import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { costOf, createChat } from '../../src/llm/client.js';
import { extractRedcode } from '../../src/llm/extract.js';
import { loadPrompts, render } from '../../src/llm/prompts.js';
import { type FakeServer, startServer } from './server.js';

let server: FakeServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const chatTo = (url: string, over: Partial<Parameters<typeof createChat>[0]> = {}) =>
  createChat({ apiKey: 'test-key', baseURL: url, model: 'gpt-4.1-mini', temperature: 1, timeoutMs: 5000, maxRetries: 3, ...over });
const hello = [{ role: 'user' as const, content: 'hello' }];

describe('the LLM client (the real openai package against a local server)', () => {
  it('returns the reply and its token counts', async () => {
    server = await startServer(() => ({ reply: 'mov 0, 1' }));
    const r = await chatTo(server.url)(hello);
    expect(r).toEqual({ ok: true, text: 'mov 0, 1', promptTokens: 1000, completionTokens: 200, cachedTokens: 0 });
    expect(server.requests[0]).toMatchObject({ model: 'gpt-4.1-mini', messages: hello });
  });

  it('asks for the model a call names, and reads the cached prompt tokens the server reports', async () => {
    server = await startServer(() => ({ reply: 'mov 0, 1', cached: 768 }));
    const r = await chatTo(server.url)(hello, undefined, 'other-model');
    expect(r).toMatchObject({ ok: true, promptTokens: 1000, cachedTokens: 768 });
    expect(server.requests[0].model).toBe('other-model');
    // Cached input at its own price: gpt-4.1-mini's is a quarter of the uncached one.
    expect(costOf('gpt-4.1-mini', 1000, 200, 768)).toBeCloseTo((232 * 0.4 + 768 * 0.1 + 200 * 1.6) / 1e6, 12);
  });

  it('retries a 429 after its Retry-After, and a 503 and a dropped connection', async () => {
    const script = [{ status: 429, headers: { 'retry-after': '1' } }, { status: 503 }, { drop: true as const }, { reply: 'ok' }];
    server = await startServer((i) => script[Math.min(i, script.length - 1)]);
    const r = await chatTo(server.url)(hello);
    expect(r).toMatchObject({ ok: true, text: 'ok' });
    expect(server.requests).toHaveLength(4);
    expect(server.times[1] - server.times[0]).toBeGreaterThanOrEqual(950);
  });

  it('gives up after its retries with a non-fatal error', async () => {
    server = await startServer(() => ({ status: 500 }));
    const r = await chatTo(server.url, { maxRetries: 1 })(hello);
    expect(r).toMatchObject({ ok: false, fatal: false });
    expect(server.requests).toHaveLength(2);
  });

  it('stops at once, fatally, on a refused key', async () => {
    server = await startServer(() => ({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } }));
    const r = await chatTo(server.url)(hello);
    expect(r).toMatchObject({ ok: false, fatal: true });
    if (!r.ok) expect(r.error).toMatch(/refused the API key \(401\).*Incorrect API key/);
    expect(server.requests).toHaveLength(1);
  });

  it('times out a request that never answers', async () => {
    const silent = createServer(() => { /* never answers */ });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const r = await chatTo(`http://127.0.0.1:${port}/v1`, { timeoutMs: 300, maxRetries: 1 })(hello);
    expect(r).toMatchObject({ ok: false, fatal: false });
    if (!r.ok) expect(r.error).toMatch(/timed out/);
    silent.closeAllConnections();
    silent.close();
  });

  it('prices the models it knows and no others', () => {
    expect(costOf('gpt-4.1-mini', 1e6, 1e6)).toBeCloseTo(2.0, 9);
    expect(costOf('gpt-4.1-mini-2025-04-14', 1000, 0)).toBeCloseTo(0.0004, 9);
    expect(costOf('llama3', 1000, 1000)).toBeNull();
  });
});

describe('code extraction', () => {
  it('takes the most Redcode-like fenced block', () => {
    const reply = 'Here:\n```text\nnot code\n```\nand\n```redcode\n;name x\nmov.i $0, $1\nend\n```\nEnjoy!';
    expect(extractRedcode(reply)).toBe(';name x\nmov.i $0, $1\nend\n');
  });

  it('takes unfenced code up to the prose after it', () => {
    expect(extractRedcode('Sure! A bomber:\n\nstep equ 4\nloop add #step, bomb\n  mov bomb, @bomb\n  jmp loop\nbomb dat 0, 0\nend loop\nThis bombs.'))
      .toBe('step equ 4\nloop add #step, bomb\n  mov bomb, @bomb\n  jmp loop\nbomb dat 0, 0\nend loop\n');
  });

  it('finds nothing in a reply without code', () => {
    expect(extractRedcode('I am sorry, I cannot help with that.')).toBeNull();
    expect(extractRedcode('```\njust words here\n```')).toBeNull();
  });
});

describe('prompts', () => {
  it('loads the built-in prompt files and fills their placeholders', () => {
    const p = loadPrompts();
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const system = render(p.prompts.system, { coresize: 8000, cycles: 80000, processes: 8000, maxLength: 100, separation: 100, warriors: 22, examples: 'EX' });
    expect(system).toContain('core of 8000 cells');
    expect(system).not.toMatch(/\{\{\w+\}\}/);
    expect(render(p.prompts.mutate, { parent: 'mov 0, 1' })).toContain('mov 0, 1');
  });
});
