#!/usr/bin/env node
// Shows what the built extension marks on one page.
//   node tests/tools/annotate.mjs <file-or-url> [--browser chromium|firefox] [--json] [--screenshot out.png]
// A file is served from its directory on 127.0.0.1 with scripts blocked (as the corpus labels assume);
// a URL is loaded as is. --screenshot uses the test build (open shadow root) to find the hover card.
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../harness/server.mjs';
import { launchWithExtension, browserDistDir, availableBrowsers, blockRemoteRequests } from '../harness/browsers.mjs';
import { collectMentions, waitForMarksSettled, countByEntity } from '../harness/mentions.mjs';

const USAGE = 'usage: node tests/tools/annotate.mjs <file-or-url> [--browser chromium|firefox] [--json] [--screenshot out.png]';
const CARD_TIMEOUT_MS = 5000;

class UsageError extends Error {}

/** Parses argv into options; throws UsageError on anything unexpected. */
function parseArgs(argv) {
  const opts = { target: null, browser: 'chromium', json: false, screenshot: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--browser') opts.browser = value();
    else if (a.startsWith('--browser=')) opts.browser = a.slice(10);
    else if (a === '--json') opts.json = true;
    else if (a === '--screenshot') opts.screenshot = value();
    else if (a.startsWith('--screenshot=')) opts.screenshot = a.slice(13);
    else if (a === '-h' || a === '--help') return { ...opts, help: true };
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (opts.target) throw new UsageError('only one file or URL, please');
    else opts.target = a;
  }
  if (!opts.target) throw new UsageError('missing <file-or-url>');
  if (!['chromium', 'firefox'].includes(opts.browser)) throw new UsageError(`--browser must be chromium or firefox, not "${opts.browser}"`);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(opts.target) && !fs.existsSync(opts.target)) {
    throw new UsageError(`no such file: ${opts.target}`);
  }
  return opts;
}

/** "…before [[match]] after…" on one line. */
function formatLine(m) {
  return `${m.entity.padEnd(11)}  «${m.text}»  …${m.before}[[${m.text}]]${m.after}…`;
}

/** Moves the mouse over the first mark and waits for the card's dialog to be visible. */
async function hoverAndScreenshot(page, outFile) {
  const selector = 'mark[data-entity][data-mention]';
  const found = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    el?.scrollIntoView({ block: 'center', inline: 'nearest' });
    return Boolean(el);
  }, selector);
  if (!found) throw new Error('no mark in the top document to hover');
  await page.hover(selector);
  await page.waitForFunction(() => {
    const host = document.documentElement.querySelector(':scope > backstory-card');
    const dialog = host?.shadowRoot?.querySelector('[role="dialog"]');
    if (!dialog || dialog.hidden || dialog.closest('[hidden]')) return false;
    const style = getComputedStyle(dialog);
    const box = dialog.getBoundingClientRect();
    return style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0
      && box.width > 0 && box.height > 0;
  }, { timeout: CARD_TIMEOUT_MS, polling: 100 }).catch(() => {
    throw new Error('the card did not become visible after hovering the first mark '
      + '(needs the test build: node build.mjs --test-variant)');
  });
  await new Promise((ok) => setTimeout(ok, 300)); // let an opening transition finish
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  await page.screenshot({ path: outFile });
}

async function main(argv) {
  const opts = parseArgs(argv);
  if (opts.help) return void console.log(USAGE);
  if (!availableBrowsers().includes(opts.browser)) throw new Error(`${opts.browser} is not installed`);
  const extDir = browserDistDir(opts.browser, { variant: opts.screenshot ? 'test' : 'prod' });
  if (!fs.existsSync(path.join(extDir, 'manifest.json'))) {
    throw new Error(`no build in ${extDir}: run node build.mjs${opts.screenshot ? ' --test-variant' : ''}`);
  }

  let server = null;
  let url = opts.target;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(opts.target)) {
    const file = path.resolve(opts.target);
    server = await startServer({ root: path.dirname(file), csp: "script-src 'none'" });
    url = server.url(encodeURIComponent(path.basename(file)));
  }

  let launched = null;
  try {
    launched = await launchWithExtension(opts.browser, extDir);
    const page = await launched.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    // A local file's remote images/CSS can only fail offline; failing them at once keeps it fast.
    if (server) await blockRemoteRequests(page, [server.origin]);
    // Not 'load': offline, a page's remote images/fonts could hold the load event for long.
    // The content script runs at document_idle; waitForMarksSettled covers the gap.
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    // quietMs 1000: on large pages the content script's slices can go a while without adding a mark.
    const settle = await waitForMarksSettled(page, { quietMs: 1000 });
    if (!settle.settled) console.error(`warning: marks still changing after ${settle.elapsedMs} ms`);
    const mentions = await collectMentions(page);
    const counts = countByEntity(mentions);
    if (opts.screenshot) await hoverAndScreenshot(page, opts.screenshot);

    if (opts.json) {
      console.log(JSON.stringify({ url, browser: opts.browser, counts, mentions }, null, 2));
    } else {
      for (const m of mentions) console.log(formatLine(m));
      console.log(`totals: ${Object.entries(counts).map(([e, n]) => `${e} ${n}`).join(', ')}`);
      if (opts.screenshot) console.log(`screenshot: ${path.resolve(opts.screenshot)}`);
    }
  } finally {
    await launched?.close();
    await server?.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    if (err instanceof UsageError) {
      if (err.message) console.error(`annotate: ${err.message}`);
      console.error(USAGE);
      process.exit(2);
    }
    console.error(`annotate: ${err?.stack ?? err}`);
    process.exit(1);
  });
