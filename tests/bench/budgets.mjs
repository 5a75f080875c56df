// The bench's budgets: each turns the figures of one browser into PASS, FAIL or n/a (not measured: a
// missing figure, e.g. no instrumentation). Pure: unit-tested.
import { ratio } from './metrics.mjs';

/**
 * 64 KiB until the content script took in the catalogues' first pass, their guards and the page's vocabulary
 * (session 10 of issue 11); of the 86 KiB it weighs now, mark.js and webextension-polyfill are 25.
 */
export const CONTENT_JS_BUDGET_BYTES = 96 * 1024;

/**
 * @typedef {object} BudgetResult
 * @property {string} id
 * @property {string} what       the rule in words
 * @property {number|null} value the measured figure
 * @property {number} limit      the budget
 * @property {'PASS'|'FAIL'|'n/a'} status
 * @property {string} detail     where the figure comes from
 * @property {boolean} [info]    informational only (never fails --strict)
 */

/**
 * @param {number|null} value
 * @param {number} limit
 * @returns {'PASS'|'FAIL'|'n/a'}
 */
const judge = (value, limit) => (typeof value !== 'number' || !Number.isFinite(value) ? 'n/a' : value <= limit ? 'PASS' : 'FAIL');

/** A function that judges one budget and adds its result to `out`. */
const adder = (out) => (id, what, value, limit, detail, info = false) => out.push({ id, what, value, limit, status: judge(value, limit), detail, ...(info ? { info } : {}) });

/** ", worst run: n ms" when runs disagree (worst-case figures are the median run's). */
function worstRun(figures, key) {
  const w = figures[`${key}WorstRun`];
  return typeof w === 'number' && w !== figures[key] ? ` (median run; worst run ${fmt(w)} ms)` : '';
}

/** The page whose figure is worst, for the detail column. */
function worstOf(pages, key) {
  let worst = null;
  for (const p of pages) if (typeof p.figures?.[key] === 'number' && (!worst || p.figures[key] > worst.figures[key])) worst = p;
  return worst;
}

/**
 * @param {{ browser: string, pages: Array<{ id: string, kind: string, bytes: number, figures: any }>,
 *           scroll: any|null, contentJsBytes: number|null }} input
 *   pages: static pages with aggregated load figures (plus nodesPerMark); scroll: aggregated scroll figures
 * @returns {BudgetResult[]}
 */
export function checkBudgets({ browser, pages, scroll, contentJsBytes }) {
  const page = (id) => pages.find((p) => p.id === id)?.figures ?? null;
  const oneMB = page('news-1MB');
  const fourMB = page('news-4MB');
  const none = page('none-1MB');
  const upTo4MB = pages.filter((p) => p.bytes <= 4.2e6);
  const upTo1MB = pages.filter((p) => p.bytes <= 1.05e6);
  const out = [];
  const add = adder(out);

  add('script-1MB', '1 MB page: script time ≤ 2× limit', oneMB?.scriptRatio ?? null, 2,
    oneMB ? `${fmt(oneMB.scriptMs)} ms / limit ${fmt(oneMB.limitMs)} ms` : 'no figure');
  // The wrapper is the least any element-wrapping highlighter can cost. An extension's highlighter runs in a
  // content script's world, where every DOM call costs more than the page's own (Firefox: an Xray wrapper), so
  // the budget is judged there; the same wrapper in the page's world, a place no extension's code can run safely
  // (the page can replace what it calls), is printed beside it.
  add('wrapper-1MB', '1 MB page: script time ≤ 2× a hand-written wrapper over the same page, run in a content script\'s world', oneMB?.wrapperScriptWorldRatio ?? null, 2,
    oneMB ? `${fmt(oneMB.scriptMs)} ms / wrapper ${fmt(oneMB.wrapperScriptWorldMs)} ms (${oneMB.wrapperMarks ?? '–'} marks)` : 'no figure');
  add('wrapper-page-world-1MB', '1 MB page: script time against the wrapper run in the page\'s own world (information)', oneMB?.wrapperRatio ?? null, 2,
    oneMB ? `${fmt(oneMB.scriptMs)} ms / wrapper ${fmt(oneMB.wrapperMs)} ms` : 'no figure', true);
  add('growth-1-4MB', 'script time 4 MB / 1 MB ≤ 4.5×', ratio(fourMB?.scriptMs, oneMB?.scriptMs), 4.5,
    `${fmt(fourMB?.scriptMs)} ms / ${fmt(oneMB?.scriptMs)} ms`);
  const longest = worstOf([...upTo4MB, ...(scroll ? [{ id: 'scroll', figures: scroll }] : [])], 'longestTaskMs');
  add('task-50ms', 'no extension task > 50 ms (pages ≤ 4 MB)', longest?.figures.longestTaskMs ?? null, 50,
    longest ? `longest on ${longest.id}${worstRun(longest.figures, 'longestTaskMs')}` : 'no figure');
  // Frames the extension made long (see worstExtensionFrame); the worst frame holding any extension work
  // goes in the detail. Chromium only: Firefox has no LoAF; its rAF gaps are for information.
  const frame = worstOf(upTo1MB, 'madeLongFrameMs');
  const any = worstOf(upTo1MB, 'worstExtFrameMs');
  const how = browser === 'chromium' ? 'LoAF' : 'rAF gaps, information only';
  const anyText = !any ? '' : any.figures.worstExtFrameMs === 0 ? '; no long frame holds extension work'
    : `; worst frame holding extension work: ${fmt(any.figures.worstExtFrameMs)} ms on ${any.id}, ${fmt(any.figures.worstExtFrameExtMs)} ms of it ours`;
  add('frame-50ms', 'no frame > 50 ms made long by extension work (pages ≤ 1 MB)', frame?.figures.madeLongFrameMs ?? null, 50,
    !frame ? `${how}: no figure` : frame.figures.madeLongFrameMs === 0 ? `${how}: none${anyText}`
      : `${how}: ${frame.id}, ${fmt(frame.figures.madeLongFrameExtMs)} ms of it ours${worstRun(frame.figures, 'madeLongFrameMs')}${anyText}`,
    browser !== 'chromium');
  add('no-mention', 'page with no mention: script time ≤ 1.2× limit', none?.scriptRatio ?? null, 1.2,
    none ? `${fmt(none.scriptMs)} ms / limit ${fmt(none.limitMs)} ms` : 'no figure');
  add('scroll-batch', 'infinite scroll: time per batch ≤ 1.5× limit on the added nodes (median batch)', scroll?.batchRatio ?? null, 1.5,
    scroll ? `${fmt(scroll.batchMs)} ms / limit ${fmt(scroll.batchLimitMs)} ms; worst batch ${fmt(scroll.batchRatioMax)}×` : 'no figure');
  add('scroll-marked', 'infinite scroll: each batch all marked ≤ 100 ms after its append (median batch)', scroll?.markedAfterMs ?? null, 100,
    scroll ? 'from the append to our idle' : 'no figure');
  add('scroll-flat', 'infinite scroll: last-5 median ≤ 1.5× first-5 median', scroll?.flatness ?? null, 1.5,
    scroll ? 'extension time per batch' : 'no figure');
  add('scroll-append', "infinite scroll: page's own append time with / without ≤ 1.10", scroll?.appendRatio ?? null, 1.1,
    scroll ? `median ${fmt(scroll.appendMs)} ms with, ${fmt(scroll.appendMsWithout)} ms without` : 'no figure');
  const nodes = worstOf([...pages, ...(scroll ? [{ id: 'scroll', figures: scroll }] : [])], 'nodesPerMark');
  // A figure, no budget: a mention inside a text node costs three nodes (the mark, its text, the rest).
  add('nodes-per-mark', 'DOM nodes added per mark (every page; information)', nodes?.figures.nodesPerMark ?? null, 3,
    nodes ? `worst on ${nodes.id}` : 'no figure', true);
  add('switch-off', 'switching off (1 MB page) ≤ 2.5× limit', oneMB?.offRatio ?? null, 2.5,
    !oneMB ? 'no figure' : typeof oneMB.offRatio === 'number' ? `${fmt(oneMB.offMs)} ms of tasks / limit ${fmt(oneMB.limitMs)} ms`
      : `no backstory:task after the switch; marks all gone ${fmt(oneMB.offGoneAfterMs)} ms after it (upper bound: includes the storage change's delivery)`);
  add('bundle', `content.js ≤ ${CONTENT_JS_BUDGET_BYTES / 1024} KiB`, contentJsBytes === null ? null : contentJsBytes / 1024,
    CONTENT_JS_BUDGET_BYTES / 1024, contentJsBytes === null ? 'not built' : `${contentJsBytes} bytes`);
  return out;
}

/** What a page may cost beyond the browser's first answer to any content script before its matching is loaded. */
export const LOADING_BUDGET_MS = 20;
export const HEAP_BUDGET_MIB = 5;

/**
 * Issue 11's budgets with catalogues imported, for one browser's rows (./catalogues.mjs: script time per page
 * and its ratio to the 3-name time of the same run, loading, heap added, longest task). Loading is judged beyond
 * the browser's first answer to a bare extension's content script reading one key (measured in the same run):
 * every content script waits for that answer, whatever it loads; what loading at 7,400 names adds to it is ours.
 * @param {Array<{ set: string, ratioLimit: number|null, main: boolean, pages: Record<string, number|null>,
 *   ratios: Record<string, number|null>, loadMs: number|null, heapAdded: number|null, longestTaskMs: number|null,
 *   firstAnswerMs: number|null }>} rows
 * @returns {BudgetResult[]}
 */
export function checkCatalogueBudgets(rows) {
  const out = [];
  const add = adder(out);
  for (const r of rows.filter((row) => typeof row.ratioLimit === 'number')) {
    for (const [page, value] of Object.entries(r.ratios)) {
      add(`names-${r.set}-${page}`, `${r.set}: ${page} script time ≤ ${r.ratioLimit}× the 3 built-in names'`, value, r.ratioLimit,
        `${fmt(r.pages[page])} ms`);
    }
  }
  const main = rows.find((r) => r.main);
  const beyond = typeof main?.loadMs === 'number' && typeof main.firstAnswerMs === 'number' ? main.loadMs - main.firstAnswerMs : null;
  add('names-loading', `${main?.set ?? '7,400 names'}: loading ≤ ${LOADING_BUDGET_MS} ms beyond the browser's first answer to any content script`,
    beyond, LOADING_BUDGET_MS, main ? `${fmt(main.loadMs)} ms; first answer ${fmt(main.firstAnswerMs)} ms` : 'no figure');
  const heap = typeof main?.heapAdded === 'number' ? main.heapAdded / 1024 / 1024 : null;
  // (Firefox gives no heap figure for a tab: n/a there, for information.)
  add('names-heap', `${main?.set ?? '7,400 names'}: heap added per tab ≤ ${HEAP_BUDGET_MIB} MiB`, heap, HEAP_BUDGET_MIB,
    heap === null ? 'not measured in this browser' : 'page with no mention, less the 3-name figure', heap === null);
  const longest = rows.reduce((worst, r) => (typeof r.longestTaskMs === 'number' && r.longestTaskMs > (worst?.longestTaskMs ?? -1) ? r : worst), null);
  add('names-task-50ms', 'no task of ours > 50 ms, with any catalogue', longest?.longestTaskMs ?? null, 50, longest ? `on ${longest.set}` : 'no figure');
  return out;
}

/** Whether --strict should fail: any FAIL, or any budget left unmeasured (except informational ones). */
export function strictFailure(results) {
  return results.some((r) => !r.info && r.status !== 'PASS');
}

/** Numbers for the detail column. */
export function fmt(x, digits = 1) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '–';
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(digits);
}

