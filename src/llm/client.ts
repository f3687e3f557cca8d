// The only importer of `openai`: one chat completion per call, through the official client
// against OpenAI or any compatible server (vLLM, Ollama, llama.cpp, OpenRouter).
// Retries are the client's own (exponential backoff with jitter on 408/409/429/5xx, timeouts
// and dropped connections, honouring Retry-After); `timeoutMs` bounds each attempt. A refused
// key (401/403) or unknown model (404) fails every request alike, so it is reported as fatal.

import OpenAI from 'openai';

export interface ChatOptions {
  apiKey: string;
  baseURL?: string;
  /** The model asked for when a call names none. */
  model: string;
  temperature: number;
  timeoutMs: number;
  maxRetries: number;
}

export interface Message {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type ChatReply =
  /** cachedTokens: prompt tokens the provider served from its prompt cache, when it says (else 0). */
  | { ok: true; text: string; promptTokens: number; completionTokens: number; cachedTokens: number }
  | { ok: false; error: string; fatal: boolean };

export type Chat = (messages: Message[], signal?: AbortSignal, model?: string) => Promise<ChatReply>;

export function createChat(options: ChatOptions): Chat {
  const client = new OpenAI({
    apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: options.maxRetries,
  });
  return async (messages, signal, model = options.model) => {
    try {
      const r = await client.chat.completions.create(
        { model, temperature: options.temperature, messages },
        { signal },
      );
      return {
        ok: true, text: r.choices[0]?.message?.content ?? '',
        promptTokens: r.usage?.prompt_tokens ?? 0, completionTokens: r.usage?.completion_tokens ?? 0,
        cachedTokens: r.usage?.prompt_tokens_details?.cached_tokens ?? 0,
      };
    } catch (e) {
      if (e instanceof OpenAI.AuthenticationError || e instanceof OpenAI.PermissionDeniedError) {
        return { ok: false, fatal: true, error: `the server refused the API key (${e.status}): ${e.message}` };
      }
      if (e instanceof OpenAI.NotFoundError) return { ok: false, fatal: true, error: `model or endpoint not found (404): ${e.message}` };
      if (e instanceof OpenAI.APIUserAbortError) return { ok: false, fatal: false, error: 'cancelled' };
      if (e instanceof OpenAI.APIConnectionTimeoutError) return { ok: false, fatal: false, error: `timed out after ${options.maxRetries + 1} attempts of ${options.timeoutMs} ms` };
      if (e instanceof OpenAI.APIError) return { ok: false, fatal: false, error: `${e.status ?? 'connection'} after ${options.maxRetries} retries: ${e.message}` };
      throw e;
    }
  };
}

/** US dollars per million tokens (OpenAI list prices: input, cached input, output); models not listed have no cost. */
const PRICES: [prefix: string, input: number, cached: number, output: number][] = [
  ['gpt-4.1-nano', 0.1, 0.025, 0.4],
  ['gpt-4.1-mini', 0.4, 0.1, 1.6],
  ['gpt-4.1', 2, 0.5, 8],
  ['gpt-4o-mini', 0.15, 0.075, 0.6],
  ['gpt-4o', 2.5, 1.25, 10],
];

/** The cost of a call (`cachedTokens` of its prompt tokens at the cached price), or null when the price table does not know the model. */
export function costOf(model: string, promptTokens: number, completionTokens: number, cachedTokens = 0): number | null {
  const price = PRICES.find(([prefix]) => model === prefix || model.startsWith(`${prefix}-`));
  return price ? ((promptTokens - cachedTokens) * price[1] + cachedTokens * price[2] + completionTokens * price[3]) / 1e6 : null;
}
