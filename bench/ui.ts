// Benchmarks through the real UI: the built renderer in Debian's Chromium against the
// browser host (`src/web-host`), as `npm run web` runs it.
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startHost, type Host } from '../tests/e2e/host';
import { log, percentile, type Metric } from './lib/metrics';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

async function openQueue(page: Page, url: string): Promise<void> {
  // tsx keeps function names with a helper the page does not have; functions passed to
  // page.evaluate need it defined there.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(url);
  await page.waitForSelector('.app[data-ready=true] [data-testid=detail]:not([data-item-id=""])');
}

function failOnErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return problems;
}

/**
 * queue.next_ms_p95: from the decision keystroke (the keydown event's own timestamp) to the
 * end of the first painted frame in which the detail pane shows the next item.
 */
export async function queueNext(browser: Browser, dir: string, items: number, decisions = 300): Promise<Metric[]> {
  const host = await startHost({ dataDir: dir });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems = failOnErrors(page);
  try {
    await openQueue(page, host.url);
    await page.evaluate(() => {
      const w = window as unknown as { __next: number[] };
      w.__next = [];
      const detail = () => document.querySelector<HTMLElement>('[data-testid=detail]');
      let shown = detail()?.dataset.itemId;
      let t0: number | null = null;
      // From the keydown, each frame posts a message that runs right after that frame is
      // painted; the first such message after the detail pane switched items ends the sample.
      // Registered before the app's own handler runs, it is the first work after the paint.
      const frame = () =>
        requestAnimationFrame(() => {
          // What this frame is about to paint; the message below runs once it is painted.
          const changed = detail()?.dataset.itemId !== shown;
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            if (t0 === null) return;
            if (changed) {
              w.__next.push(performance.now() - t0);
              shown = detail()?.dataset.itemId;
              t0 = null;
            } else frame();
          };
          ch.port2.postMessage(0);
        });
      window.addEventListener(
        'keydown',
        (e) => {
          t0 = e.timeStamp;
          frame();
        },
        true,
      );
    });
    const before = (await host.api<{ decisions: number }>('stats')).decisions;
    const keys = ['a', 'r', 'e', 's', 'f'];
    for (let i = 0; i < decisions; i++) {
      await page.keyboard.press(keys[i % keys.length]!);
      await page.waitForFunction((n) => (window as unknown as { __next: number[] }).__next.length >= n, i + 1, { polling: 'raf' });
      // A moderator reads before the next keystroke; 50 ms is far quicker than anyone reads.
      await page.waitForTimeout(50);
    }
    const samples = await page.evaluate(() => (window as unknown as { __next: number[] }).__next);
    // Writes go to the core one after another behind the screen: the last few may not have
    // started when the keys stop, so "nothing saving" alone can be read too early.
    let stored = 0;
    for (const end = Date.now() + 30_000; Date.now() < end; await page.waitForTimeout(100)) {
      await page.waitForSelector('[data-testid=save-state][data-saving="0"]');
      stored = (await host.api<{ decisions: number }>('stats')).decisions - before;
      if (stored >= decisions) break;
    }
    if (stored !== decisions) throw new Error(`${stored} decisions stored, expected ${decisions}`);
    if (problems.length) throw new Error(`the page logged errors: ${problems.join('; ')}`);
    return [
      {
        name: 'queue.next_ms_p95',
        value: percentile(samples, 95),
        unit: 'ms',
        note: `${decisions} keyboard decisions in Chromium, ${items.toLocaleString('en')} items; keydown to next item painted; p50 ${percentile(samples, 50).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms; target <= 16`,
      },
    ];
  } finally {
    await page.close();
    await host.stop();
  }
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * Renderer memory after scrolling through every item, against memory after the first page:
 * the list keeps a bounded window of rows, so the heap must not grow with what was seen.
 */
export async function scrollMemory(browser: Browser, dir: string, items: number): Promise<Metric[]> {
  const host = await startHost({ dataDir: dir });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems = failOnErrors(page);
  try {
    await openQueue(page, host.url);
    // The first page settled: counts, facets and the first details have arrived.
    await page.waitForSelector('.sidebar li, [data-testid=queues] li', { timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(1000);
    const cdp = await page.context().newCDPSession(page);
    const before = await heapUsed(cdp);
    const total = Number(await page.getByTestId('queue-list').getAttribute('data-total'));
    const scroller = page.locator('.qscroll');
    // The list holds a window of slots that moves as it nears an edge (slotWindow.ts), so its
    // scroll height is the window's, not the queue's: each stop scrolls on from where the list
    // is, until the last row is in view.
    const step = 400 * 44;
    const lastRow = () =>
      page.evaluate(() =>
        Math.max(-1, ...[...document.querySelectorAll<HTMLElement>('.qscroll .qrow[data-index]')].map((el) => Number(el.dataset.index))),
      );
    const maxSteps = Math.ceil((total * 44) / step) * 2 + 10;
    let steps = 0;
    let lastIndex = -1;
    while (lastIndex < total - 1 && steps < maxSteps) {
      await scroller.evaluate((el, by) => (el.scrollTop += by), step);
      // Each stop waits until the rows in view are real rows, not placeholders (nor none at all:
      // right after a long jump the list can draw an empty frame before it knows what is in view).
      await page.waitForFunction(
        () => !!document.querySelector('.qscroll .qrow[data-index]') && !document.querySelector('.qscroll .qrow.placeholder'),
        undefined,
        { polling: 'raf' },
      );
      steps++;
      lastIndex = await lastRow();
    }
    const after = await heapUsed(cdp);
    if (Number(lastIndex) !== total - 1) throw new Error(`scrolling ended at row ${lastIndex}, not ${total - 1}`);
    if (problems.length) throw new Error(`the page logged errors: ${problems.join('; ')}`);
    log(
      `heap: ${(before / 1e6).toFixed(1)} MB after the first page, ${(after / 1e6).toFixed(1)} MB after ${steps} scroll stops to row ${total.toLocaleString('en')}`,
    );
    return [
      {
        name: 'renderer.heap_mb_after_scroll',
        value: after / 1e6,
        unit: 'MB',
        baseline: before / 1e6,
        ratio: after / before,
        note: `JS heap after GC, after scrolling through ${items.toLocaleString('en')} items in ${steps} stops; baseline = after the first page; target ratio <= 1.5`,
      },
    ];
  } finally {
    await page.close();
    await host.stop();
  }
}

/**
 * Marks, in the page, the end of the first painted frame that shows an item in the detail
 * pane, as an epoch time (ms). Observed from inside, so the harness adds no polling of its own.
 */
const FIRST_ITEM_PROBE = `
  (() => {
    const mark = () => {
      const d = document.querySelector('[data-testid=detail]');
      return d && d.getAttribute('data-item-id') && document.querySelector('.app[data-ready=true]');
    };
    const watch = new MutationObserver(() => {
      if (!mark()) return;
      watch.disconnect();
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (window.__firstItemAt = performance.timeOrigin + performance.now());
        ch.port2.postMessage(0);
      });
    });
    document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { subtree: true, childList: true, attributes: true }));
  })();
`;

/**
 * startup.ms: from starting the host process on a large database to the end of the first
 * painted frame showing the first item of the queue with keys live, in an already running
 * browser (a new tab). Median of runs.
 */
export async function startup(browser: Browser, dir: string, items: number, runs = 3): Promise<Metric[]> {
  const totals: number[] = [];
  const hostOnly: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = Date.now();
    const host: Host = await startHost({ dataDir: dir });
    const tHost = Date.now();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = failOnErrors(page);
    try {
      await page.addInitScript(FIRST_ITEM_PROBE);
      await page.goto(host.url);
      const at = await page.waitForFunction(() => (window as unknown as { __firstItemAt?: number }).__firstItemAt, undefined, {
        polling: 100,
      });
      totals.push(((await at.jsonValue()) as number) - t0);
      hostOnly.push(tHost - t0);
      if (problems.length) throw new Error(`the page logged errors: ${problems.join('; ')}`);
    } finally {
      await page.close();
      await host.stop();
    }
  }
  log(`startup runs (ms): ${totals.map((t) => t.toFixed(0)).join(', ')}; host ready after ${hostOnly.map((t) => t.toFixed(0)).join(', ')}`);
  return [
    {
      name: 'startup.ms',
      value: percentile(totals, 50),
      unit: 'ms',
      note: `median of ${runs}: host process start to first queue item painted, keys live, ${items.toLocaleString('en')} items, new tab in a running Chromium; host ready (URL printed) after ${percentile(hostOnly, 50).toFixed(0)} ms; target <= 1000`,
    },
  ];
}
