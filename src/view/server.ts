// The local HTTP servers (node:http, 127.0.0.1 only). serveLocal() holds what every drq page
// server shares (GET only, no caching, a free port, closing); serveViewer() is the viewer's: the
// page, ECharts' browser build, and /round?n=N with the battle's result and round N's event trace.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chartLibrary } from '../report/collect.js';
import { viewerHtml } from './page.js';
import type { Replay } from './replay.js';

export interface Viewer {
  url: string;
  close(): Promise<void>;
}

/** A response: status, content type (UTF-8 text) and body. */
export type Reply = [status: number, type: string, body: string];

/**
 * Listens on 127.0.0.1:port (0 = a free port chosen by the system) and resolves once listening.
 * `route` answers a GET for a path (and its query), or null for 404. The page and ECharts are served at / and /echarts.min.js.
 */
export function serveLocal(page: string, route: (url: URL) => Reply | null, port: number): Promise<Viewer> {
  const library = chartLibrary();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = ([status, type, body]: Reply) => {
      response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'GET') return send([405, 'text/plain', 'GET only\n']);
    if (url.pathname === '/') return send([200, 'text/html', page]);
    if (url.pathname === '/echarts.min.js') return send([200, 'text/javascript', library]);
    send(route(url) ?? [404, 'text/plain', 'not found\n']);
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

export function serveViewer(replay: Replay, initialRound: number, port: number): Promise<Viewer> {
  return serveLocal(viewerHtml(initialRound), (url) => {
    if (url.pathname !== '/round') return null;
    const round = replay.round(Number(url.searchParams.get('n')));
    return [round.ok ? 200 : 400, 'application/json', JSON.stringify(round)];
  }, port);
}
