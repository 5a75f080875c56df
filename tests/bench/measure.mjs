// One measurement = one fresh tab loading one page: wait until the content script says it is idle, read its
// User Timing entries, the frames and the marks, then measure the limit in the same page load, count DOM
// nodes, read the JS heap (Chromium) and, with the extension, time switching it off.
import { blockRemoteRequests } from '../harness/browsers.mjs';
import { waitForMarksSettled } from '../harness/mentions.mjs';
import { measureBatchLimits, measurePageLimit, measureWrapper } from './limit.mjs';
import {
  MARK_SELECTOR, inExtensionPatchSettings, inPageArmCardProbe, inPageArmUnmarkProbe, inPageCardVisible, inPageCollect, inPageFeed,
  inPageFrameMonitor, inPageNodeCount, inPageState,
} from './in-page.mjs';

/**
 * @typedef {object} MeasureOptions
 * @property {string} pattern        the limit's RegExp source
 * @property {number} limitSamples
 * @property {boolean} corpus        corpus page: block remote requests, wait for DOMContentLoaded only
 * @property {string} origin         the server's origin (allowed when blocking remote requests)
 * @property {number} [timeoutMs]
 */

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** A desktop window (puppeteer's default is 800×600). */
export const VIEWPORT = { width: 1280, height: 800 };

/**
 * Polls an in-page function until it returns `want` (page.waitForFunction's polling differs between
 * CDP and BiDi; this is the same in both). Returns false on timeout.
 * @param {import('puppeteer-core').Page} page
 * @param {() => unknown} fn
 * @param {unknown} want
 * @param {number} timeoutMs
 */
async function pollUntil(page, fn, want, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if ((await page.evaluate(fn)) === want) return true;
    if (Date.now() > until) return false;
    await sleep(50);
  }
}

/**
 * Opens a tab with the frame monitor installed and loads url.
 * @param {import('./launch.mjs').BenchBrowser} bb
 * @param {string} url
 * @param {MeasureOptions} options
 */
async function openPage(bb, url, { corpus, origin, timeoutMs = 90_000 }) {
  const page = await bb.browser.newPage();
  await page.setViewport(VIEWPORT);
  if (corpus) await blockRemoteRequests(page, [origin]);
  await page.evaluateOnNewDocument(inPageFrameMonitor, bb.name === 'chromium');
  // Corpus pages: not 'load', which blocked remote images could hold (as npm run eval does).
  await page.goto(url, { waitUntil: corpus ? 'domcontentloaded' : 'load', timeout: timeoutMs });
  return page;
}

/**
 * Waits until the content script has finished all pending work: dataset.backstoryState 'idle' and a
 * backstory:idle mark at or after `since`, still so 150 ms later. When the page shows no instrumentation
 * at all graceMs after it has loaded, falls back to waiting for the mark count to settle.
 * @param {import('puppeteer-core').Page} page
 * @param {{ since?: number, timeoutMs?: number, graceMs?: number }} [options]
 * @returns {Promise<{ instrumented: boolean, settled: boolean }>}
 */
export async function waitForIdle(page, { since = 0, timeoutMs = 90_000, graceMs = 5000 } = {}) {
  const start = Date.now();
  let completeAt = 0;
  for (;;) {
    const s = await page.evaluate(inPageState, MARK_SELECTOR, since);
    if (s.state === 'idle' && s.idleAfter > 0) {
      await sleep(150);
      const again = await page.evaluate(inPageState, MARK_SELECTOR, since);
      if (again.state === 'idle') return { instrumented: true, settled: true };
      continue;
    }
    if (s.complete && !completeAt) completeAt = Date.now();
    if (completeAt && Date.now() - completeAt > graceMs && s.state === null && s.entries === 0) {
      const r = await waitForMarksSettled(page, { quietMs: 1000, timeoutMs: Math.max(1000, timeoutMs - (Date.now() - start)) });
      return { instrumented: false, settled: r.settled };
    }
    if (Date.now() - start > timeoutMs) return { instrumented: s.entries > 0, settled: false };
    await sleep(50);
  }
}

/**
 * Lets the garbage of the page load and the extension's work be collected before the limit is timed, so
 * a collection does not land in one of its few samples: Chromium collects on request (CDP); Firefox
 * gets a quiet moment.
 * @param {import('./launch.mjs').BenchBrowser} bb
 * @param {import('puppeteer-core').Page} page
 */
async function quietBeforeLimit(bb, page) {
  if (bb.name !== 'chromium') return sleep(250);
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** JS heap in use after a full garbage collection, with its ArrayBuffers (Chromium only; the isolate holds the content script too). */
async function heapUsed(page) {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    // The JS heap and the memory of its ArrayBuffers (typed arrays live outside the heap: the automaton's do).
    const usage = await cdp.send('Runtime.getHeapUsage').catch(() => null);
    if (usage && typeof usage.backingStorageSize === 'number') return usage.usedSize + usage.backingStorageSize;
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Switches Backstory off from its own page and times what the content script does about it: the
 * backstory:task entries from the switch until the marks are gone and the task count is still for 300 ms.
 * Also, from outside: when the marks were gone, counted from the switch (an upper bound; see the probe).
 * @param {import('puppeteer-core').Page} page
 * @param {import('puppeteer-core').Page} extPage
 */
async function switchOff(page, extPage) {
  const t0 = await page.evaluate(inPageArmUnmarkProbe, MARK_SELECTOR);
  await extPage.evaluate(inExtensionPatchSettings, { enabled: false });
  const until = Date.now() + 20_000;
  let count = -1;
  let stableSince = Date.now();
  for (;;) {
    const s = await page.evaluate((sel, since) => ({
      marks: document.querySelectorAll(sel).length,
      tasks: performance.getEntriesByName('backstory:task').filter((e) => e.startTime >= since).map((e) => [e.startTime, e.duration]),
      unmark: window.__benchUnmark,
    }), MARK_SELECTOR, t0);
    if (s.tasks.length !== count) { count = s.tasks.length; stableSince = Date.now(); }
    // Not the state: a run cut short by the switch may leave it 'busy' (no idle mark after an abort).
    const quiet = s.marks === 0 && Date.now() - stableSince >= 300;
    if (quiet || Date.now() > until) {
      const { first, last, removed } = s.unmark;
      return { tasks: s.tasks, marksLeft: s.marks, settled: quiet, since: t0, removed,
        goneAfterMs: last === null ? null : last - t0, firstGoneAfterMs: first === null ? null : first - t0 };
    }
    await sleep(50);
  }
}

/**
 * Loads a static page (generated or corpus) and measures it.
 * @param {import('./launch.mjs').BenchBrowser} bb
 * @param {string} url
 * @param {MeasureOptions & { extPage?: import('puppeteer-core').Page|null }} options
 *   extPage: an extension page of bb (with the extension: the switch-off is measured through it)
 */
export async function measureLoad(bb, url, options) {
  const withExtension = Boolean(bb.extensionOrigin);
  const page = await openPage(bb, url, options);
  try {
    const wait = withExtension ? await waitForIdle(page, { timeoutMs: options.timeoutMs }) : await quietAfterLoad(page);
    const run = await page.evaluate(inPageCollect, MARK_SELECTOR);
    await quietBeforeLimit(bb, page);
    const limit = await measurePageLimit(page, { pattern: options.pattern, samples: options.limitSamples });
    const nodes = await page.evaluate(inPageNodeCount);
    const heap = bb.name === 'chromium' ? await heapUsed(page) : null;
    const off = withExtension && options.extPage ? await switchOff(page, options.extPage) : null;
    return { wait, run, limit, nodes, heap, off };
  } finally {
    await page.close().catch(() => {});
    if (withExtension && options.extPage) await options.extPage.evaluate(inExtensionPatchSettings, { enabled: true });
  }
}

/** Without the extension: the page has loaded and a moment has passed (what the content script would get). */
/**
 * A load of a page without the extension for the hand-written wrapper alone (see limit.mjs), in one world.
 * @param {import('./launch.mjs').BenchBrowser} bb
 * @param {string} url
 * @param {MeasureOptions & { world: 'page'|'script' }} options
 */
export async function measureWrapperLoad(bb, url, options) {
  const page = await openPage(bb, url, options);
  try {
    await quietAfterLoad(page);
    return await measureWrapper(page, { pattern: options.pattern, world: options.world });
  } finally {
    await page.close().catch(() => {});
  }
}

async function quietAfterLoad(page) {
  await pollUntil(page, () => document.readyState === 'complete', true, 60_000);
  await sleep(500);
  return { instrumented: false, settled: true };
}

/**
 * The infinite-scroll page: waits for the first idle (or the load), starts the page's feed, waits for its
 * last batch and the content script's idle after it, then measures the limit per batch.
 * @param {import('./launch.mjs').BenchBrowser} bb
 * @param {string} url
 * @param {MeasureOptions} options
 */
export async function measureScroll(bb, url, options) {
  const withExtension = Boolean(bb.extensionOrigin);
  const page = await openPage(bb, url, options);
  try {
    const initial = withExtension ? await waitForIdle(page, { timeoutMs: options.timeoutMs }) : await quietAfterLoad(page);
    const startedAt = await page.evaluate(() => { window.benchFeed.start(); return performance.now(); });
    if (!(await pollUntil(page, () => window.benchFeed.done, true, 60_000))) throw new Error('the feed did not finish');
    const feed = await page.evaluate(inPageFeed);
    const lastBatch = feed.batches[feed.batches.length - 1].start;
    const wait = withExtension ? await waitForIdle(page, { since: lastBatch, timeoutMs: 30_000 }) : await quietAfterLoad(page);
    const run = await page.evaluate(inPageCollect, MARK_SELECTOR);
    await quietBeforeLimit(bb, page);
    const limit = await measurePageLimit(page, { pattern: options.pattern, samples: options.limitSamples });
    await quietBeforeLimit(bb, page);
    const batchLimits = withExtension ? await measureBatchLimits(page, { pattern: options.pattern, samples: options.limitSamples }) : null;
    const nodes = await page.evaluate(inPageNodeCount);
    const heap = bb.name === 'chromium' ? await heapUsed(page) : null;
    return { wait: { ...wait, initial }, startedAt, feed, run, limit, batchLimits, nodes, heap };
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Card-show latency (test build: open shadow root): hovers `hovers` marks spread over the page, each time
 * timing pointerover → first frame with the card visible. Sets the hover delay to 0 in this browser's
 * storage: the figure is the card's own cost, not the deliberate hover-intent wait (300 ms by default).
 * @param {import('./launch.mjs').BenchBrowser} bb
 * @param {string} url
 * @param {MeasureOptions & { extPage: import('puppeteer-core').Page, hovers: number }} options
 */
export async function measureCard(bb, url, options) {
  await options.extPage.evaluate(inExtensionPatchSettings, { hoverDelayMs: 0 });
  const page = await openPage(bb, url, options);
  try {
    const wait = await waitForIdle(page, { timeoutMs: options.timeoutMs });
    await quietBeforeLimit(bb, page);
    const limit = await measurePageLimit(page, { pattern: options.pattern, samples: options.limitSamples });
    const marks = await page.$$(MARK_SELECTOR);
    const shows = [];
    for (let i = 0; i < options.hovers && marks.length; i++) {
      const mark = marks[Math.floor((i * marks.length) / options.hovers)];
      await page.mouse.move(1, 1);
      await page.evaluate(inPageArmCardProbe, MARK_SELECTOR);
      await mark.hover();
      shows.push(await page.evaluate(() => window.__benchCard));
      await page.keyboard.press('Escape');
      await page.mouse.move(1, 1);
      await pollUntil(page, inPageCardVisible, false, 5000);
    }
    return { wait, limit, shows };
  } finally {
    await page.close().catch(() => {});
  }
}
