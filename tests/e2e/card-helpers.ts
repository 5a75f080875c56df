// Reading the hover card in e2e tests. Only the test build's shadow root is open (see build.mjs).
import type { Page } from 'puppeteer-core';

export interface CardState {
  visible: boolean;
  name: string;
  kind: string;
  facts: string[];
  related: string[];
  link: string;
  role: string;
  label: string;
}

export function readCard(page: Page): Promise<CardState | null> {
  return page.evaluate(() => {
    const host = document.querySelector('backstory-card');
    const card = host?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]');
    if (!card) return null;
    const text = (sel: string): string => card.querySelector(sel)?.textContent ?? '';
    const labelId = card.getAttribute('aria-labelledby') ?? '';
    return {
      visible: !card.hidden && card.getBoundingClientRect().width > 0,
      name: text('h2'),
      kind: text('.kind'),
      facts: [...card.querySelectorAll('blockquote')].map((b) => b.textContent ?? ''),
      related: [...card.querySelectorAll('.related button')].map((b) => b.textContent ?? ''),
      link: card.querySelector('footer a')?.getAttribute('href') ?? '',
      role: card.getAttribute('role') ?? '',
      label: host!.shadowRoot!.getElementById(labelId)?.textContent ?? '',
    };
  });
}

export async function waitForCard(page: Page, visible: boolean, timeoutMs = 5000): Promise<CardState | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = await readCard(page);
    if ((state?.visible ?? false) === visible) return state;
    if (Date.now() > until) throw new Error(`card did not become ${visible ? 'visible' : 'hidden'} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The card's box in viewport coordinates. */
export function cardBox(page: Page): Promise<{ left: number; top: number; right: number; bottom: number } | null> {
  return page.evaluate(() => {
    const card = document.querySelector('backstory-card')?.shadowRoot?.querySelector('[role="dialog"]');
    if (!card) return null;
    const r = card.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
}
