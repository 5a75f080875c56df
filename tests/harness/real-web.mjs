// Helpers for the real-web e2e tests (tests/e2e/dynamic.test.ts, hostile.test.ts, real-web.test.ts): pages that
// change after load, frameworks, editable areas, frames and pages that fight back. Everything here drives the
// page from outside or reads it; in-page functions are self-contained (page.evaluate serialises them).
import path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from './browsers.mjs';

/** The fixtures' folder, served as the server's root. */
export const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/real-web');

/** Every mark of the extension (same selector as tests/harness/mentions.mjs). */
export const MARK = 'mark[data-entity][data-mention]';

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Bundles tests/fixtures/real-web/react-app.tsx with React 19 (development build: it checks more and says so
 * on the console) into one script, in memory.
 * @returns {Promise<string>}
 */
export async function bundleReactApp() {
  const out = await esbuild.build({
    entryPoints: [path.join(FIXTURES, 'react-app.tsx')], bundle: true, write: false, format: 'iife',
    jsx: 'automatic', target: ['chrome120', 'firefox128'], logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  return out.outputFiles[0].text;
}

/**
 * Collects what goes wrong in a page from now on: uncaught errors and console errors (and, for the record,
 * console warnings, which React uses for some problems).
 * @param {import('puppeteer-core').Page} page
 */
export function watchErrors(page) {
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const warnings = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e?.message ?? e}`));
  page.on('console', (msg) => {
    // A favicon the test server does not have is the browser's request, not the page's error.
    if (msg.type() === 'error' && /\/favicon\.ico$/u.test(msg.location()?.url ?? '')) return;
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    else if (msg.type() === 'warn') warnings.push(msg.text());
  });
  return { errors, warnings };
}

/**
 * Records every request a page makes (all frames), so a test can see that none leaves the test server.
 * @param {import('puppeteer-core').Page} page
 * @returns {string[]}
 */
export function watchRequests(page) {
  /** @type {string[]} */
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/**
 * Opens a URL in a new tab of the session, watching its errors and adding every request it makes to
 * `requests` (once the tab closes), so a test can check that none left the test server.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {{ width: number, height: number }} viewport
 * @param {string[]} requests
 */
export async function openWatched(browser, url, viewport, requests) {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const seen = watchRequests(page);
  page.once('close', () => requests.push(...seen));
  await page.setViewport(viewport);
  await page.goto(url);
  return { page, errors };
}

/** Polls probe() until it returns a truthy value (errors count as not yet); returns it. */
export async function until(what, probe, { timeoutMs = 10_000, intervalMs = 50 } = {}) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last?.message ?? JSON.stringify(last))})`);
    await sleep(intervalMs);
  }
}

/**
 * Waits until the content script of a page that opts in with <html data-backstory-bench> says it is idle and
 * the marks in the document have stopped changing for quietMs.
 * @param {import('puppeteer-core').Page | import('puppeteer-core').Frame} page
 */
export async function waitIdle(page, { quietMs = 400, timeoutMs = 15_000 } = {}) {
  const start = Date.now();
  let last = '';
  let since = Date.now();
  for (;;) {
    const s = await page.evaluate((sel) => ({
      state: document.documentElement.dataset.backstoryState ?? null,
      marks: document.querySelectorAll(sel).length,
      tasks: performance.getEntriesByName('backstory:task').length,
    }), MARK);
    const key = `${s.state}/${s.marks}/${s.tasks}`;
    if (key !== last) { last = key; since = Date.now(); }
    if (s.state === 'idle' && Date.now() - since >= quietMs) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`content script not idle after ${timeoutMs} ms (${key})`);
    await sleep(50);
  }
}

/**
 * The extension's work in a page over a window of wall time, from its `backstory:task` measures (one per
 * slice; pages opt in with <html data-backstory-bench>): the number of slices and their summed duration.
 * @param {import('puppeteer-core').Page} page
 * @param {number} ms
 * @param {{ fromLoad?: boolean }} [options] fromLoad: the window is the first `ms` of the page's timeline
 */
export async function workDuring(page, ms, { fromLoad = false } = {}) {
  const from = fromLoad ? 0 : await page.evaluate(() => performance.now());
  await sleep(fromLoad ? Math.max(0, ms - await page.evaluate(() => performance.now())) : ms);
  return page.evaluate((t0) => {
    const t1 = performance.now();
    const tasks = performance.getEntriesByName('backstory:task').filter((e) => e.startTime >= t0 && e.startTime < t1);
    const total = tasks.reduce((s, e) => s + e.duration, 0);
    // Per whole second of the window, the busiest one: the budget is per second.
    const perSecond = [];
    for (let s = t0; s < t1 - 100; s += 1000) {
      perSecond.push(tasks.filter((e) => e.startTime >= s && e.startTime < s + 1000).reduce((a, e) => a + e.duration, 0));
    }
    return { slices: tasks.length, totalMs: total, windowMs: t1 - t0, perSecond, longest: Math.max(0, ...tasks.map((e) => e.duration)) };
  }, from);
}

/**
 * The mentions marked inside each element matched by selector (in the page, or inside a shadow root when
 * `host` names its host element): per element, the mention texts in order (pieces joined).
 * @param {import('puppeteer-core').Page | import('puppeteer-core').Frame} page
 * @param {string} selector
 * @returns {Promise<string[][]>}
 */
export function mentionsIn(page, selector, host = null) {
  return page.evaluate((sel, mark, hostSel) => {
    const root = hostSel ? document.querySelector(hostSel).shadowRoot : document;
    return [...root.querySelectorAll(sel)].map((el) => {
      const groups = new Map();
      for (const m of el.querySelectorAll(mark)) {
        const id = m.getAttribute('data-mention');
        groups.set(id, (groups.get(id) ?? '') + m.textContent);
      }
      return [...groups.values()];
    });
  }, selector, MARK, host);
}

/** Reads data-expect (a JSON array of mention texts, in order) of each element matched by selector. */
export function expectedIn(page, selector) {
  return page.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => JSON.parse(el.getAttribute('data-expect') ?? '[]')), selector);
}

/**
 * Switches Backstory on or off by writing its settings into extension storage from one of its own pages,
 * as the popup does. The session must come from launchWithExtension(..., { firefoxUuid }) in Firefox.
 * @param {{ browser: import('puppeteer-core').Browser, name: string, extensionOrigin: string|null }} session
 * @param {boolean} enabled
 */
export async function setEnabled(session, enabled) {
  if (!session.extensionOrigin) throw new Error('no extension origin: launch Firefox with firefoxUuid');
  const page = await session.browser.newPage();
  try {
    const url = `${session.extensionOrigin}article.html`;
    if (session.name === 'chromium') await page.goto(url);
    else {
      // Firefox's driver never reports the load of a moz-extension:// page: ask the page itself.
      void page.goto(url, { timeout: 60_000 }).catch(() => undefined);
      await until('the extension page to load', () => page.evaluate((u) => location.href === u && document.readyState === 'complete', url));
    }
    await page.evaluate(async (on) => {
      const api = globalThis.browser ?? globalThis.chrome;
      await api.storage.local.set({ settings: { enabled: on } });
    }, enabled);
  } finally {
    await page.close();
  }
}

/**
 * Paths of the test server's request log that are not in `allowed` (and not /favicon.ico, which browsers ask
 * for by themselves).
 * @param {string[]} requests server.requests
 * @param {Iterable<string>} allowed paths, e.g. '/infinite.html'
 */
export function unexpectedRequests(requests, allowed) {
  const ok = new Set([...allowed, '/favicon.ico']);
  return requests.filter((r) => !ok.has(new URL(r, 'http://x').pathname));
}

/**
 * Requests seen by the driver that go anywhere but the test server (data:, blob: and about: excepted).
 * @param {string[]} urls
 * @param {string} origin server.origin
 */
export function foreignRequests(urls, origin) {
  return urls.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob|about):/u.test(u));
}
