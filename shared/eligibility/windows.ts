/** Acceptance windows: the yearly ranges (MM-DD) in which applications are taken. */
import type { RulePack } from './pack';

export interface Window {
  from: string;
  to: string;
}

/** The window open on `day`, or the next one to open after it. */
export function nextWindow(pack: Pick<RulePack, 'acceptanceWindows'>, day: string): Window | null {
  const year = Number(day.slice(0, 4));
  // A range running into the next year may have opened last year and still be open.
  const windows = [year - 1, year, year + 1]
    .flatMap((y) =>
      pack.acceptanceWindows.map((w) => {
        // A range like 12-01 to 01-31 runs into the next year.
        const to = w.to >= w.from ? `${y}-${w.to}` : `${y + 1}-${w.to}`;
        return { from: `${y}-${w.from}`, to };
      }),
    )
    .filter((w) => w.to >= day)
    .sort((a, b) => a.from.localeCompare(b.from));
  return windows[0] ?? null;
}
