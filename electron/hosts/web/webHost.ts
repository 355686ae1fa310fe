/**
 * The loopback web host: the built renderer and the API over HTTP on 127.0.0.1 only, behind a
 * random token. It is what end-to-end tests drive in Chromium, and a fallback where Electron
 * cannot run.
 *
 * Every port on 127.0.0.1 is the same site to a browser, and cookies ignore ports: a cookie would
 * hand the token to any local server a page of ours is never on, and SameSite would let any
 * local page send it along. So the token never travels in a cookie. The page and its scripts
 * hold no data and are served without it; the page takes the token from the printed URL into its
 * tab (sessionStorage, per origin, so two hosts never log each other out) and sends it in an
 * Authorization header, which no other origin can add without a CORS preflight we never answer.
 * Requests a browser marks as coming from another origin are refused outright (requestGuards.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { EventName, EventPayload } from '../../../shared/api/contract';
import type { App } from '../../services/compose';
import { fromOtherOrigin, parseTarget } from './requestGuards';

export interface WebHostOptions {
  app: App;
  staticDir: string;
  port?: number;
  token?: string;
  /** Smaller body limits, for tests; the defaults are MAX_BODY_BYTES and MAX_BODIES_IN_FLIGHT_BYTES. */
  limits?: { body: number; inFlight: number };
}

export interface WebHost {
  url: string;
  port: number;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

/**
 * The largest request body: a scanned file of about 75 MB as base64 in JSON. All bodies being
 * read at once share a budget too, so a dozen large uploads at a time cannot exhaust memory.
 */
export const MAX_BODY_BYTES = 100 * 1024 * 1024;
export const MAX_BODIES_IN_FLIGHT_BYTES = 300 * 1024 * 1024;
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

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

class BodyTooLarge extends Error {}

/**
 * Reads the body within `budget` bytes, or rejects with BodyTooLarge as soon as it passes them,
 * leaving the rest unread (the socket stays open for the 413).
 */
function readBody(req: IncomingMessage, budget: { take(bytes: number): boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      if (budget.take(chunk.length)) return void chunks.push(chunk);
      req.off('data', onData).pause();
      reject(new BodyTooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

const JSON_TYPE = 'application/json; charset=utf-8';
const UNAUTHORISED = '未授权：请使用启动时打印的带 token 的地址打开';
const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
const TOO_LARGE_HEADERS =
  'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

const refusal = (code: string, message: string) => JSON.stringify({ ok: false, error: { code, message } });

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { app } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  let port = 0;

  let ownOrigins: string[] = [];
  let bodiesInFlight = 0;
  const limits = options.limits ?? { body: MAX_BODY_BYTES, inFlight: MAX_BODIES_IN_FLIGHT_BYTES };

  /** The API takes the token from the Authorization header; only EventSource, which cannot set one, may put it in the query. */
  const authorised = (req: IncomingMessage, query: URLSearchParams | null): boolean =>
    sameToken(req.headers.authorization?.replace(/^Bearer /, ''), token) ||
    (query !== null && sameToken(query.get('token') ?? undefined, token));

  async function invoke(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    const tooLarge = () => {
      // Answer, then hang up: the rest of the body is not worth receiving.
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.socket.destroy());
      const megabytes = Math.round(limits.body / 1024 / 1024);
      send(res, 413, refusal('BAD_INPUT', `请求内容超过${megabytes}MB，或同时上传的内容太多，未处理`), JSON_TYPE);
    };
    if (Number(req.headers['content-length'] ?? 0) > limits.body) return tooLarge();
    let input: unknown;
    let taken = 0;
    try {
      const body = await readBody(req, {
        take(bytes) {
          if (taken + bytes > limits.body || bodiesInFlight + bytes > limits.inFlight) return false;
          taken += bytes;
          bodiesInFlight += bytes;
          return true;
        },
      });
      input = body === '' ? {} : JSON.parse(body);
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge();
      send(res, 400, refusal('BAD_INPUT', '请求内容不是有效的 JSON'), JSON_TYPE);
      return;
    } finally {
      bodiesInFlight -= taken;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const envelope = await app.invoke(route, input, { signal: controller.signal });
    send(res, 200, JSON.stringify(envelope), JSON_TYPE);
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

  function serveStatic(res: ServerResponse, path: string): void {
    const relative = normalize(path).replace(/^([/\\])+/, '');
    let file = resolve(staticRoot, relative);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return send(res, 403, 'Forbidden');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html');
    if (!existsSync(file)) return send(res, 500, '界面尚未构建：请先运行 npm run build:web');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': WEB_HOST_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    });
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  function route(req: IncomingMessage, res: ServerResponse): void {
    // Only this machine's loopback names: a page on another site cannot rebind its name to us.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, 'Forbidden host');
    const target = parseTarget(req.url);
    if (!target || target.path.includes('\0')) return send(res, 400, '请求地址无效');
    const { path, query } = target;
    const api = path.startsWith('/api/');
    if (fromOtherOrigin(req, ownOrigins, !api && req.method === 'GET'))
      return send(res, 403, '不接受来自其他网页的请求');
    if (path === '/api/events' && req.method === 'GET') {
      if (!authorised(req, query)) return send(res, 401, UNAUTHORISED);
      return events(res);
    }
    if (path.startsWith('/api/invoke/') && req.method === 'POST') {
      if (!authorised(req, null)) return send(res, 401, UNAUTHORISED);
      invoke(req, res, path.slice('/api/invoke/'.length)).catch(() => {
        if (!res.headersSent) send(res, 500, refusal('INTERNAL', '处理请求时出错，操作未完成'), JSON_TYPE);
        else res.destroy();
      });
      return;
    }
    if (api) return send(res, 404, 'Not found');
    if (req.method !== 'GET') return send(res, 405, 'Method not allowed');
    serveStatic(res, path);
  }

  const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    try {
      route(req, res);
    } catch {
      // Nothing a request carries may end the host: whatever slipped past the checks is a 400.
      if (!res.headersSent) send(res, 400, '请求无效');
      else res.destroy();
    }
  });
  // Requests the parser itself refuses (a broken request line, headers too large).
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable) socket.end(error.code === 'HPE_HEADER_OVERFLOW' ? TOO_LARGE_HEADERS : BAD_REQUEST);
    socket.destroy();
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  port = (server.address() as AddressInfo).port;
  ownOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

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
