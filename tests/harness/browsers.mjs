// Launches Debian's Chromium / Firefox ESR with an unpacked extension via puppeteer-core.
// Recipe: /work/shared/docs/browser-testing.md. Never downloads a browser: executablePath is always set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

/** Repository root, derived from this file's location (tests/harness/ → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Browser executables this harness knows about. */
export const EXECUTABLES = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' };

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * Names of the browsers whose executables exist, in preference order.
 * @returns {Array<'chromium'|'firefox'>}
 */
export function availableBrowsers() {
  return /** @type {Array<'chromium'|'firefox'>} */ (
    Object.keys(EXECUTABLES).filter((name) => fs.existsSync(EXECUTABLES[name])));
}

/**
 * Absolute path of the built extension for a browser.
 * @param {'chromium'|'chrome'|'firefox'} name
 * @param {{ variant?: 'prod'|'test' }} [options] 'test' = same build with the hover card's shadow root open.
 * @returns {string}
 */
export function browserDistDir(name, { variant = 'prod' } = {}) {
  const target = name === 'firefox' ? 'firefox' : name === 'chromium' || name === 'chrome' ? 'chrome' : null;
  if (!target) throw new Error(`unknown browser "${name}" (expected chromium or firefox)`);
  if (variant !== 'prod' && variant !== 'test') throw new Error(`unknown variant "${variant}"`);
  return variant === 'test'
    ? path.join(REPO_ROOT, 'dist', 'test', target)
    : path.join(REPO_ROOT, 'dist', target);
}

/**
 * Launches a browser with the extension installed and ready.
 * Only one browser should run at a time on the 2-core machines: callers launch, use, then close().
 * @param {'chromium'|'firefox'} browserName
 * @param {string} extensionDir  unpacked extension folder (made absolute here)
 * @param {Omit<LaunchOptions, 'extensionDir'>} [options]
 */
export function launchWithExtension(browserName, extensionDir, options = {}) {
  return launchBrowser(browserName, { ...options, extensionDir });
}

/**
 * @typedef {object} LaunchOptions
 * @property {string|null} [extensionDir]  unpacked extension folder; null launches without it (a baseline)
 * @property {boolean} [headless]
 * @property {'granted'|'withheld'} [hostAccess]  'withheld' (Firefox only): the user has not granted access
 *   to websites, as Firefox allows for MV3; the extension's own permissions.request() is then granted
 *   without a prompt (no test can click one).
 * @property {string|null} [firefoxUuid]  fixes the moz-extension://<uuid>/ origin so tests can open the
 *   extension's pages (and lets the driver navigate to them); Chromium's origin comes from its worker.
 * @property {Record<string, unknown>} [firefoxPrefs]  more Firefox prefs (the bench turns off timer rounding)
 */

/**
 * Launches Debian's Chromium or Firefox ESR, with or without the extension.
 * @param {'chromium'|'firefox'} browserName
 * @param {LaunchOptions} [options]
 * @returns {Promise<{ browser: import('puppeteer-core').Browser, name: string, close: () => Promise<void>,
 *   extensionOrigin: string|null }>} extensionOrigin: e.g. 'chrome-extension://<id>/' (null without the
 *   extension, and in Firefox without firefoxUuid)
 */
export async function launchBrowser(browserName, {
  extensionDir = null, headless = true, hostAccess = 'granted', firefoxUuid = null, firefoxPrefs = {},
} = {}) {
  const extDir = extensionDir ? path.resolve(extensionDir) : null;
  if (extDir && !fs.existsSync(path.join(extDir, 'manifest.json'))) {
    throw new Error(`no manifest.json in ${extDir}: build the extension first (node build.mjs)`);
  }
  const executablePath = EXECUTABLES[browserName];
  if (!executablePath) throw new Error(`unknown browser "${browserName}" (expected chromium or firefox)`);
  if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} is not installed`);

  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  let userDataDir;
  /** @type {string|null} */
  let extensionOrigin = null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const proc = browser?.process();
    try {
      // browser.close() can hang if the browser is wedged: bound it, then kill by PID regardless.
      if (browser) await Promise.race([browser.close(), delay(10_000)]);
    } catch { /* killed below */ }
    killTree(proc);
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    if (browserName === 'chromium') {
      userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-chromium-'));
      browser = await puppeteer.launch({
        executablePath, headless, pipe: true, // enableExtensions requires pipe: true
        userDataDir, args: CHROMIUM_ARGS, ...(extDir ? { enableExtensions: [extDir] } : {}),
      });
      if (extDir) {
        // launch() can resolve before the extension is installed: its service worker is the signal.
        const worker = await browser.waitForTarget(
          (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
          { timeout: 15_000 });
        extensionOrigin = `${worker.url().split('/').slice(0, 3).join('/')}/`;
      }
    } else {
      const geckoId = extDir
        ? JSON.parse(fs.readFileSync(path.join(extDir, 'manifest.json'), 'utf8')).browser_specific_settings?.gecko?.id
        : null;
      const uuid = extDir ? firefoxUuid : null;
      browser = await puppeteer.launch({
        browser: 'firefox', executablePath, headless,
        // WebDriver BiDi refuses to navigate to moz-extension:// pages unless system access is allowed.
        ...(uuid ? { args: ['--remote-allow-system-access'] } : {}),
        extraPrefsFirefox: {
          // Without this, MV3 host permissions stay ungranted and the content script never runs.
          'extensions.originControls.grantByDefault': hostAccess === 'granted',
          ...(hostAccess === 'withheld' ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
          ...(uuid ? { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }) } : {}),
          ...firefoxPrefs,
        },
      });
      if (extDir) await browser.installExtension(extDir);
      if (uuid) extensionOrigin = `moz-extension://${uuid}/`;
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { browser, name: browserName, close, extensionOrigin };
}

/** SIGKILLs a browser and its process group (puppeteer spawns it detached, so it leads its group). */
function killTree(proc) {
  const pid = proc?.pid;
  if (!pid) return;
  try { process.kill(-pid, 'SIGKILL'); } catch { /* group already gone */ }
  if (proc.exitCode === null && proc.signalCode === null) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

function delay(ms) {
  return new Promise((ok) => setTimeout(ok, ms).unref());
}

/**
 * Fails every http(s) request of a page that does not go to one of the allowed origins. Offline, a
 * remote image otherwise costs ~5 s of DNS time in Firefox and holds the load event (and so Firefox's
 * document_idle); the labelled DOM does not depend on remote resources since scripts are blocked anyway.
 * Other schemes (data:, blob:, extension URLs) pass through.
 * @param {import('puppeteer-core').Page} page
 * @param {string[]} allowedOrigins  e.g. [server.origin]
 */
export async function blockRemoteRequests(page, allowedOrigins) {
  const allowed = new Set(allowedOrigins);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    let url;
    try { url = new URL(request.url()); } catch { return void request.continue().catch(() => {}); }
    const remote = (url.protocol === 'http:' || url.protocol === 'https:') && !allowed.has(url.origin);
    (remote ? request.abort('internetdisconnected') : request.continue()).catch(() => { /* page gone */ });
  });
}
