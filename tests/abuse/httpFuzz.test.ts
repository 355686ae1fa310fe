/**
 * No request ends the web host: malformed request lines and encodings, headers too large,
 * bodies over the cap, and many requests at once each get an answer, and the host lives on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/hosts/web/webHost';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../support/workspace';
import { tokenOf } from './support';

let ws: TestWorkspace;
let host: WebHost;
let token: string;
const LIMITS = { body: 1024 * 1024, inFlight: 3 * 1024 * 1024 };

beforeAll(async () => {
  const staticDir = tempDir('zhicheng-static-');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>职称申报工作台</title>');
  ws = await openTestWorkspace();
  host = await startWebHost({ app: ws.app, staticDir, limits: LIMITS });
  token = tokenOf(host);
});
afterAll(async () => {
  await host?.close();
  ws?.cleanup();
});

/** Sends raw bytes and returns the status line's code (0 when the host hung up without one). */
function rawExchange(request: string | Buffer, keepWriting?: (socket: import('node:net').Socket) => void) {
  return new Promise<number>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: host.port });
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.write(request, () => keepWriting?.(socket));
  });
}

const line = (target: string, method = 'GET', headers = '') =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${token}\r\n${headers}Connection: close\r\n\r\n`;

async function alive(): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/invoke/app.info`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: '{}',
  });
  expect(await response.json()).toMatchObject({ ok: true });
}

/** A seeded generator, so a failure names a case that can be run again. */
function* randomTargets(seed: number, count: number): Generator<string> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pieces = [
    '/',
    '%',
    '%E0',
    '%A4%A',
    '%ZZ',
    '%00',
    '[',
    ']',
    '@',
    '..',
    '\\',
    '?',
    '#',
    ':',
    'api',
    'invoke',
    '%C0%AF',
    '%FF',
    '//',
    'http://',
    '~',
    'é',
  ];
  for (let i = 0; i < count; i++) {
    let target = next() < 0.8 ? '/' : '';
    const length = 1 + Math.floor(next() * 8);
    for (let j = 0; j < length; j++) target += pieces[Math.floor(next() * pieces.length)];
    yield target;
  }
}

describe('malformed requests', () => {
  it.each([
    ['an absolute URL that does not parse', 'http://[', 'GET'],
    ['a path that does not decode', '/%E0%A4%A', 'GET'],
    ['a route that does not decode', '/api/invoke/%E0', 'POST'],
    ['an authority-form target', '//evil.example/x', 'GET'],
    ['a NUL in the path', '/assets/%00.js', 'GET'],
    ['an event stream path that does not decode', '/api/events%E0?token=x', 'GET'],
  ])('%s gets 400 and the host lives', async (_name, target, method) => {
    expect(await rawExchange(line(target, method))).toBe(400);
    await alive();
  });

  it('a request line the parser refuses gets 400', async () => {
    expect(await rawExchange('NOT AN HTTP REQUEST\r\n\r\n')).toBe(400);
    expect(await rawExchange(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x0a]))).toBe(400);
    await alive();
  });

  it('headers over 16 KB get 431', async () => {
    expect(await rawExchange(line('/', 'GET', `X-Padding: ${'a'.repeat(64 * 1024)}\r\n`))).toBe(431);
    await alive();
  });

  it('three hundred random targets each get an answer below 500', async () => {
    for (const target of randomTargets(14, 300)) {
      const status = await rawExchange(line(target, target.includes('invoke') ? 'POST' : 'GET'));
      expect(status, target).toBeGreaterThanOrEqual(200);
      expect(status, target).toBeLessThan(500);
    }
    await alive();
  });
});

describe('bodies', () => {
  it('a declared body over the cap gets 413 before it is sent', async () => {
    const status = await rawExchange(
      line('/api/invoke/app.info', 'POST', `Content-Length: ${10 * 1024 ** 3}\r\nContent-Type: application/json\r\n`),
    );
    expect(status).toBe(413);
    await alive();
  });

  it('an undeclared (chunked) body is cut off as soon as it passes the cap', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const status = await rawExchange(
      line('/api/invoke/app.info', 'POST', 'Transfer-Encoding: chunked\r\n'),
      (socket) => {
        // Keeps sending until the host answers: it must not wait for the end.
        const more = () => {
          if (socket.destroyed) return;
          socket.write(`${chunk.length.toString(16)}\r\n`);
          socket.write(chunk);
          socket.write('\r\n', more);
        };
        more();
      },
    );
    expect(status).toBe(413);
    await alive();
  });

  it('bodies read at the same time share one budget', async () => {
    // Four bodies of 0.9 MB each, none finished: together past the 3 MB budget, so one is refused.
    const body = `{"padding":"${'a'.repeat(900 * 1024)}"}`;
    const sockets: Array<import('node:net').Socket> = [];
    const statuses = Array.from({ length: 4 }, () =>
      rawExchange(line('/api/invoke/app.info', 'POST', `Content-Length: ${body.length + 1}\r\n`), (socket) => {
        sockets.push(socket);
        socket.write(body);
      }),
    );
    const first = await Promise.race(statuses);
    expect(first).toBe(413);
    for (const socket of sockets) if (!socket.destroyed) socket.end(' ');
    const all = await Promise.all(statuses);
    expect(all.filter((s) => s === 413).length).toBeGreaterThanOrEqual(1);
    expect(all.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    await alive();
  });
});

it('two hundred requests at once are all answered', async () => {
  const answers = await Promise.all(
    Array.from({ length: 200 }, () =>
      fetch(`http://127.0.0.1:${host.port}/api/invoke/app.info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: '{}',
      }).then((r) => r.json() as Promise<{ ok: boolean }>),
    ),
  );
  expect(answers.every((a) => a.ok)).toBe(true);
});
