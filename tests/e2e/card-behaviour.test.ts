// The card as a reader meets it, in Chromium and Firefox: at every edge of the viewport, on a narrow screen,
// from the keyboard (a focused link opens it, Tab goes in, Escape comes back), by touch, on a dark
// right-to-left page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { browserDistDir, launchWithExtension } from '../harness/browsers.mjs';
import { startServer } from '../harness/server.mjs';
import { waitForMarksSettled } from '../harness/mentions.mjs';
import { cardBox, readCard, waitForCard } from './card-helpers';
import { BROWSERS } from './browsers';

const root = process.env['BACKSTORY_ROOT']!;
const artifacts = path.join(root, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`) as `${string}.png` });

describe.each(BROWSERS)('%s', (browserName) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let session: Awaited<ReturnType<typeof launchWithExtension>>;
  let page: Page;

  const open = async (file: string, viewport: { width: number; height: number; hasTouch?: boolean }) => {
    await page.setViewport(viewport);
    await page.goto(server.url(file));
    await waitForMarksSettled(page);
  };
  const markBox = (selector: string) => page.$eval(selector, (m) => m.getBoundingClientRect().toJSON() as DOMRect);

  beforeAll(async () => {
    server = await startServer({ root: path.join(root, 'tests/fixtures/card') });
    session = await launchWithExtension(browserName, browserDistDir(browserName, { variant: 'test' }));
    page = await session.browser.newPage();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it.each(['tl', 'tr', 'bl', 'br', 'mid'])('a mention at %s gets a card beside it, inside the viewport', async (id) => {
    await open('edges.html', { width: 800, height: 600 });
    const selector = `#${id} mark`;
    await page.hover(selector);
    await waitForCard(page, true);
    const box = (await cardBox(page))!;
    const mark = await markBox(selector);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(800);
    expect(box.bottom).toBeLessThanOrEqual(600);
    // Below the mention when it is high on the screen, above it when low: never on top of it.
    const gap = mark.top > 300 ? mark.top - box.bottom : box.top - mark.bottom;
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(20);
    await shot(page, `${browserName}-edge-${id}`);
    await page.keyboard.press('Escape');
    await waitForCard(page, false);
  });

  it('fits a narrow screen', async () => {
    await open('edges.html', { width: 360, height: 640 });
    await page.hover('#mid mark');
    await waitForCard(page, true);
    const box = (await cardBox(page))!;
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(360);
    expect(box.bottom).toBeLessThanOrEqual(640);
    await shot(page, `${browserName}-narrow`);
  });

  it('opens from a focused link; Tab moves into the card, Escape closes it and gives focus back', async () => {
    await open('edges.html', { width: 800, height: 600 });
    await page.focus('#link');
    const card = (await waitForCard(page, true))!;
    expect(card.name).toBe('Pawn Storm');
    await page.keyboard.press('Tab');
    const inCard = await page.evaluate(() => {
      const host = document.querySelector('backstory-card')!;
      return { hostFocused: document.activeElement === host, inner: host.shadowRoot!.activeElement?.textContent ?? '' };
    });
    expect(inCard.hostFocused).toBe(true);
    expect(inCard.inner.length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await waitForCard(page, false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('link');
  });

  it('opens on a tap and closes on a tap elsewhere', async () => {
    await open('edges.html', { width: 800, height: 600, hasTouch: true });
    const mark = await markBox('#mid mark');
    await page.touchscreen.tap(mark.left + mark.width / 2, mark.top + mark.height / 2);
    await waitForCard(page, true);
    await page.touchscreen.tap(20, 300);
    await waitForCard(page, false);
  });

  it('is dark on a dark page and sits at the mention’s right edge on a right-to-left page', async () => {
    await open('dark-rtl.html', { width: 900, height: 600 });
    await page.hover('#p mark[data-entity="pawn-storm"]');
    await waitForCard(page, true);
    const theme = await page.evaluate(() => document.querySelector('backstory-card')!.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!.dataset['theme']);
    expect(theme).toBe('dark');
    const box = (await cardBox(page))!;
    const mark = await markBox('#p mark[data-entity="pawn-storm"]');
    expect(Math.abs(box.right - mark.right) < 2 || box.left <= 8.5).toBe(true);
    expect((await readCard(page))!.visible).toBe(true);
    await shot(page, `${browserName}-dark-rtl`);
  });
});
