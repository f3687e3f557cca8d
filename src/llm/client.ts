// The only importer of `openai`: one chat completion per call, through the official client
// against OpenAI or any compatible server (vLLM, Ollama, llama.cpp, OpenRouter).
// Retries are the client's own (exponential backoff with jitter on 408/409/429/5xx, timeouts
// and dropped connections, honouring Retry-After); `timeoutMs` bounds each attempt. A refused
// key (401/403) or unknown model (404) fails every request alike, so it is reported as fatal.

import OpenAI from 'openai';

export interface ChatOptions {
  apiKey: string;
  baseURL?: string;
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
  | { ok: true; text: string; promptTokens: number; completionTokens: number }
  | { ok: false; error: string; fatal: boolean };

export type Chat = (messages: Message[], signal?: AbortSignal) => Promise<ChatReply>;

export function createChat(options: ChatOptions): Chat {
  const client = new OpenAI({
    apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: options.maxRetries,
  });
  return async (messages, signal) => {
    try {
      const r = await client.chat.completions.create(
        { model: options.model, temperature: options.temperature, messages },
        { signal },
      );
      return {
        ok: true, text: r.choices[0]?.message?.content ?? '',
        promptTokens: r.usage?.prompt_tokens ?? 0, completionTokens: r.usage?.completion_tokens ?? 0,
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

/** US dollars per million tokens (OpenAI list prices); models not listed have no cost. */
const PRICES: [prefix: string, input: number, output: number][] = [
  ['gpt-4.1-nano', 0.1, 0.4],
  ['gpt-4.1-mini', 0.4, 1.6],
  ['gpt-4.1', 2, 8],
  ['gpt-4o-mini', 0.15, 0.6],
  ['gpt-4o', 2.5, 10],
];

/** The cost of a call, or null when the price table does not know the model. */
export function costOf(model: string, promptTokens: number, completionTokens: number): number | null {
  const price = PRICES.find(([prefix]) => model === prefix || model.startsWith(`${prefix}-`));
  return price ? (promptTokens * price[1] + completionTokens * price[2]) / 1e6 : null;
}
