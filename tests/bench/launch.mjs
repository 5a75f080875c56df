// Launches Debian's Chromium or Firefox ESR for the bench, with the built extension or without it (the
// baseline for DOM nodes, heap, frames and the page's own append time). The harness's launcher
// (tests/harness/browsers.mjs) cannot do two things the bench needs: launch without the extension, and
// open the extension's own pages in Firefox (to switch Backstory off through storage, as its settings do),
// which needs a known moz-extension UUID and the remote agent's permission to navigate there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { EXECUTABLES } from '../harness/browsers.mjs';

/** Same flags as the harness (tests/harness/browsers.mjs). */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/** The moz-extension host Firefox gives the extension (pref extensions.webextensions.uuids). */
const FIREFOX_UUID = 'b0a5e7c1-bea7-4c11-9e0d-5e7c4b3a2d10';

const FIREFOX_PREFS = {
  // MV3 host permissions are opt-in in Firefox: without this the content script never runs.
  'extensions.originControls.grantByDefault': true,
  // Full-resolution performance.now() (default: rounded to 1 ms), for the page and the content script alike.
  'privacy.reduceTimerPrecision': false,
};

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
  const executablePath = EXECUTABLES[name];
  if (!executablePath || !fs.existsSync(executablePath)) throw new Error(`${name}: ${executablePath} is not installed`);
  const extDir = extensionDir ? path.resolve(extensionDir) : null;
  if (extDir && !fs.existsSync(path.join(extDir, 'manifest.json'))) throw new Error(`no manifest.json in ${extDir}: build first`);

  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  let userDataDir = '';
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const proc = browser?.process();
    try {
      if (browser) await Promise.race([browser.close(), delay(10_000)]);
    } catch { /* killed below */ }
    killGroup(proc);
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    let extensionOrigin = null;
    if (name === 'chromium') {
      userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-bench-chromium-'));
      browser = await puppeteer.launch({
        executablePath, headless, pipe: true, userDataDir, args: CHROMIUM_ARGS,
        ...(extDir ? { enableExtensions: [extDir] } : {}),
      });
      if (extDir) {
        const worker = await browser.waitForTarget(
          (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 15_000 });
        extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`; // .origin is "null" for this scheme
      }
    } else {
      const geckoId = extDir
        ? JSON.parse(fs.readFileSync(path.join(extDir, 'manifest.json'), 'utf8')).browser_specific_settings?.gecko?.id
        : null;
      browser = await puppeteer.launch({
        browser: 'firefox', executablePath, headless,
        // Lets WebDriver BiDi navigate a tab to moz-extension:// (it refuses by default).
        args: extDir ? ['--remote-allow-system-access'] : [],
        extraPrefsFirefox: {
          ...FIREFOX_PREFS,
          ...(geckoId ? { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_UUID }) } : {}),
        },
      });
      if (extDir) {
        await browser.installExtension(extDir);
        extensionOrigin = `moz-extension://${FIREFOX_UUID}`;
      }
    }
    const version = `${name} ${(await browser.version()).replace(/^[^/]*\//u, '')}`;
    return { browser, name, version, extensionOrigin, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** SIGKILLs a browser's process group (puppeteer starts it detached, so it leads its group). */
function killGroup(proc) {
  const pid = proc?.pid;
  if (!pid) return;
  try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  if (proc.exitCode === null && proc.signalCode === null) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

function delay(ms) {
  return new Promise((ok) => setTimeout(ok, ms).unref());
}
