// The bench in one browser, in three launches, one at a time: the built extension (every page `runs`
// times, the infinite scroll included), the same browser without it (the baseline for DOM nodes, heap,
// frames and the page's own append time), and the test build for the card. Then the figures and budgets.
import fs from 'node:fs';
import path from 'node:path';
import { checkBudgets } from './budgets.mjs';
import { launchBench } from './launch.mjs';
import { openExtensionPage as openHarnessPage } from '../harness/knowledge-import.mjs';
import { measureCard, measureLoad, measureScroll, measureWrapperLoad } from './measure.mjs';
import { aggregate, loadFigures, max, median, ratio, scrollFigures } from './metrics.mjs';
import { cpuBusyShare } from './report.mjs';

/**
 * @typedef {object} BenchPage
 * @property {string} id
 * @property {string} kind      'news' | 'none' | 'corpus'
 * @property {number} bytes
 * @property {number|null} expected  mentions it holds (generated) or is labelled with (corpus)
 * @property {boolean} corpus
 * @property {string} url
 * @property {string} origin
 */

/**
 * @typedef {object} BenchContext
 * @property {{ runs: number, limitSamples: number, hovers: number, dist: string }} opts
 * @property {BenchPage[]} pages
 * @property {{ url: string, origin: string }} scroll
 * @property {string} pattern        the limit's RegExp source
 * @property {string|null} testBuild folder holding test/<browser> (null: not built)
 * @property {(line: string) => void} log
 */

const fmtMs = (x) => (typeof x === 'number' ? `${x.toFixed(1)} ms` : '–');
const folder = (name) => (name === 'chromium' ? 'chrome' : 'firefox');

/**
 * Opens one of the extension's own pages, where settings are written as its options page does (the harness's
 * way, which the e2e tests and the eval use: see there for Firefox's moz-extension:// pages).
 * @param {import('./launch.mjs').BenchBrowser} bb
 */
export async function openExtensionPage(bb) {
  const page = await bb.browser.newPage();
  await openHarnessPage({ name: bb.name, extensionOrigin: `${bb.extensionOrigin}/` }, page, 'article.html');
  return page;
}

/** Launches, runs fn, and always closes. */
async function withBrowser(name, extensionDir, fn) {
  const bb = await launchBench(name, { extensionDir });
  try {
    return await fn(bb);
  } finally {
    await bb.close();
  }
}

/** With the extension: every page and the scroll page, `runs` times, interleaved. */
function withExtension(name, ctx) {
  const { opts, pages, scroll, pattern, log } = ctx;
  const common = { pattern, limitSamples: opts.limitSamples };
  return withBrowser(name, path.join(opts.dist, folder(name)), async (bb) => {
    const loads = new Map(pages.map((p) => [p.id, []]));
    const scrolls = [];
    const extPage = await openExtensionPage(bb);
    for (let run = 1; run <= opts.runs; run++) {
      for (const p of pages) {
        const m = await measureLoad(bb, p.url, { ...common, corpus: p.corpus, origin: p.origin, extPage });
        const f = loadFigures(m);
        loads.get(p.id).push({ f, raw: { ...m.run, off: m.off, limitSamples: m.limit.samples } });
        log(`${name} run ${run}/${opts.runs} ${p.id.padEnd(36)} script ${fmtMs(f.scriptMs)} in ${f.taskCount} tasks, ` +
          `all marked at ${fmtMs(f.idleMs)}, limit ${fmtMs(f.limitMs)}${f.instrumented ? '' : ' (NO INSTRUMENTATION)'}`);
      }
      const s = scrollFigures(await measureScroll(bb, scroll.url, { ...common, corpus: false, origin: scroll.origin }));
      scrolls.push(s);
      log(`${name} run ${run}/${opts.runs} ${'scroll'.padEnd(36)} ${fmtMs(s.batchMs)} per batch, limit ${fmtMs(s.batchLimitMs)}`);
    }
    return { version: bb.version, loads, scrolls };
  });
}

/**
 * Without the extension: each page once, the hand-written wrapper in loads of its own `runs` times in each
 * world, and the scroll page `runs` times (its append time is noisy).
 */
function withoutExtension(name, ctx) {
  const { opts, pages, scroll, pattern, log } = ctx;
  const common = { pattern, limitSamples: opts.limitSamples };
  return withBrowser(name, null, async (bb) => {
    const loads = new Map();
    const wrappers = new Map(pages.map((p) => [p.id, { page: [], script: [], marks: null }]));
    const appendMs = [];
    let scrollRun = null;
    for (const p of pages) loads.set(p.id, await measureLoad(bb, p.url, { ...common, corpus: p.corpus, origin: p.origin }));
    for (let run = 1; run <= opts.runs; run++) {
      for (const p of pages) {
        for (const world of /** @type {const} */ (['page', 'script'])) {
          const w = await measureWrapperLoad(bb, p.url, { ...common, corpus: p.corpus, origin: p.origin, world });
          const into = wrappers.get(p.id);
          into[world].push(w.ms);
          into.marks = w.marks;
        }
      }
    }
    log(`${name} without extension: the wrapper x${opts.runs} in each world`);
    for (let run = 1; run <= opts.runs; run++) {
      const m = await measureScroll(bb, scroll.url, { ...common, corpus: false, origin: scroll.origin });
      appendMs.push(...m.feed.batches.map((b) => b.appendMs));
      scrollRun ??= m;
    }
    log(`${name} without extension: ${pages.length} pages once, scroll x${opts.runs}`);
    return { loads, wrappers, appendMs, scrollRun };
  });
}

/** The card on the 1 MB page, in the test build (open shadow root). */
async function cardShown(name, ctx) {
  const { opts, pages, pattern, testBuild, log } = ctx;
  const page = pages.find((p) => p.id === 'news-1MB');
  if (!testBuild) return { error: 'the test variant did not build' };
  if (!page) return { error: 'no news-1MB page' };
  try {
    return await withBrowser(name, path.join(testBuild, 'test', folder(name)), async (bb) => {
      const extPage = await openExtensionPage(bb);
      const m = await measureCard(bb, page.url, {
        pattern, limitSamples: opts.limitSamples, corpus: false, origin: page.origin, extPage, hovers: opts.hovers,
      });
      const shown = m.shows.filter(Boolean);
      const medianMs = median(shown.map((s) => s.ms));
      log(`${name} card: median ${fmtMs(medianMs)} over ${shown.length} hovers`);
      return {
        count: shown.length, missed: m.shows.length - shown.length, limitMs: m.limit.ms, medianMs,
        maxMs: max(shown.map((s) => s.ms)), medianFrames: median(shown.map((s) => s.frames)), ratio: ratio(medianMs, m.limit.ms),
        shows: m.shows,
      };
    });
  } catch (err) {
    return { error: String(err?.message ?? err).split('\n')[0] };
  }
}

/** Figures per page: medians over runs, compared with the load without the extension. */
function pageResults(pages, withExt, withoutExt) {
  return pages.map((p) => {
    const runs = withExt.loads.get(p.id);
    const figures = aggregate(runs.map((l) => l.f));
    const w = withoutExt.loads.get(p.id);
    const wrapper = withoutExt.wrappers.get(p.id);
    const added = w ? figures.nodes - w.nodes.total : null;
    Object.assign(figures, {
      nodesWithout: w?.nodes.total ?? null,
      nodesAdded: added,
      nodesPerMark: added !== null && figures.marks > 0 ? added / figures.marks : null,
      heapAdded: w && figures.heap !== null && w.heap !== null ? figures.heap - w.heap : null,
      worstFrameMsWithout: w ? loadFigures({ ...w, off: null }).worstFrameMs : null,
      // The limit again, in the load without the extension: there its pass is the first to touch the page's
      // DOM, as the extension's is, where the limit above runs after the extension has touched it all.
      limitUntouchedMs: w?.limit.ms ?? null,
      scriptRatioUntouched: ratio(figures.scriptMs, w?.limit.ms),
      // The hand-written wrapper over the same page, cold, in the page's world and in a content script's (see limit.mjs).
      wrapperMs: median(wrapper.page),
      wrapperMarks: wrapper.marks,
      wrapperRatio: ratio(figures.scriptMs, median(wrapper.page)),
      wrapperScriptWorldMs: median(wrapper.script),
      wrapperScriptWorldRatio: ratio(figures.scriptMs, median(wrapper.script)),
    });
    return { id: p.id, kind: p.kind, bytes: p.bytes, expected: p.expected, figures, runs };
  });
}

/** Figures of the infinite scroll: medians over runs; the append time pooled over all batches of all runs. */
function scrollResult(withExt, withoutExt) {
  const s = aggregate(withExt.scrolls);
  const w = withoutExt.scrollRun;
  const appendWith = withExt.scrolls.flatMap((r) => r.appendMs);
  return Object.assign(s, {
    batches: withExt.scrolls[0].batches,
    appendMs: median(appendWith),
    appendMsWithout: median(withoutExt.appendMs),
    appendRatio: ratio(median(appendWith), median(withoutExt.appendMs)),
    nodesPerMark: w && s.marks > 0 ? (s.nodes - w.nodes.total) / s.marks : null,
    heapAdded: w && s.heap !== null && w.heap !== null ? s.heap - w.heap : null,
    runs: withExt.scrolls,
  });
}

/**
 * Runs the bench in one browser.
 * @param {'chromium'|'firefox'} name
 * @param {BenchContext} ctx
 */
export async function benchBrowser(name, ctx) {
  const contentJs = path.join(ctx.opts.dist, folder(name), 'content.js');
  const contentJsBytes = fs.existsSync(contentJs) ? fs.statSync(contentJs).size : null;
  const otherCpuBusy = await cpuBusyShare(1000);
  if (otherCpuBusy !== null && otherCpuBusy > 0.2) {
    ctx.log(`${name}: warning: other processes keep ${Math.round(otherCpuBusy * 100)}% of the CPUs busy; figures will be noisy`);
  }
  const withExt = await withExtension(name, ctx);
  const withoutExt = await withoutExtension(name, ctx);
  const card = await cardShown(name, ctx);
  const pages = pageResults(ctx.pages, withExt, withoutExt);
  const scroll = scrollResult(withExt, withoutExt);
  const budgets = checkBudgets({ browser: name, pages, scroll, contentJsBytes });
  return { version: withExt.version, otherCpuBusy, pages, scroll, card, contentJsBytes, budgets };
}
