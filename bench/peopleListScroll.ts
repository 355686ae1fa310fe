/**
 * Is the people list smooth at 10,000 rows? The built UI in Debian's Chromium against the web
 * host: time to show the list, then frame intervals while the wheel scrolls it from top to
 * bottom, beside the same page left idle (the anchor: what a frame costs with nothing to do).
 */
import { chromium, type Page } from 'playwright-core';
import { ensureRendererBuilt } from '../electron/hosts/web/rendererBuild';
import { startWebHost } from '../electron/hosts/web/webHost';
import { PACKAGE_ROOT } from '../electron/hosts/cli/packageInfo';
import { generatePeople, rosterRows, xlsxBytes } from '../tests/support/people';
import { openTestWorkspace, toBase64 } from '../tests/support/workspace';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

interface Frames {
  median: number;
  p95: number;
  max: number;
  over50: number;
  count: number;
}

/** Records requestAnimationFrame intervals while `during` runs. */
async function frameIntervals(page: Page, during: () => Promise<void>): Promise<Frames> {
  // Plain strings: tsx would wrap functions in helpers the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await during();
  const stamps = (await page.evaluate('(window.__recording = false, window.__frames)')) as number[];
  const intervals = stamps
    .slice(1)
    .map((t, i) => t - stamps[i]!)
    .sort((a, b) => a - b);
  const at = (q: number) => intervals[Math.min(intervals.length - 1, Math.floor(q * intervals.length))]!;
  return {
    median: at(0.5),
    p95: at(0.95),
    max: at(1),
    over50: intervals.filter((d) => d > 50).length,
    count: intervals.length,
  };
}

const show = (f: Frames) =>
  `median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms, frames > 50 ms: ${f.over50} of ${f.count}`;

export async function benchPeopleListScroll(): Promise<void> {
  const rows = 10_000;
  console.log(`\n人员列表滚动 (${rows} rows, Debian Chromium, 1360×860)`);
  const ws = await openTestWorkspace();
  const host = await startWebHost({ app: ws.app, staticDir: ensureRendererBuilt(PACKAGE_ROOT) });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const bytes = await xlsxBytes(rosterRows(generatePeople(rows, 2026)));
    await ws.app.invoke('roster.import', { fileName: 'bench.xlsx', base64: toBase64(bytes) });
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(host.url);
    const start = performance.now();
    await page.goto(`${host.url}#/people`);
    await page.getByTestId('people-count').filter({ hasText: '10,000' }).waitFor();
    await page.getByTestId('person-row').first().waitFor();
    console.log(`list shown with ${rows} rows after ${(performance.now() - start).toFixed(0)} ms`);

    const idle = await frameIntervals(page, () => page.waitForTimeout(2000));
    const table = page.getByTestId('people-table');
    const box = (await table.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // A mouse wheel's notches (100 px each, 60 a second), then a fling (1,200 px each): top to bottom and back.
    const scroll = (step: number, count: number) =>
      frameIntervals(page, async () => {
        for (let i = 0; i < count; i++) {
          await page.mouse.wheel(0, i < count / 2 ? step : -step);
          await page.waitForTimeout(16);
        }
      });
    const notches = await scroll(100, 300);
    const fling = await scroll(1200, 300);
    const rendered = await page.getByTestId('person-row').count();
    console.log(`idle (anchor)      ${show(idle)}`);
    console.log(`wheel, 100 px      ${show(notches)}   p95 ratio to idle ${(notches.p95 / idle.p95).toFixed(2)}`);
    console.log(`fling, 1200 px     ${show(fling)}   p95 ratio to idle ${(fling.p95 / idle.p95).toFixed(2)}`);
    console.log(`rows in the DOM while showing ${rows}: ${rendered}`);
  } finally {
    await browser.close();
    await host.close();
    ws.cleanup();
  }
}
