// A local OpenAI-compatible chat server on 127.0.0.1 whose answers the test scripts in order:
// a reply text (with the cached prompt tokens to report, if any), an HTTP status (with headers),
// or a dropped connection.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Scripted =
  | { reply: string; cached?: number }
  | { status: number; headers?: Record<string, string>; body?: object }
  | { drop: true };

export interface FakeServer {
  url: string;
  /** Request bodies received, in order. */
  requests: { messages: { role: string; content: string }[]; model: string }[];
  /** Arrival times (ms) of the requests. */
  times: number[];
  close(): Promise<void>;
}

const body = (req: IncomingMessage): Promise<string> => new Promise((resolve) => {
  let text = '';
  req.on('data', (c: Buffer) => { text += c.toString('utf8'); });
  req.on('end', () => resolve(text));
});

type Request = FakeServer['requests'][number];

/** `next()` picks the answer for each request, from its index and its body. */
export async function startServer(next: (index: number, request: Request) => Scripted): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const times: number[] = [];
  const server: Server = createServer(async (req, res) => {
    const parsed = JSON.parse(await body(req));
    const index = requests.length;
    requests.push(parsed);
    times.push(Date.now());
    const answer = next(index, parsed);
    if ('drop' in answer) {
      req.socket.destroy();
      return;
    }
    if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? { error: { message: `status ${answer.status}`, type: 'test' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      id: `chatcmpl-${index}`, object: 'chat.completion', created: 0, model: parsed.model,
      choices: [{ index: 0, message: { role: 'assistant', content: answer.reply }, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200,
        ...(answer.cached === undefined ? {} : { prompt_tokens_details: { cached_tokens: answer.cached } }),
      },
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`, requests, times,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
