// The popup and the options page, end to end in Chromium and Firefox. No driver can click a toolbar button,
// so the popup is opened as a page about a given tab (popup.html?tab=<id>), the tab having been opened from
// the extension so that its id is known. Checks: counts match the page, choosing a name opens its card there,
// the switches unmark the page and restore its text exactly, options apply to open tabs and persist, a
// corrupt stored value falls back, axe-core finds nothing, and host access withheld in Firefox is asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import pack from '../support/pack';
import { browserDistDir, launchWithExtension } from '../harness/browsers.mjs';
import { startServer } from '../harness/server.mjs';
import { collectMentions, countByEntity, waitForMarksSettled } from '../harness/mentions.mjs';
import { readCard, waitForCard } from './card-helpers';
import { BROWSERS } from './browsers';
import { FIREFOX_UUID, axeViolations, callApi, openExtensionPage, openTab, waitUntil, type Session } from './extension-pages';

const root = process.env['BACKSTORY_ROOT']!;
const artifacts = path.join(root, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`) as `${string}.png` });
const DEMO_COUNTS = { 'pawn-storm': 8, macron: 3, 'trend-micro': 2 };
const NO_MARKS = { 'pawn-storm': 0, macron: 0, 'trend-micro': 0 };

const marksIn = async (page: Page) => countByEntity(await collectMentions(page));
const waitForMarks = (page: Page, expected: Record<string, number>) =>
  waitUntil(`marks ${JSON.stringify(expected)}`, async () => JSON.stringify(await marksIn(page)) === JSON.stringify(expected));

interface PopupEntry { entity: string; name: string; count: number; about: string }
const readPopup = (popup: Page) => popup.evaluate(() => ({
  entries: [...document.querySelectorAll<HTMLElement>('#entities .entity')].map((b) => ({
    entity: b.dataset['entity']!, name: b.querySelector('.name')!.textContent!, count: Number(b.querySelector('.count')!.textContent),
    about: b.querySelector('.about')!.textContent!,
  })),
  listShown: !(document.getElementById('entities') as HTMLElement).hidden,
  message: document.getElementById('message')!.textContent!,
  host: document.getElementById('site')!.hidden ? null : document.getElementById('site-host')!.textContent,
  siteOn: (document.getElementById('site-on') as HTMLInputElement).checked,
  enabled: (document.getElementById('enabled') as HTMLInputElement).checked,
  accessShown: !document.getElementById('access')!.hidden,
}));
const popupCounts = (entries: PopupEntry[]) => Object.fromEntries(entries.map((e) => [e.entity, e.count]));

/** The page's body as the server sent it, parsed afresh: what the page must look like with no marks. */
const pristineBody = (page: Page) => page.evaluate(async () => {
  const html = await (await fetch(location.href)).text();
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const textNodes = (root: Node) => { let n = 0; const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); while (w.nextNode()) n++; return n; };
  return { html: body.innerHTML, text: body.textContent, textNodes: textNodes(body), nowHtml: document.body.innerHTML, nowText: document.body.textContent, nowTextNodes: textNodes(document.body) };
});

describe.each(BROWSERS)('%s popup and options', (browserName) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let session: Session;
  let ext: Page; // an extension page (the options page) from which tests use the extension's APIs
  let demo: Page;
  let demoTab: number;
  let popup: Page;
  const storedSettings = () => callApi<Record<string, unknown>>(ext, 'storage.local.get', 'settings').then((s) => s['settings']);
  const openPopup = async () => {
    await openExtensionPage(session, popup, `popup.html?tab=${demoTab}`);
    await popup.waitForSelector('#entities .entity', { timeout: 8000 });
  };
  // The options page draws the stored settings once it has read them: a style checked means all of it is drawn.
  const openOptions = async () => {
    await openExtensionPage(session, ext, 'options.html');
    await ext.waitForSelector('input[name="highlight-style"]:checked', { timeout: 8000 });
  };

  beforeAll(async () => {
    server = await startServer({ root: path.join(root, 'tests/fixtures') });
    session = await launchWithExtension(browserName, browserDistDir(browserName, { variant: 'test' }), { firefoxUuid: FIREFOX_UUID });
    ext = await session.browser.newPage();
    await openExtensionPage(session, ext, 'options.html');
    ({ tabId: demoTab, page: demo } = await openTab(session, ext, server.url('demo.html')));
    await demo.setViewport({ width: 1100, height: 800 });
    await waitForMarksSettled(demo);
    popup = await session.browser.newPage();
    await popup.setViewport({ width: 360, height: 520 });
    await openPopup();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('lists the names on the page with their counts and descriptions, as the toolbar badge counts them', async () => {
    const state = await readPopup(popup);
    expect(await marksIn(demo)).toEqual(DEMO_COUNTS);
    expect(popupCounts(state.entries)).toEqual(DEMO_COUNTS);
    expect(state.entries.map((e) => e.entity)).toEqual(['pawn-storm', 'macron', 'trend-micro']); // most mentioned first
    for (const entry of state.entries) {
      const card = pack.cards[entry.entity as keyof typeof pack.cards];
      expect(entry.name).toBe(card.name);
      expect(entry.about).toContain(card.description.text);
    }
    expect(state.host).toBe('127.0.0.1');
    expect(state.siteOn && state.enabled).toBe(true);
    expect(state.accessShown).toBe(false);
    expect(await callApi(ext, 'action.getBadgeText', { tabId: demoTab })).toBe('13');
    expect(await callApi(ext, 'action.getBadgeText', {})).toBe(''); // no access warning: access is granted
    expect(await callApi(ext, 'action.getTitle', { tabId: demoTab })).toMatch(/13/u);
  });

  // Chromium can open the real popup from the background (Firefox allows it only from a user gesture).
  it.runIf(browserName === 'chromium')('the toolbar popup itself is about the active tab', async () => {
    await demo.bringToFront();
    const worker = (await (await session.browser.waitForTarget((t) => t.type() === 'service_worker')).worker())!;
    await worker.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup: () => Promise<void> } } }).chrome.action.openPopup());
    const real = (await (await session.browser.waitForTarget((t) => t.url().endsWith('/popup.html'))).asPage())!;
    const state = await waitUntil('the toolbar popup', async () => {
      const s = await readPopup(real);
      return s.entries.length ? s : null;
    });
    expect(popupCounts(state.entries)).toEqual(DEMO_COUNTS);
    expect(state.host).toBe('127.0.0.1');
    await real.close();
  });

  it('choosing a name scrolls the page to its next mention and opens its card there', async () => {
    for (const id of ['macron', 'trend-micro'] as const) {
      await popup.bringToFront();
      await popup.click(`#entities [data-entity="${id}"]`);
      await demo.bringToFront();
      const card = await waitForCard(demo, true);
      expect(card!.name).toBe(pack.cards[id].name);
      // The mention it opened for is in view.
      const inView = await demo.evaluate((entity) => [...document.querySelectorAll(`mark[data-entity="${entity}"]`)].some((m) => {
        const r = m.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      }), id);
      expect(inView).toBe(true);
    }
    expect(await popup.$eval('#feedback', (f) => f.textContent)).toBe('');
    await demo.keyboard.press('Escape');
    await waitForCard(demo, false);
  });

  it('the keyboard shortcut\'s message (any name) moves from mention to mention in page order', async () => {
    // What the background sends on the next-mention command (src/background/commands.ts).
    const next = () => callApi<{ found: boolean }>(ext, 'tabs.sendMessage', demoTab, { type: 'showNextMention', params: { entity: null } }, { frameId: 0 });
    await demo.bringToFront();
    const inOrder = await demo.evaluate(() => {
      const ids = new Map<string, string>();
      for (const m of document.querySelectorAll<HTMLElement>('mark[data-mention]')) ids.set(m.dataset['mention']!, m.dataset['entity']!);
      return [...ids.values()];
    });
    const nameOf = (id: string) => pack.cards[id as keyof typeof pack.cards].name;
    const seen: string[] = [];
    for (let k = 0; k < 4; k++) {
      expect(await next()).toEqual({ found: true });
      // The content script opens the card before it answers, so the card read now is the new one.
      seen.push((await waitForCard(demo, true))!.name);
    }
    // Four consecutive mentions of the page (from wherever the last one shown was), wrapping at the end.
    const cycle = [...inOrder, ...inOrder].map(nameOf);
    expect(cycle.some((_, i) => seen.every((name, k) => cycle[i + k] === name)), `${seen.join(', ')} in ${inOrder.join(', ')}`).toBe(true);
    await demo.keyboard.press('Escape');
    await waitForCard(demo, false);
  });

  it('"On this site" off removes every mark and restores the page exactly; on brings them back', async () => {
    await popup.bringToFront();
    await popup.click('#site-on');
    await waitForMarks(demo, NO_MARKS);
    const page = await pristineBody(demo);
    expect(page.nowText).toBe(page.text);
    expect(page.nowHtml).toBe(page.html);
    expect(page.nowTextNodes).toBe(page.textNodes); // split text nodes were joined back, and no others
    expect(await readCard(demo)).toBeNull();
    await waitUntil('the popup to say it is off here', async () => (await readPopup(popup)).message.includes('127.0.0.1'));
    expect((await storedSettings() as { disabledSites: string[] }).disabledSites).toEqual(['127.0.0.1']);
    expect(await callApi(ext, 'action.getBadgeText', { tabId: demoTab })).toBe('');
    await shot(popup, `${browserName}-popup-site-off`);

    await popup.click('#site-on');
    await waitForMarks(demo, DEMO_COUNTS);
    await waitUntil('the popup list', async () => JSON.stringify(popupCounts((await readPopup(popup)).entries)) === JSON.stringify(DEMO_COUNTS));
  });

  it('the main switch turns Backstory off and on everywhere', async () => {
    await popup.click('#enabled');
    await waitForMarks(demo, NO_MARKS);
    const off = await waitUntil('the popup to say it is off', async () => {
      const s = await readPopup(popup);
      return !s.listShown && s.message ? s : null;
    });
    expect(off.enabled).toBe(false);
    expect(await popup.$eval('#site-on', (i) => (i as HTMLInputElement).disabled)).toBe(true);
    await popup.click('#enabled');
    await waitForMarks(demo, DEMO_COUNTS);
  });

  it('options: a name switched off loses its marks in open tabs at once, and stays off', async () => {
    await ext.bringToFront();
    await ext.click('#entity-macron');
    await waitForMarks(demo, { ...DEMO_COUNTS, macron: 0 });
    await waitUntil('the popup to drop macron', async () => !(await readPopup(popup)).entries.some((e) => e.entity === 'macron'));
    await openOptions();
    expect(await ext.$eval('#entity-macron', (i) => (i as HTMLInputElement).checked)).toBe(false);
    expect(await ext.$eval('#entity-trend-micro', (i) => (i as HTMLInputElement).checked)).toBe(true);
    await ext.click('#entity-macron');
    await waitForMarks(demo, DEMO_COUNTS);
  });

  it('options: highlight style, hover delay and the site list are saved and shown again', async () => {
    await ext.click('input[name="highlight-style"][value="underline"]');
    await ext.focus('#delay');
    await ext.keyboard.press('ArrowRight');
    await ext.keyboard.press('ArrowRight');
    expect(await ext.$eval('#delay-value', (o) => o.textContent)).toBe('400 ms');

    await ext.type('#site-input', 'not a site');
    await ext.keyboard.press('Enter');
    expect(await ext.$eval('#site-error', (e) => e.textContent)).not.toBe('');
    expect(await ext.$eval('#site-input', (e) => e.getAttribute('aria-invalid'))).toBe('true');
    await ext.$eval('#site-input', (e) => { (e as HTMLInputElement).value = ''; });
    for (const site of ['https://News.Example.com/world?x=1', 'other.example']) {
      await ext.type('#site-input', site);
      await ext.keyboard.press('Enter');
      await waitUntil(`${site} listed`, () => ext.$$eval('#sites .host', (h) => h.length > 0 && (h.at(-1)!.textContent ?? '').length > 0));
    }
    await ext.type('#site-input', 'news.example.com');
    await ext.keyboard.press('Enter');
    expect(await ext.$eval('#site-error', (e) => e.textContent)).toContain('news.example.com'); // already listed
    await waitUntil('two sites', async () => (await ext.$$eval('#sites .host', (h) => h.map((x) => x.textContent))).length === 2);
    expect(await ext.$$eval('#sites .host', (h) => h.map((x) => x.textContent))).toEqual(['news.example.com', 'other.example']);
    await ext.click('#sites li:first-child button');
    await waitUntil('one site', async () => (await ext.$$eval('#sites .host', (h) => h.length)) === 1);
    // Focus stays in the list, on the button that took the removed one's place.
    expect(await ext.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/other\.example/u);

    await waitUntil('saved', async () => (await storedSettings() as { hoverDelayMs?: number } | undefined)?.hoverDelayMs === 400);
    expect(await storedSettings()).toMatchObject({ highlightStyle: 'underline', hoverDelayMs: 400, disabledSites: ['other.example'] });
    await openOptions();
    expect(await ext.$eval('input[name="highlight-style"]:checked', (i) => (i as HTMLInputElement).value)).toBe('underline');
    expect(await ext.$eval('#delay', (i) => (i as HTMLInputElement).value)).toBe('400');
    expect(await ext.$$eval('#sites .host', (h) => h.map((x) => x.textContent))).toEqual(['other.example']);
    expect(await ext.$eval('#sites-empty', (e) => (e as HTMLElement).hidden)).toBe(true);
  });

  it('options: reset restores the defaults, and undo brings the settings back', async () => {
    await ext.click('#reset');
    await waitUntil('defaults', async () => (await storedSettings()) === undefined);
    await waitUntil('the page to show them', () => ext.$eval('input[name="highlight-style"]:checked', (i) => (i as HTMLInputElement).value === 'yellow'));
    expect(await ext.$eval('#delay', (i) => (i as HTMLInputElement).value)).toBe('300');
    expect(await ext.$$eval('#sites .host', (h) => h.length)).toBe(0);
    expect(await ext.$eval('#status-text', (s) => s.textContent)).not.toBe('');
    await ext.click('#undo');
    await waitUntil('the settings back', async () => (await storedSettings() as { highlightStyle?: string } | undefined)?.highlightStyle === 'underline');
    await ext.click('#reset');
    await waitUntil('defaults again', async () => (await storedSettings()) === undefined);
  });

  it('a corrupt stored value falls back to its default, field by field, and breaks nothing', async () => {
    await callApi(ext, 'storage.local.set', {
      settings: { enabled: 'yes', entities: { 'pawn-storm': false, macron: 'no' }, hoverDelayMs: -4, highlightStyle: 'neon', disabledSites: 'all' },
    });
    // The one valid field (pawn-storm off) applies; every corrupt one takes its default.
    await waitForMarks(demo, { ...DEMO_COUNTS, 'pawn-storm': 0 });
    await openOptions();
    const shown = await ext.evaluate(() => ({
      enabled: (document.getElementById('enabled') as HTMLInputElement).checked,
      entities: [...document.querySelectorAll<HTMLInputElement>('input[data-entity]')].map((i) => [i.dataset['entity'], i.checked]),
      style: (document.querySelector('input[name="highlight-style"]:checked') as HTMLInputElement).value,
      delay: (document.getElementById('delay') as HTMLInputElement).value,
      sites: document.querySelectorAll('#sites li').length,
    }));
    expect(shown).toEqual({ enabled: true, entities: [['pawn-storm', false], ['macron', true], ['trend-micro', true]], style: 'yellow', delay: '300', sites: 0 });
    await openPopup();
    expect(popupCounts((await readPopup(popup)).entries)).toEqual({ macron: 3, 'trend-micro': 2 });

    await callApi(ext, 'storage.local.set', { settings: 'garbage' });
    await waitForMarks(demo, DEMO_COUNTS);
    await callApi(ext, 'storage.local.remove', 'settings');
  });

  it('axe-core finds no accessibility violations in the popup, the options page and the article', async () => {
    await openPopup();
    await openExtensionPage(session, ext, 'options.html');
    const article = await session.browser.newPage();
    await openExtensionPage(session, article, 'article.html?entity=macron#s3');
    // Firefox's driver cannot emulate a colour scheme; Chromium checks both.
    const schemes = browserName === 'chromium' ? ['light', 'dark'] as const : ['light'] as const;
    for (const scheme of schemes) {
      for (const [name, page] of [['popup', popup], ['options', ext], ['article', article]] as const) {
        await page.bringToFront(); // axe waits for animation frames, which background tabs do not get
        if (browserName === 'chromium') await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        expect(await axeViolations(page), `${name} (${scheme})`).toEqual([]);
        if (name !== 'article') {
          if (name === 'options') await page.setViewport({ width: 720, height: 1200 });
          await shot(page, `${browserName}-${name}-${scheme}`);
        }
      }
    }
    await article.close();
  });

  it('the popup says when nothing is found and offers the article', async () => {
    const plain = server.page('/no-names.html', '<!doctype html><html lang="en"><title>Weather</title><p>Sunny, then rain.</p></html>');
    const { tabId, page } = await openTab(session, ext, plain);
    await waitForMarksSettled(page);
    await openExtensionPage(session, popup, `popup.html?tab=${tabId}`);
    const state = await waitUntil('the popup to say nothing is found', async () => {
      const s = await readPopup(popup);
      return s.message ? s : null;
    });
    expect(state.listShown).toBe(false);
    expect(await popup.$eval('#article', (b) => b.classList.contains('primary'))).toBe(true);
    await popup.bringToFront();
    expect(await axeViolations(popup)).toEqual([]);
    const before = new Set(session.browser.targets());
    const opened = session.browser.waitForTarget((t) => t.type() === 'page' && !before.has(t), { timeout: 10_000 });
    await popup.click('#article');
    const articlePage = (await (await opened).page())!;
    await waitUntil('the article', () => articlePage.evaluate(() => location.pathname.endsWith('/article.html') && !!document.querySelector('article')));
    await articlePage.close();
    await page.close();
  });
});

describe.runIf(BROWSERS.includes('firefox'))('firefox with access to websites withheld', () => {
  it('warns on the toolbar button, explains in the popup, and asks for access from a click', async () => {
    const server = await startServer({ root: path.join(root, 'tests/fixtures') });
    const session = await launchWithExtension('firefox', browserDistDir('firefox', { variant: 'test' }), { hostAccess: 'withheld', firefoxUuid: FIREFOX_UUID });
    try {
      const ext = await session.browser.newPage();
      await openExtensionPage(session, ext, 'options.html');
      const { tabId, page } = await openTab(session, ext, server.url('demo.html'));
      await waitForMarksSettled(page);
      expect(await marksIn(page)).toEqual(NO_MARKS); // the content script may not run
      expect(await callApi(ext, 'action.getBadgeText', {})).toBe('!');
      expect(await callApi(ext, 'action.getTitle', {})).toMatch(/access/u);

      const popup = await session.browser.newPage();
      await popup.setViewport({ width: 360, height: 520 });
      await openExtensionPage(session, popup, `popup.html?tab=${tabId}`);
      await waitUntil('the explanation', async () => (await readPopup(popup)).accessShown);
      await popup.bringToFront();
      expect(await axeViolations(popup)).toEqual([]);
      await shot(popup, 'firefox-popup-no-access');

      await popup.click('#grant'); // a real click: the request needs a user gesture
      await waitUntil('access granted', () => callApi<boolean>(ext, 'permissions.contains', { origins: ['<all_urls>'] }));
      await waitUntil('the warning gone', async () => (await callApi(ext, 'action.getBadgeText', {})) === '');
      await waitUntil('the popup to stop asking', async () => !(await readPopup(popup)).accessShown);
      if (!(await popup.$eval('#reload', (b) => (b as HTMLElement).hidden))) await popup.click('#reload');
      else await page.reload();
      await waitForMarks(page, DEMO_COUNTS);
      await waitUntil('the popup to list the names', async () => JSON.stringify(popupCounts((await readPopup(popup)).entries)) === JSON.stringify(DEMO_COUNTS));
    } finally {
      await session.close();
      await server.close();
    }
  });
});
