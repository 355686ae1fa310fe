/**
 * Reading beside a running app. The app holds its workspace's database exclusively, so a CLI
 * command that only reads asks the app instead: while a workspace is open, the app answers a few
 * read-only routes on a local socket (a named pipe on Windows). The socket's address and a random
 * token sit in a file inside the workspace readable only by its owner, so only someone who can
 * read the workspace itself can ask; nothing listens on the network and nothing can be written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '../../../shared/api/contract';
import type { App } from '../../services/compose';

/** What a CLI may ask the running app: nothing that changes the workspace. */
export const READ_ROUTES: ReadonlySet<string> = new Set(['eligibility.evaluate', 'inbox.folders.list', 'backups.list']);

const TICKET = '.app-reads.json';
const ASK_TIMEOUT_MS = 60_000;

interface Ticket {
  address: string;
  token: string;
}

function addressFor(dataDir: string): string {
  const hash = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16);
  return process.platform === 'win32' ? `\\\\.\\pipe\\zhicheng-${hash}` : join(tmpdir(), `zhicheng-${hash}.sock`);
}

/** Starts answering read routes for the CLI; the returned function stops and removes the ticket. */
export async function serveReads(app: App): Promise<() => Promise<void>> {
  const address = addressFor(app.paths.root);
  const token = randomBytes(24).toString('hex');
  // A socket file left by a crashed app would refuse the new one.
  if (process.platform !== 'win32') rmSync(address, { force: true });
  const server = createServer((socket) => answer(socket, app, token));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => resolve());
  });
  if (process.platform !== 'win32') chmodSync(address, 0o600);
  const ticket = join(app.paths.root, TICKET);
  writeFileSync(ticket, JSON.stringify({ address, token } satisfies Ticket), { mode: 0o600 });
  return async () => {
    rmSync(ticket, { force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

function answer(socket: Socket, app: App, token: string): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    const end = buffer.indexOf('\n');
    if (end < 0) return;
    let reply: Promise<Envelope<unknown>>;
    try {
      const request = JSON.parse(buffer.slice(0, end)) as { token?: string; route?: string; input?: unknown };
      if (request.token !== token) reply = Promise.resolve(refusal('REFUSED', '凭据不符'));
      else if (!request.route || !READ_ROUTES.has(request.route))
        reply = Promise.resolve(refusal('REFUSED', '程序打开时，命令行只能读取'));
      else reply = app.invoke(request.route, request.input ?? {});
    } catch {
      reply = Promise.resolve(refusal('BAD_INPUT', '请求格式不正确'));
    }
    void reply.then((envelope) => socket.end(`${JSON.stringify(envelope)}\n`));
  });
}

const refusal = (code: string, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

/** Asks the app that has the workspace open; null when no app answers for it. */
export async function askRunningApp(dataDir: string, route: string, input: unknown): Promise<Envelope<unknown> | null> {
  const ticketFile = join(dataDir, TICKET);
  if (!existsSync(ticketFile)) return null;
  let ticket: Ticket;
  try {
    ticket = JSON.parse(readFileSync(ticketFile, 'utf8')) as Ticket;
  } catch {
    return null;
  }
  return new Promise((resolve) => {
    const socket = createConnection(ticket.address);
    let text = '';
    const timer = setTimeout(() => socket.destroy(), ASK_TIMEOUT_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ token: ticket.token, route, input })}\n`));
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => resolve(null));
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(text) as Envelope<unknown>);
      } catch {
        resolve(null);
      }
    });
  });
}
