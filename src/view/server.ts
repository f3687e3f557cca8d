// The viewer's HTTP server (node:http, 127.0.0.1 only): the page, ECharts' browser build, and
// one JSON endpoint, /round?n=N, with the battle's result and round N's event trace.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chartLibrary } from '../report/collect.js';
import { viewerHtml } from './page.js';
import type { Replay } from './replay.js';

export interface Viewer {
  url: string;
  close(): Promise<void>;
}

/** Listen on 127.0.0.1:port (0 = a free port chosen by the system); resolves once listening. */
export function serveViewer(replay: Replay, initialRound: number, port: number): Promise<Viewer> {
  const page = viewerHtml(initialRound);
  const library = chartLibrary();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'GET') return send(405, 'text/plain', 'GET only\n');
    if (url.pathname === '/') return send(200, 'text/html', page);
    if (url.pathname === '/echarts.min.js') return send(200, 'text/javascript', library);
    if (url.pathname === '/round') {
      const round = replay.round(Number(url.searchParams.get('n')));
      return send(round.ok ? 200 : 400, 'application/json', JSON.stringify(round));
    }
    send(404, 'text/plain', 'not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}/`,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}
