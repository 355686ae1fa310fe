/**
 * The loopback web host: the built renderer and the API over HTTP on 127.0.0.1 only, behind a
 * random token. It is what end-to-end tests drive in Chromium, and a fallback where Electron
 * cannot run. The token arrives in the URL once; the page then keeps it in a SameSite cookie.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { EventName, EventPayload } from '../../../shared/api/contract';
import type { App } from '../../services/compose';

export interface WebHostOptions {
  app: App;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 200 * 1024 * 1024;
const COOKIE = 'zhicheng_token';
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
// The same policy as the Electron window (tests/unit/security checks they agree): nothing but our
// own scripts; naive-ui injects styles.
export const WEB_HOST_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Compares in constant time: both sides are hashed first, so neither the position of the first
 * wrong character nor the token's length shows in how long a refusal takes.
 */
export function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(token));
}

function cookieToken(req: IncomingMessage): string | undefined {
  const cookies = req.headers.cookie?.split(';').map((c) => c.trim().split('=')) ?? [];
  return cookies.find(([name]) => name === COOKIE)?.[1];
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { app } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const authorised = (req: IncomingMessage, url: URL): boolean => {
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    return (
      sameToken(bearer, token) ||
      sameToken(url.searchParams.get('token') ?? undefined, token) ||
      sameToken(cookieToken(req), token)
    );
  };

  async function invoke(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body === '' ? {} : JSON.parse(body);
    } catch {
      send(
        res,
        400,
        JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: '请求内容不是有效的 JSON，或超过200MB' } }),
        'application/json',
      );
      return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const envelope = await app.invoke(route, input, { signal: controller.signal });
    send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8');
  }

  function events(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  function serveStatic(res: ServerResponse, pathname: string, setCookie: boolean): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = resolve(staticRoot, relative);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return send(res, 403, 'Forbidden');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html');
    if (!existsSync(file)) return send(res, 500, '界面尚未构建：请先运行 npm run build:web');
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': WEB_HOST_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (setCookie) headers['Set-Cookie'] = `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only this machine's loopback names: a page on another site cannot rebind its name to us.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, 'Forbidden host');
    if (!authorised(req, url)) return send(res, 401, '未授权：请使用启动时打印的带 token 的地址打开');
    if (url.pathname === '/api/events' && req.method === 'GET') return events(res);
    if (url.pathname.startsWith('/api/invoke/') && req.method === 'POST') {
      void invoke(req, res, decodeURIComponent(url.pathname.slice('/api/invoke/'.length)));
      return;
    }
    if (url.pathname.startsWith('/api/')) return send(res, 404, 'Not found');
    if (req.method !== 'GET') return send(res, 405, 'Method not allowed');
    serveStatic(res, url.pathname, url.searchParams.has('token'));
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    emit(name, payload) {
      const message = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(message);
    },
    close: () =>
      new Promise<void>((done) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
