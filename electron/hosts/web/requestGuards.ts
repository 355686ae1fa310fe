/**
 * What the web host checks before it looks at a request's meaning: that its target parses at
 * all (a malformed one is a 400, never a thrown error that ends the process), and that no page
 * of another origin sent it. Browsers mark where a request comes from with Origin and
 * Sec-Fetch-*; clients outside a browser (curl, the tests) send neither and are judged by the
 * token alone.
 */
import type { IncomingMessage } from 'node:http';

export interface Target {
  /** The path, percent-decoded. */
  path: string;
  query: URLSearchParams;
}

/** The request's target, or null when it is not a path or does not decode. */
export function parseTarget(raw: string | undefined): Target | null {
  // Only origin-form targets ("/…"): absolute and authority forms are not ours to answer.
  if (!raw?.startsWith('/') || raw.startsWith('//')) return null;
  try {
    const url = new URL(raw, 'http://127.0.0.1');
    return { path: decodeURIComponent(url.pathname), query: url.searchParams };
  } catch {
    return null;
  }
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * True when a browser says the request comes from a page that is not ours, another port on
 * 127.0.0.1 included. A top-level navigation to a page (a link the user follows) is let through
 * when `navigation` is allowed: it shows our page in its own tab, where the other page cannot
 * read it, and without the token the page can do nothing.
 */
export function fromOtherOrigin(req: IncomingMessage, ownOrigins: readonly string[], navigation: boolean): boolean {
  const origin = header(req, 'origin');
  const site = header(req, 'sec-fetch-site');
  const isNavigation =
    navigation && header(req, 'sec-fetch-mode') === 'navigate' && header(req, 'sec-fetch-dest') === 'document';
  if (origin !== undefined && !ownOrigins.includes(origin)) return !isNavigation || origin === 'null';
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return !isNavigation;
  return false;
}
