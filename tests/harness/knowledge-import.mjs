// Importing files into the extension as a user does: the Knowledge page, files dropped on its drop zone; and
// opening any of the extension's pages. Used by the e2e tests, by npm run eval (the corpus read with the sample
// catalogues imported) and by the bench (its settings, and catalogues imported).

/** The moz-extension:// origin in Firefox, fixed at launch (launchWithExtension's firefoxUuid). */
export const FIREFOX_UUID = '6f1f8f4e-3b2a-4c7d-9e55-2b7c0c1d4a10';

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Opens one of the extension's pages in a tab. Firefox's driver never reports the load of a moz-extension://
 * page (its target keeps saying about:blank), so the page itself is asked whether it is there.
 * @param {{ name: string, extensionOrigin: string|null }} session
 * @param {import('puppeteer-core').Page} page
 * @param {string} file
 */
export async function openExtensionPage(session, page, file) {
  const url = `${session.extensionOrigin}${file}`;
  if (session.name === 'chromium') {
    await page.goto(url);
    return;
  }
  void page.goto(url, { timeout: 60_000 }).catch(() => undefined);
  for (const until = Date.now() + 20_000; ;) {
    const there = await page.evaluate((u) => location.href === u && document.readyState === 'complete', url).catch(() => false);
    if (there) break;
    if (Date.now() > until) throw new Error(`${file} did not open`);
    await sleep(100);
  }
  // The page's script runs deferred: give it a turn to fill in its strings.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
}

/**
 * Drops files on the Knowledge page's drop zone, as a user dragging them from the desktop would.
 * @param {import('puppeteer-core').Page} page
 * @param {{ name: string, text: string }[]} files
 */
export async function dropFiles(page, files) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.name.endsWith('.json') ? 'application/json' : 'text/plain' }));
    const zone = document.getElementById('drop-zone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** @param {import('puppeteer-core').Page} page */
export const statusText = (page) => page.$eval('#status', (s) => s.textContent ?? '');

/**
 * The Knowledge page's status once an import is over (the drop zone is busy while the files are read and
 * stored) and says what `what` matches, and not what it said before the drop (`before`, for imports in a row).
 * @param {import('puppeteer-core').Page} page
 * @param {RegExp} what
 * @param {string|null} [before]
 */
export async function importDone(page, what, timeoutMs = 60_000, before = null) {
  for (const until = Date.now() + timeoutMs; ;) {
    const busy = await page.$eval('#drop-zone', (z) => z.getAttribute('aria-busy') === 'true').catch(() => true);
    const text = await statusText(page).catch(() => '');
    if (!busy && what.test(text) && text !== before) return text;
    if (Date.now() > until) throw new Error(`timed out waiting for the import of ${what.source}; status: ${text}`);
    await sleep(100);
  }
}
