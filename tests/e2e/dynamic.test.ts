// Content that arrives or changes after load, in Chromium and Firefox: an infinite-scroll feed, a single-page
// app that swaps its view on history.pushState, text revealed by a click, a React 19 app whose state rewrites
// text that names the entities, and a plain page that writes through text nodes it kept. New text is marked
// (exactly what each element says it holds), the page always shows exactly the text it wrote, nothing throws,
// and the extension's own marks never make it work again (no `backstory:task` over a quiet second).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { browserDistDir, launchWithExtension } from '../harness/browsers.mjs';
import { startServer } from '../harness/server.mjs';
import {
  FIXTURES, MARK, bundleReactApp, expectedIn, foreignRequests, mentionsIn, sleep, unexpectedRequests, until, waitIdle,
  openWatched, watchErrors, workDuring,
} from '../harness/real-web.mjs';
import { waitForCard } from './card-helpers';
import { BROWSERS } from './browsers';

const root = process.env['BACKSTORY_ROOT']!;
const artifacts = path.join(root, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });

/** Longest first: what a mention-free reader of the text would call the names in it (an oracle for React). */
const NAMES = ['Emmanuel Macron', 'Macron', 'Trend Micro', 'Pawn Storm', 'Fancy Bear', 'Sednit', 'Tsar Team'];
function namesIn(text: string): string[] {
  const found: { at: number; name: string }[] = [];
  let rest = text;
  for (const name of NAMES) {
    for (let at = rest.indexOf(name); at >= 0; at = rest.indexOf(name, at + 1)) {
      found.push({ at, name });
      rest = rest.slice(0, at) + '\u0000'.repeat(name.length) + rest.slice(at + name.length);
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}

describe.each(BROWSERS)('%s: content that arrives later', (browserName) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let session: Awaited<ReturnType<typeof launchWithExtension>>;
  let page: Page;
  let errors: ReturnType<typeof watchErrors>;
  const driverRequests: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${browserName}-${name}.png`) as `${string}.png` });

  const open = async (file: string) => {
    ({ page, errors } = await openWatched(session.browser, server.url(file), { width: 1000, height: 700 }, driverRequests));
    await waitIdle(page);
  };
  /** Waits until every element matched says (data-expect) exactly what is marked in it; returns both. */
  const settle = async (selector: string, timeoutMs = 5000) => {
    let actual: string[][] = [];
    let expected: string[][] = [];
    await until(`marks in ${selector} to match data-expect`, async () => {
      [actual, expected] = await Promise.all([mentionsIn(page, selector), expectedIn(page, selector)]);
      return JSON.stringify(actual) === JSON.stringify(expected);
    }, { timeoutMs }).catch(() => undefined);
    return { actual, expected };
  };

  beforeAll(async () => {
    server = await startServer({ root: FIXTURES });
    server.page('/react-app.js', await bundleReactApp(), { contentType: 'text/javascript; charset=utf-8' });
    session = await launchWithExtension(browserName, browserDistDir(browserName, { variant: 'test' }));
  });
  afterEach(async () => {
    await page?.close().catch(() => undefined);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('infinite scroll: every story appended in batches every 100 ms is marked, exactly; then no more work', async () => {
    await open('infinite.html');
    expect(await page.$$eval(MARK, (m) => m.length)).toBe(0); // the page as loaded names nobody
    await page.evaluate(() => (window as unknown as { startFeed(): void }).startFeed());
    await until('the feed to finish', () => page.evaluate(() => (window as unknown as { feedDone: boolean }).feedDone), { timeoutMs: 15_000 });
    await waitIdle(page);
    const { actual, expected } = await settle('#feed .story');
    expect(expected.length).toBe(101);
    expect(actual).toEqual(expected);
    const total = expected.flat().length;
    expect(total).toBeGreaterThan(60);
    expect(await page.$$eval(`#feed ${MARK}`, (m) => new Set(m.map((x) => x.getAttribute('data-mention'))).size)).toBe(total);
    await shot('infinite-scroll');

    // Settled: a quiet second costs nothing, even while a card opens and closes (our own DOM changes).
    const quiet = await workDuring(page, 1000);
    expect(quiet.slices).toBe(0);
    const t0 = await page.evaluate(() => performance.now());
    await page.$eval(`#story-0 ${MARK}`, (m) => m.scrollIntoView({ block: 'center' }));
    await page.hover(`#story-0 ${MARK}`);
    await waitForCard(page, true);
    await page.keyboard.press('Escape');
    await waitForCard(page, false);
    await sleep(1000);
    const after = await page.evaluate((from) => ({
      slices: performance.getEntriesByName('backstory:task').filter((e) => e.startTime >= from).length,
      state: document.documentElement.dataset['backstoryState'],
    }), t0);
    expect(after).toEqual({ slices: 0, state: 'idle' });
    expect(errors.errors).toEqual([]);
  });

  it('single-page app: each view pushed with history.pushState is marked exactly, and the old one leaves no marks', async () => {
    await open('spa.html');
    expect(await settle('#view p')).toMatchObject({ actual: [['Pawn Storm'], []] });
    const routes: [string, number][] = [['groups', 6], ['people', 2], ['empty', 0]];
    for (const [route, count] of routes) {
      await page.click(`nav a[data-route="${route}"]`);
      expect(await page.evaluate(() => location.search)).toBe(`?route=${route}`);
      const { actual, expected } = await settle('#view p');
      expect(actual).toEqual(expected);
      await waitIdle(page);
      // Marks anywhere in the document: only the current view's.
      expect(await page.$$eval(MARK, (m) => new Set(m.map((x) => x.getAttribute('data-mention'))).size)).toBe(count);
      if (route === 'groups') await shot('spa-groups');
    }
    await page.goBack();
    expect(await page.evaluate(() => (window as unknown as { rendered: string }).rendered)).toBe('people');
    expect((await settle('#view p')).actual).toEqual([['Emmanuel Macron', 'Macron']]);
    await waitIdle(page);
    expect((await workDuring(page, 1000)).slices).toBe(0);
    expect(errors.errors).toEqual([]);
  });

  it('text revealed by a click (un-hidden, inserted, innerHTML, <details>, a class) is marked and visible', async () => {
    await open('reveal.html');
    expect((await settle('#intro')).actual).toEqual([['Pawn Storm']]);
    // Nothing in the parts still to load.
    expect(await mentionsIn(page, '#comments, #quoted')).toEqual([[], []]);
    const steps: [string, string][] = [
      ['#more', '#rest p'], ['#load', '#comments'], ['#quote', '#quoted'], ['#details summary', '#details p'], ['#css', '#css-part p'],
    ];
    for (const [button, part] of steps) {
      await page.click(button);
      const { actual, expected } = await settle(part);
      expect(actual, part).toEqual(expected);
      expect(expected.flat().length).toBeGreaterThan(0);
      const boxes = await page.$$eval(`${part} ${MARK}`, (ms) => ms.map((m) => {
        const r = m.getBoundingClientRect();
        return { w: r.width, h: r.height, display: getComputedStyle(m).display };
      }));
      for (const b of boxes) {
        expect(b.display, part).toBe('inline');
        expect(b.w * b.h, part).toBeGreaterThan(0);
      }
    }
    expect(await page.$$eval(`#quoted ${MARK}`, (m) => m.map((x) => x.textContent))).toEqual(['Trend', ' Micro']);
    await shot('revealed');
    await waitIdle(page);
    expect((await workDuring(page, 1000)).slices).toBe(0);
    expect(errors.errors).toEqual([]);
  });

  it('React 19: the app shows exactly what its state says while it updates, throws nothing, and keeps its mentions marked', async () => {
    await open('react.html');
    type Exp = { texts: Record<string, string>; items: string[]; commits: number };
    const read = () => page.evaluate(() => {
      const exp = (window as unknown as { __expected: Exp }).__expected;
      const texts = Object.fromEntries(Object.keys(exp.texts).map((id) => [id, document.getElementById(id)!.textContent]));
      const items = [...document.querySelectorAll('#list li')].map((li) => li.textContent);
      return { expected: exp, texts, items };
    });
    const check = async () => {
      const s = await read();
      expect(s.texts).toEqual(s.expected.texts);
      expect(s.items).toEqual(s.expected.items);
      return s;
    };
    /** Every element's mentions, against the names its expected text holds (all elements in one comparison). */
    const marksNow = async () => {
      const s = await read();
      const actual: Record<string, string[][]> = {};
      const wanted: Record<string, string[][]> = {};
      for (const [id, text] of Object.entries(s.expected.texts)) {
        actual[`#${id} "${text}"`] = await mentionsIn(page, `#${id}`);
        wanted[`#${id} "${text}"`] = [namesIn(text)];
      }
      actual['#list li'] = await mentionsIn(page, '#list li');
      wanted['#list li'] = s.expected.items.map(namesIn);
      return { actual, wanted };
    };
    const checkMarks = async () => {
      const { actual, wanted } = await marksNow();
      expect(actual).toEqual(wanted);
    };
    await check();
    await until('the first marks', async () => (await mentionsIn(page, '#headline'))[0]!.length > 0);
    await waitIdle(page);
    await checkMarks();

    // Clicks: one update at a time, each one marked again.
    for (let k = 0; k < 3; k++) {
      await page.click('#inc');
      await check();
      await waitIdle(page);
      await check();
      await checkMarks();
    }
    await shot('react-clicks');

    // A timer: setState every 120 ms for 3 s; sample what the page shows all along.
    await page.evaluate(() => (window as unknown as { __app: { start(): void } }).__app.start());
    const seen = new Set<number>();
    const mismatches: unknown[] = [];
    const end = Date.now() + 3000;
    while (Date.now() < end) {
      const s = await read();
      seen.add(s.expected.commits);
      if (JSON.stringify(s.texts) !== JSON.stringify(s.expected.texts) || JSON.stringify(s.items) !== JSON.stringify(s.expected.items)) {
        mismatches.push({ shows: s.texts, items: s.items, expected: s.expected });
      }
      await sleep(60);
    }
    await page.evaluate(() => (window as unknown as { __app: { stop(): void } }).__app.stop());
    expect(mismatches).toEqual([]);
    expect(seen.size).toBeGreaterThan(10); // it did update, many times
    await check();
    expect(errors.errors).toEqual([]);
    // Once the app rests, every mention its text holds is marked again.
    await until('marks after the updates', async () => {
      const { actual, wanted } = await marksNow();
      return JSON.stringify(actual) === JSON.stringify(wanted);
    }, { timeoutMs: 3000 }).catch(() => undefined);
    await shot('react-after-timer');
    await checkMarks();
  });

  it('a page that writes through a text node the extension split shows exactly what it wrote, and that is marked', async () => {
    await open('nodevalue.html');
    expect(await page.evaluate(() => (window as unknown as { __marksAtParse: number }).__marksAtParse)).toBe(0);
    expect((await mentionsIn(page, '#plain, #mid, #control'))).toEqual([['Pawn Storm', 'Emmanuel Macron'], ['Trend Micro'], ['Fancy Bear']]);
    // The node the page kept is now the text before the first mark: the extension split it.
    expect(await page.evaluate(() => (window as unknown as { __plain: Text }).__plain.parentElement!.childNodes.length)).toBeGreaterThan(1);

    const writes = ['new text with Trend Micro', 'then Macron again', 'and nothing at all'];
    for (const text of writes) {
      await page.evaluate((t) => {
        (window as unknown as { __plain: Text }).__plain.nodeValue = t;
      }, text);
      // Right after the write (the repair runs as the mutation is observed)…
      expect(await page.$eval('#plain', (p) => p.textContent)).toBe(text);
      // …and once the extension has read it again.
      await waitIdle(page);
      expect(await page.$eval('#plain', (p) => p.textContent)).toBe(text);
      expect((await mentionsIn(page, '#plain'))[0]).toEqual(namesIn(text));
    }
    // The page removes the node it kept: nothing of its old text may stay behind.
    await page.evaluate(() => (window as unknown as { __mid: Text }).__mid.remove());
    expect(await page.$eval('#mid', (p) => p.textContent)).toBe('');
    await waitIdle(page);
    expect(await page.$eval('#mid', (p) => p.textContent)).toBe('');
    expect(await mentionsIn(page, '#mid, #control')).toEqual([[], ['Fancy Bear']]);
    expect(errors.errors).toEqual([]);
  });

  it('makes no network request: the server saw only the pages and their own script', async () => {
    await page?.close().catch(() => undefined);
    expect(server.requests.length).toBeGreaterThanOrEqual(5);
    expect(unexpectedRequests(server.requests, ['/infinite.html', '/spa.html', '/reveal.html', '/react.html', '/react-app.js', '/nodevalue.html'])).toEqual([]);
    expect(driverRequests.length).toBeGreaterThanOrEqual(5);
    expect(foreignRequests(driverRequests, server.origin)).toEqual([]);
  });
});
