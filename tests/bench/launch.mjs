// Launches a browser for the bench through the harness's launcher, with the built extension or without it
// (the baseline for DOM nodes, heap, frames and the page's own append time), always able to open the
// extension's own pages (to switch Backstory off through storage, as its settings do).
import { launchBrowser } from '../harness/browsers.mjs';

/** The moz-extension host Firefox gives the extension (pref extensions.webextensions.uuids). */
const FIREFOX_UUID = 'b0a5e7c1-bea7-4c11-9e0d-5e7c4b3a2d10';

/**
 * @typedef {object} BenchBrowser
 * @property {import('puppeteer-core').Browser} browser
 * @property {'chromium'|'firefox'} name
 * @property {string} version              e.g. "chromium 156.0.8078.79"
 * @property {string|null} extensionOrigin chrome-extension://<id> or moz-extension://<uuid>; null without
 * @property {() => Promise<void>} close   closes, then kills the process group; never throws
 */

/**
 * @param {'chromium'|'firefox'} name
 * @param {{ extensionDir?: string|null, headless?: boolean }} [options] extensionDir null = no extension
 * @returns {Promise<BenchBrowser>}
 */
export async function launchBench(name, { extensionDir = null, headless = true } = {}) {
  const session = await launchBrowser(name, {
    extensionDir, headless, firefoxUuid: FIREFOX_UUID,
    // Full-resolution performance.now() (default: rounded to 1 ms), for the page and the content script alike.
    firefoxPrefs: { 'privacy.reduceTimerPrecision': false },
  });
  try {
    const version = `${name} ${(await session.browser.version()).replace(/^[^/]*\//u, '')}`;
    // The bench joins paths to the origin itself: no trailing slash.
    const extensionOrigin = session.extensionOrigin?.replace(/\/$/u, '') ?? null;
    return { browser: session.browser, name, version, extensionOrigin, close: session.close };
  } catch (err) {
    await session.close();
    throw err;
  }
}
