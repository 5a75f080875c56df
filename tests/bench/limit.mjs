// "The limit": the least any content script must do to find the names on a page, measured in the page's main
// world in the same page load as the extension: one TreeWalker pass over the text nodes under <body>,
// concatenating their data, and one RegExp (a plain alternation of the names) counted over the result.
// Read-only. Every figure of the bench is also given as a ratio to it.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../harness/browsers.mjs';
import { NAMES } from './news-text.mjs';

/**
 * The names as one alternation, longest first: every alias of assets/entities.json as written and, unless
 * its caps are exact, in capitals. Falls back to the generator's names if the file cannot be read.
 * @param {string} [entitiesFile]
 * @returns {string} a RegExp source
 */
export function namesPattern(entitiesFile = path.join(REPO_ROOT, 'assets', 'entities.json')) {
  let names = NAMES;
  try {
    const { entities } = JSON.parse(fs.readFileSync(entitiesFile, 'utf8'));
    names = entities.flatMap((e) => e.aliases.flatMap((a) => (a.caps === 'exact' ? [a.text] : [a.text, a.text.toUpperCase()])));
  } catch { /* keep the fallback */ }
  const unique = [...new Set(names)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return unique.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')).join('|');
}

/**
 * @typedef {object} LimitResult
 * @property {number} ms         time of the first (cold) pass: the limit
 * @property {number} warmMs     median time of one pass repeated (steady state, for reference)
 * @property {number[]} samples  each sample's time of one pass
 * @property {number} matches    RegExp matches counted
 * @property {number} chars      length of the concatenated text
 * @property {number} textNodes
 */

/**
 * Measures the limit over the whole page: its first, cold pass; then, for reference, the median of `samples`
 * warm samples. A sample repeats the pass until it has taken `minSampleMs` (so that coarse timers still
 * resolve short passes) and divides.
 * @param {import('puppeteer-core').Page} page
 * @param {{ pattern: string, samples?: number, minSampleMs?: number }} options
 * @returns {Promise<LimitResult>}
 */
export async function measurePageLimit(page, { pattern, samples = 5, minSampleMs = 3 }) {
  return (await page.evaluate(inPageLimit, pattern, samples, minSampleMs, false))[0];
}

/**
 * The limit per batch of the infinite-scroll page: the same pass over just the nodes each batch appended
 * (window.benchFeed.batches[i].nodes), one TreeWalker per appended node, one RegExp over their text.
 * @param {import('puppeteer-core').Page} page
 * @param {{ pattern: string, samples?: number, minSampleMs?: number }} options
 * @returns {Promise<LimitResult[]>}
 */
export function measureBatchLimits(page, { pattern, samples = 5, minSampleMs = 3 }) {
  return page.evaluate(inPageLimit, pattern, samples, minSampleMs, true);
}

/**
 * @typedef {object} WrapperResult
 * @property {number} ms     time of one cold pass wrapping every match
 * @property {number} marks  <mark> elements made
 */

/**
 * "The wrapper": the least any highlighter that wraps mentions in elements can cost. One TreeWalker pass over
 * the live body, the names' RegExp over each text node, and each match wrapped in a <mark> with splitText;
 * timed once, in a fresh load of the page without the extension, before anything else touched its DOM: cold,
 * as the extension's first pass is (run after the limit's passes, it took 15 ms where it takes 21 cold, in
 * Chromium, on the 1 MB page: the page's nodes already had their script objects, and its code was warm).
 * `world`: the page's own, or a content script's (Chromium: an isolated world; Firefox: a sandbox that sees the
 * page through Xray wrappers, as content scripts do), where an extension's highlighter runs. (Puppeteer's
 * isolatedRealm is marked internal; it is the world puppeteer itself runs its helpers in, in both protocols.)
 * @param {import('puppeteer-core').Page} page
 * @param {{ pattern: string, world: 'page'|'script' }} options
 * @returns {Promise<WrapperResult>}
 */
export function measureWrapper(page, { pattern, world }) {
  return world === 'script' ? page.mainFrame().isolatedRealm().evaluate(inPageWrapper, pattern) : page.evaluate(inPageWrapper, pattern);
}

// ---- In-page: serialised by page.evaluate, so self-contained. ----

function inPageWrapper(pattern) {
  const regex = new RegExp(pattern, 'g');
  const t0 = performance.now();
  const nodes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  let marks = 0;
  for (const node of nodes) {
    if (node.parentElement?.closest('script, style, textarea, noscript')) continue;
    const found = [...node.data.matchAll(regex)];
    // From the last match back, so that earlier offsets still hold.
    for (let i = found.length - 1; i >= 0; i--) {
      const m = found[i];
      node.splitText(m.index + m[0].length);
      const text = node.splitText(m.index);
      const mark = document.createElement('mark');
      text.replaceWith(mark);
      mark.append(text);
      marks += 1;
    }
  }
  return { ms: performance.now() - t0, marks };
}

/**
 * @param {string} pattern
 * @param {number} samples
 * @param {number} minSampleMs
 * @param {boolean} perBatch  false: one result for document.body; true: one per window.benchFeed batch
 * @returns {LimitResult[]}
 */
function inPageLimit(pattern, samples, minSampleMs, perBatch) {
  const pass = (roots) => {
    let text = '';
    let nodes = 0;
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        text += n.data;
        nodes += 1;
      }
    }
    const matches = text.match(new RegExp(pattern, 'g'))?.length ?? 0;
    return { matches, chars: text.length, textNodes: nodes };
  };
  const limitOf = (roots) => {
    const times = [];
    // The first pass is the limit: cold, as the extension's own single pass over a freshly loaded page is (its
    // JS not yet optimised, the DOM's wrappers not yet made). The repeated passes after it give the steady
    // state, kept as `warmMs` for reference: a content script never gets to run warm over the same page.
    const c0 = performance.now();
    let last = pass(roots);
    const coldMs = performance.now() - c0;
    for (let s = 0; s < samples; s++) {
      let reps = 0;
      const t0 = performance.now();
      let t1 = t0;
      do {
        last = pass(roots);
        reps += 1;
        t1 = performance.now();
      } while (t1 - t0 < minSampleMs);
      times.push((t1 - t0) / reps);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { ms: coldMs, warmMs: sorted[Math.floor(sorted.length / 2)], samples: times, ...last };
  };
  const rootSets = perBatch ? window.benchFeed.batches.map((b) => b.nodes) : [[document.body]];
  return rootSets.map(limitOf);
}
