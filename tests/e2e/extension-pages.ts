// Opening and driving the extension's own pages (popup, options, article) in e2e tests, in both browsers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import type { launchWithExtension } from '../harness/browsers.mjs';

export { FIREFOX_UUID, openExtensionPage } from '../harness/knowledge-import.mjs';

export type Session = Awaited<ReturnType<typeof launchWithExtension>>;

/** Polls until probe() gives a truthy value (errors count as not yet), and returns it. */
export async function waitUntil<T>(what: string, probe: () => Promise<T>, timeoutMs = 8000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Calls an extension API from an extension page: `browser` in Firefox, `chrome` (promise-based in MV3) in Chromium. */
export function callApi<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate((name, params) => {
    const g = globalThis as unknown as Record<string, Record<string, unknown>>;
    let owner: Record<string, unknown> = g['browser'] ?? g['chrome']!;
    const parts = name.split('.');
    const last = parts.pop()!;
    for (const part of parts) owner = owner[part] as Record<string, unknown>;
    return (owner[last] as (...a: unknown[]) => Promise<unknown>)(...params);
  }, method, args) as Promise<T>;
}

/** Opens a web page in a new tab from the extension, so the test knows its tab id, and returns both. */
export async function openTab(session: Session, extensionPage: Page, url: string): Promise<{ tabId: number; page: Page }> {
  const target = session.browser.waitForTarget((t) => t.type() === 'page' && t.url() === url, { timeout: 15_000 });
  const tab = await callApi<{ id: number }>(extensionPage, 'tabs.create', { url, active: true });
  const page = (await (await target).page())!;
  return { tabId: tab.id, page };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in a page and returns its violations. The source goes in through the driver's evaluate, not
 * a <script> tag: the extension pages' CSP forbids inline scripts (as it should).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${axeSource};void 0`);
  return page.evaluate(async () => {
    type Rule = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    // A page that axe could not read at all would pass vacuously: it must have checked a fair number of rules.
    if (result.passes.length < 10) throw new Error(`axe checked only ${result.passes.length} rules`);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}
