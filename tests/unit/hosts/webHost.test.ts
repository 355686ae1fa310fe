/** The loopback web host over a real workspace: token, host check, the API, events and static files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { sameToken, startWebHost, type WebHost } from '../../../electron/hosts/web/webHost';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
let host: WebHost;
let token: string;
const staticDir = tempDir('zhicheng-static-');

beforeAll(async () => {
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>职称申报工作台</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, '..', 'secret.txt'), 'outside');
  ws = await openTestWorkspace();
  host = await startWebHost({ app: ws.app, staticDir });
  token = new URL(host.url).searchParams.get('token')!;
});
afterAll(async () => {
  await host.close();
  ws.cleanup();
});

/** A raw request, so the Host header and unnormalised paths go out exactly as written. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (route: string, input: unknown, auth = `Bearer ${token}`) =>
  raw(`/api/invoke/${route}`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });

describe('web host', () => {
  it('listens on 127.0.0.1 only and prints a URL with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('answers 401 to API requests without the token, with a wrong one, or with it only in a cookie or the query', async () => {
    expect((await invoke('app.info', {}, 'Bearer nope')).status).toBe(401);
    expect((await raw('/api/invoke/app.info', { method: 'POST', body: '{}' })).status).toBe(401);
    const cookie = await raw('/api/invoke/app.info', {
      method: 'POST',
      headers: { Cookie: `zhicheng_token=${token}` },
    });
    expect(cookie.status).toBe(401);
    expect((await raw(`/api/invoke/app.info?token=${token}`, { method: 'POST' })).status).toBe(401);
    expect((await raw('/api/events')).status).toBe(401);
    // One character wrong (a token ending in x must not be 「wronged」 into itself: 1 run in 64 hung on the open stream).
    const wrong = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
    expect((await raw(`/api/events?token=${wrong}`)).status).toBe(401);
  });

  it('refuses other Host names (DNS rebinding)', async () => {
    expect((await raw(`/?token=${token}`, { headers: { Host: `evil.example:${host.port}` } })).status).toBe(403);
  });

  it('serves the page and its scripts, which hold no data, without the token and without a cookie', async () => {
    const page = await raw(`/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('职称申报工作台');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['set-cookie']).toBeUndefined();
    const asset = await raw('/assets/app.js');
    expect(asset).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it('refuses what a browser marks as sent by another origin, another port on 127.0.0.1 included', async () => {
    const other = `http://127.0.0.1:${host.port + 1}`;
    const fromOther = { Origin: other, 'Sec-Fetch-Site': 'same-site', Authorization: `Bearer ${token}` };
    expect((await raw('/api/invoke/app.info', { method: 'POST', headers: fromOther, body: '{}' })).status).toBe(403);
    expect((await raw(`/api/events?token=${token}`, { headers: { 'Sec-Fetch-Site': 'same-site' } })).status).toBe(403);
    const embedded = { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'script' };
    expect((await raw('/assets/app.js', { headers: embedded })).status).toBe(403);
    // Following a link opens the page in its own tab, which the other page cannot read.
    const link = { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    expect((await raw('/', { headers: link })).status).toBe(200);
    const own = { Origin: `http://127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'same-origin' };
    const ok = await invoke('app.info', {}, `Bearer ${token}`);
    expect(ok.status).toBe(200);
    const same = await raw('/api/invoke/app.info', {
      method: 'POST',
      headers: { ...own, Authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(JSON.parse(same.body)).toMatchObject({ ok: true });
  });

  it('never serves files outside the renderer folder', async () => {
    const escaped = await raw(`/..%2fsecret.txt?token=${token}`);
    expect(escaped.body).not.toContain('outside');
    const dotted = await raw(`/assets/../../secret.txt?token=${token}`);
    expect(dotted.body).not.toContain('outside');
  });

  it('dispatches API calls and returns the envelope', async () => {
    const info = await invoke('app.info', {});
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { people: 0, units: 0 } });
    const bad = await invoke('units.save', { name: '' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const unknown = await invoke('nope', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
    const notJson = await raw('/api/invoke/app.info', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });

  it('streams events to connected pages', async () => {
    const received = new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${token}` }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('people.changed')) {
            req.destroy();
            resolve(text);
          }
        });
        res.once('data', () => host.emit('people.changed', {}));
      });
      req.end();
    });
    expect(await received).toContain('event: people.changed\ndata: {}\n\n');
  });

  it('binds 127.0.0.1 alone: other loopback addresses are not answered', async () => {
    const reach = (address: string) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: host.port });
        socket.once('connect', () => (socket.destroy(), resolve('connected')));
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
    expect(await reach('127.0.0.1')).toBe('connected');
    expect(await reach('127.0.0.2')).toBe('ECONNREFUSED');
    expect(await reach('::1')).not.toBe('connected');
  });

  it('compares tokens with timingSafeEqual over digests, so any length is refused alike', () => {
    expect(sameToken(token, token)).toBe(true);
    for (const wrong of [undefined, '', 'x', token.slice(0, -1), `${token}x`, token.toUpperCase()]) {
      expect(sameToken(wrong, token), String(wrong)).toBe(false);
    }
    const source = readFileSync(join(import.meta.dirname, '../../../electron/hosts/web/webHost.ts'), 'utf8');
    expect(source).toMatch(/timingSafeEqual\(digest\(given\), digest\(token\)\)/);
    // No other comparison of the token anywhere in the host.
    expect(source).not.toMatch(/===\s*token|token\s*===/);
  });

  it('never writes the token to its output, whatever the requests', async () => {
    const written: string[] = [];
    const spies = [process.stdout, process.stderr].map((stream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: never[]) => {
        written.push(String(chunk));
        return original(chunk as string, ...rest);
      }) as typeof stream.write;
      return () => (stream.write = original);
    });
    try {
      const other = await startWebHost({ app: ws.app, staticDir });
      const otherToken = new URL(other.url).searchParams.get('token')!;
      await raw(`/?token=${token}`);
      await raw(`/?token=${token}x`);
      await invoke('units.save', { name: '' });
      await invoke('app.info', {}, `Bearer ${token}`);
      await raw('/api/invoke/app.info', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{' });
      await other.close();
      const output = written.join('');
      expect(output).not.toContain(token);
      expect(output).not.toContain(otherToken);
    } finally {
      spies.forEach((restore) => restore());
    }
  });
});
