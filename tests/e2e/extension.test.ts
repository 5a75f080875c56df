// Backstory end to end, in Debian's Chromium and Firefox: marks on a page naming all three entities, a card
// for each on hover with the article's own sentences, Escape, the article page, a closed shadow root in the
// production build, and no network request of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import pack from '../support/pack';
import { ENTITY_IDS } from '../../src/knowledge/entities';
import { browserDistDir, launchWithExtension } from '../harness/browsers.mjs';
import { startServer } from '../harness/server.mjs';
import { collectMentions, countByEntity, waitForMarksSettled } from '../harness/mentions.mjs';
import { cardBox, readCard, waitForCard } from './card-helpers';
import { BROWSERS } from './browsers';

const root = process.env['BACKSTORY_ROOT']!;
const artifacts = path.join(root, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });
const DEMO_COUNTS = { 'pawn-storm': 8, macron: 3, 'trend-micro': 2 };

describe.each(BROWSERS)('%s', (browserName) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let session: Awaited<ReturnType<typeof launchWithExtension>>;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ root: path.join(root, 'tests/fixtures') });
    session = await launchWithExtension(browserName, browserDistDir(browserName, { variant: 'test' }));
    page = await session.browser.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    await page.goto(server.url('demo.html'));
    await waitForMarksSettled(page);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('marks every mention, whole, with its entity and one id per mention', async () => {
    const mentions = await collectMentions(page);
    expect(countByEntity(mentions)).toEqual(DEMO_COUNTS);
    expect(mentions.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining(['Emmanuel Macron’s', 'Trend\u00A0Micro', 'Forest Blizzard', 'MACRON']));
    const inFields = await page.evaluate(() => document.querySelectorAll('input mark, textarea mark').length);
    expect(inFields).toBe(0);
    expect(await page.$eval('textarea', (t) => (t as HTMLTextAreaElement).value)).toBe('Pawn Storm');
  });

  it.each(ENTITY_IDS)('hovering %s shows its card with the article’s sentences; Escape closes it', async (id) => {
    await page.mouse.move(1, 1);
    await waitForCard(page, false).catch(() => undefined);
    const selector = `p mark[data-entity="${id}"]`;
    await page.$eval(selector, (m) => m.scrollIntoView({ block: 'center' }));
    await page.hover(selector);
    const card = (await waitForCard(page, true))!;
    const expected = pack.cards[id];
    expect(card.name).toBe(expected.name);
    expect(card.role).toBe('dialog');
    expect(card.label).toBe(expected.name);
    expect(card.kind).toContain(expected.description.text);
    expect(card.facts).toEqual(expected.facts.map((f) => f.text));
    for (const fact of card.facts) expect(pack.article.sentences.map((s) => s.text)).toContain(fact);
    expect(card.related.sort()).toEqual(expected.related.map((r) => r.name).sort());
    expect(card.link).toMatch(new RegExp(`article\\.html\\?entity=${id}#s${expected.facts[0]!.sentence}$`, 'u'));

    // The card sits next to the mention and inside the viewport.
    const box = (await cardBox(page))!;
    const markBox = await page.$eval(selector, (m) => m.getBoundingClientRect().toJSON());
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(1100);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(800);
    expect(Math.min(Math.abs(box.top - markBox.bottom), Math.abs(box.bottom - markBox.top))).toBeLessThan(20);
    await page.screenshot({ path: path.join(artifacts, `${browserName}-card-${id}.png`) as `${string}.png` });

    await page.keyboard.press('Escape');
    await waitForCard(page, false);
  });

  it('keeps the card while the pointer moves into it, hides it after the pointer leaves', async () => {
    await page.hover('p mark[data-entity="macron"]');
    await waitForCard(page, true);
    const box = (await cardBox(page))!;
    await page.mouse.move((box.left + box.right) / 2, (box.top + box.bottom) / 2, { steps: 5 });
    await new Promise((r) => setTimeout(r, 700)); // well past the hide delay
    expect((await readCard(page))!.visible).toBe(true);
    await page.mouse.move(1080, 780, { steps: 3 });
    await waitForCard(page, false);
  });

  it('"Read the article" opens the bundled article at the quoted sentence', async () => {
    await page.hover('p mark[data-entity="pawn-storm"]');
    await waitForCard(page, true);
    const before = new Set(session.browser.targets());
    // Firefox's BiDi target keeps reporting about:blank for extension pages: look for any new tab, then ask it.
    const opened = session.browser.waitForTarget((t) => t.type() === 'page' && !before.has(t), { timeout: 10_000 });
    await page.evaluate(() => {
      document.querySelector('backstory-card')!.shadowRoot!.querySelector<HTMLAnchorElement>('footer a')!.click();
    });
    const article = (await (await opened).page())!;
    await article.waitForFunction(() => location.pathname.endsWith('/article.html') && document.querySelector('.sentence.target'), { timeout: 10_000 });
    expect(await article.evaluate(() => location.hash)).toBe(`#s${pack.cards['pawn-storm'].facts[0]!.sentence}`);
    const state = await article.evaluate(() => ({
      target: document.querySelector('.sentence.target')!.textContent!.trim(),
      marks: [...document.querySelectorAll('mark.focus-entity')].map((m) => m.textContent),
      lang: document.querySelector('article')!.lang,
    }));
    expect(state.target).toBe(pack.cards['pawn-storm'].facts[0]!.text);
    expect(state.marks.length).toBe(6);
    expect(state.lang).toBe('en');
    await article.screenshot({ path: path.join(artifacts, `${browserName}-article.png`) as `${string}.png` });
    await article.close();
  });

  it('makes no network request of its own', () => {
    const own = server.requests.filter((r: string) => !/^\/(demo\.html|favicon\.ico)$/u.test(r));
    expect(own).toEqual([]);
  });
});

describe.each(BROWSERS)('%s production build', (browserName) => {
  it('hides the card in a closed shadow root', async () => {
    const server = await startServer({ root: path.join(root, 'tests/fixtures') });
    const session = await launchWithExtension(browserName, browserDistDir(browserName));
    try {
      const page = await session.browser.newPage();
      await page.goto(server.url('demo.html'));
      await waitForMarksSettled(page);
      await page.hover('p mark[data-entity="macron"]');
      await page.waitForSelector('backstory-card', { timeout: 5000 });
      const state = await page.evaluate(() => {
        const host = document.querySelector('backstory-card')!;
        return { open: host.shadowRoot !== null, size: host.getBoundingClientRect().width };
      });
      expect(state.open).toBe(false);
    } finally {
      await session.close();
      await server.close();
    }
  });
});
