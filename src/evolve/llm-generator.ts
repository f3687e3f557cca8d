// The LLM generator: the system prompt (manual, settings, examples) plus a "new" or "mutate"
// request, one chat completion, and the Redcode extracted from the reply. Options beyond the
// paper's method: a model drawn per request from weighted models, the parent's battle record in
// the mutate prompt (feedback), and replies that do not assemble sent back with the assembler's
// messages (repair). The system prompt comes first and never changes within a run, and a
// repair continues the same conversation, so providers' prompt caching covers the long prefix.

import type { Diagnostic, HillSettings } from '../lib.js';
import { type Chat, costOf, type Message } from '../llm/client.js';
import { extractRedcode } from '../llm/extract.js';
import { type Prompts, render } from '../llm/prompts.js';
import { compile } from './compile.js';
import type { Attempt, Generate, Parent, Request, Usage } from './generator.js';
import type { WeightedModel } from './models.js';
import { rngFor } from './random.js';

export interface LlmGeneratorOptions {
  chat: Chat;
  /** Each request draws one, in proportion to the weights, from the stream rngFor(seed, 'model', round, slot). */
  models: WeightedModel[];
  seed: number;
  prompts: Prompts;
  settings: HillSettings;
  /** Warriors every battle has (the candidate, the initial opponents, up to K champions). */
  warriors: number;
  examples: { name: string; source: string }[];
  /** Show the parent's battle record and the round's best elite in the mutate prompt. */
  feedback: boolean;
  /** Replies that do not assemble go back this many times at most. */
  repair: number;
}

/** Requests failing in a row (each after its own retries) that mean the server is not there. */
const GIVE_UP_AFTER = 8;

/** Code without comments and blank lines: the round's best elite, shown in fewer tokens. */
const compact = (source: string): string =>
  source.split('\n').map((l) => l.replace(/;.*$/, '').trimEnd()).filter((l) => l.trim() !== '').join('\n');

const fixed = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(3));

/** The feedback placeholders: what the parent did in its battle, and the best elite. */
function feedbackVars(parent: Parent, best: Parent): Record<string, string | number> | undefined {
  const r = parent.record;
  if (!r) return undefined;
  const s = r.stats;
  const opponents = r.opponents.map((id, i) => {
    const o = s.opponents[i];
    if (!o) return `- ${id}`;
    const fate = o.survived === s.rounds ? 'survived every round'
      : `survived ${o.survived} of ${s.rounds} rounds${o.meanDeath === null ? '' : `, died on average at cycle ${o.meanDeath}`}`;
    return `- ${id}: ${fate}`;
  });
  return {
    warriors: r.opponents.length + 1, rounds: s.rounds, fitness: fixed(r.fitness), wins: s.wins, ties: s.ties, losses: s.losses,
    died: s.died.map((d) => (d === null ? '-' : String(d))).join(' '),
    spawned: fixed(r.descriptors.spawned), coverage: fixed(r.descriptors.coverage),
    opponents: opponents.join('\n'),
    bestFitness: best.record ? fixed(best.record.fitness) : '?', best: compact(best.source),
  };
}

const describe = (errors: Diagnostic[], source: string): string => {
  const lines = source.split('\n');
  return errors.filter((e) => e.severity === 'error').map((e) => {
    const at = e.line > 0 ? `line ${e.line}, column ${e.column}: ` : '';
    const text = e.line > 0 && lines[e.line - 1] !== undefined ? `\n    ${lines[e.line - 1].trim()}` : '';
    return `- ${at}${e.message}${text}`;
  }).join('\n');
};

export function createLlmGenerator(o: LlmGeneratorOptions): Generate {
  let failures = 0;
  const vars = {
    coresize: o.settings.coresize, cycles: o.settings.cycles, processes: o.settings.processes,
    maxLength: o.settings.maxLength, separation: o.settings.separation, warriors: o.warriors,
    examples: o.examples.map((e) => `${e.name}:\n\`\`\`redcode\n${e.source.trimEnd()}\n\`\`\``).join('\n\n'),
  };
  const system = render(o.prompts.system, vars);
  const userPrompt = (request: Request): string => {
    if (request.kind === 'new') return render(o.prompts.new, vars);
    const mutate = render(o.prompts.mutate, { ...vars, parent: request.parent.source.trimEnd() });
    const feedback = o.feedback ? feedbackVars(request.parent, request.best) : undefined;
    return feedback ? `${mutate.trimEnd()}\n${render(o.prompts.feedback, { ...vars, ...feedback })}` : mutate;
  };

  return async (request, { round, slot, warriors, signal }) => {
    const model = o.models.length === 1 ? o.models[0].name : o.models[rngFor(o.seed, 'model', round, slot).weighted(o.models.map((m) => m.weight))].name;
    const messages: Message[] = [{ role: 'system', content: system }, { role: 'user', content: userPrompt(request) }];
    const attempts: Attempt[] = [];
    const total: Usage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, cost: null };
    for (;;) {
      const r = await o.chat(messages, signal, model);
      const common = { model, usage: attempts.length ? total : null, ...(attempts.length ? { attempts } : {}) };
      if (!r.ok) {
        if (r.error !== 'cancelled' && ++failures >= GIVE_UP_AFTER && !r.fatal) {
          return { ...common, ok: false, fatal: true, error: `${failures} requests in a row failed, each after its retries (last: ${r.error}); is the server up?` };
        }
        return { ...common, ok: false, error: r.error, fatal: r.fatal };
      }
      failures = 0;
      const cost = costOf(model, r.promptTokens, r.completionTokens, r.cachedTokens);
      const usage: Usage = { promptTokens: r.promptTokens, completionTokens: r.completionTokens, cachedTokens: r.cachedTokens, cost };
      total.promptTokens += usage.promptTokens;
      total.completionTokens += usage.completionTokens;
      total.cachedTokens += usage.cachedTokens;
      total.cost = cost === null ? total.cost : (total.cost ?? 0) + cost;
      const source = extractRedcode(r.text);
      const c = source === null || attempts.length >= o.repair ? undefined : compile(source, o.settings, warriors, 0);
      if (attempts.length >= o.repair || c?.ok) return { ok: true, reply: r.text, source, usage: { ...total }, model, ...(attempts.length ? { attempts } : {}) };
      const errors = c && !c.ok ? c.errors : null;
      attempts.push({ reply: r.text, source, errors, usage });
      const told = errors ? describe(errors, source!) : '- no Redcode found in the reply';
      messages.push({ role: 'assistant', content: r.text }, { role: 'user', content: render(o.prompts.repair, { ...vars, errors: told }) });
    }
  };
}
