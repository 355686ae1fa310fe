/**
 * What the abuse tests share: a workspace served by the real web host, Chromium, and a second
 * local server on another 127.0.0.1 port that plays the hostile page.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/hosts/web/webHost';
import { openTestWorkspace, type TestWorkspace } from '../support/workspace';

export const RENDERER = resolve(import.meta.dirname, '../../out/renderer');

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'],
  });

export interface Served {
  ws: TestWorkspace;
  host: WebHost;
  close(): Promise<void>;
}

export async function serveWorkspace(dir?: string): Promise<Served> {
  const ws = await openTestWorkspace(dir);
  const host = await startWebHost({ app: ws.app, staticDir: RENDERER });
  return {
    ws,
    host,
    async close() {
      await host.close();
      ws.cleanup();
    },
  };
}

export interface HostileServer {
  origin: string;
  /** Every request it received: where to, and with which headers. */
  seen: Array<{ url: string; headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

/** Serves `page` at / and records everything sent to it (what a hostile page reports back included). */
export async function startHostileServer(page: string): Promise<HostileServer> {
  const seen: HostileServer['seen'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(req.url === '/' ? page : 'ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export const tokenOf = (host: WebHost) => new URL(host.url).searchParams.get('token')!;
