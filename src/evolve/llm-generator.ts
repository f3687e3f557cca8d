// The LLM generator: the system prompt (manual, settings, examples) plus a "new" or "mutate"
// request, one chat completion, and the Redcode extracted from the reply.

import { type Chat, costOf } from '../llm/client.js';
import { extractRedcode } from '../llm/extract.js';
import { type Prompts, render } from '../llm/prompts.js';
import type { HillSettings } from '../lib.js';
import type { Generate } from './generator.js';

export interface LlmGeneratorOptions {
  chat: Chat;
  model: string;
  prompts: Prompts;
  settings: HillSettings;
  /** Warriors every battle has (the candidate, the initial opponents, up to K champions). */
  warriors: number;
  examples: { name: string; source: string }[];
}

/** Requests failing in a row (each after its own retries) that mean the server is not there. */
const GIVE_UP_AFTER = 8;

export function createLlmGenerator(o: LlmGeneratorOptions): Generate {
  let failures = 0;
  const vars = {
    coresize: o.settings.coresize, cycles: o.settings.cycles, processes: o.settings.processes,
    maxLength: o.settings.maxLength, separation: o.settings.separation, warriors: o.warriors,
    examples: o.examples.map((e) => `${e.name}:\n\`\`\`redcode\n${e.source.trimEnd()}\n\`\`\``).join('\n\n'),
  };
  const system = render(o.prompts.system, vars);
  return async (request, { signal }) => {
    const user = request.kind === 'new'
      ? render(o.prompts.new, vars)
      : render(o.prompts.mutate, { ...vars, parent: request.parent.source.trimEnd() });
    const r = await o.chat([{ role: 'system', content: system }, { role: 'user', content: user }], signal);
    if (!r.ok) {
      if (r.error !== 'cancelled' && ++failures >= GIVE_UP_AFTER && !r.fatal) {
        return { ok: false, fatal: true, usage: null, error: `${failures} requests in a row failed, each after its retries (last: ${r.error}); is the server up?` };
      }
      return { ok: false, error: r.error, fatal: r.fatal, usage: null };
    }
    failures = 0;
    const usage = { promptTokens: r.promptTokens, completionTokens: r.completionTokens, cost: costOf(o.model, r.promptTokens, r.completionTokens) };
    return { ok: true, reply: r.text, source: extractRedcode(r.text), usage };
  };
}
