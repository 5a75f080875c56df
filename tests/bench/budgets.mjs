// The bench's budgets: each turns the figures of one browser into PASS, FAIL or n/a (not measured: a
// missing figure, e.g. no instrumentation). Pure: unit-tested.
import { ratio } from './metrics.mjs';

export const CONTENT_JS_BUDGET_BYTES = 64 * 1024;

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
  const add = (id, what, value, limit, detail, info = false) => out.push({ id, what, value, limit, status: judge(value, limit), detail, ...(info ? { info } : {}) });

  add('script-1MB', '1 MB page: script time ≤ 2× limit', oneMB?.scriptRatio ?? null, 2,
    oneMB ? `${fmt(oneMB.scriptMs)} ms / limit ${fmt(oneMB.limitMs)} ms` : 'no figure');
  add('wrapper-1MB', '1 MB page: script time ≤ 2× a hand-written wrapper over the same page', oneMB?.wrapperRatio ?? null, 2,
    oneMB ? `${fmt(oneMB.scriptMs)} ms / wrapper ${fmt(oneMB.wrapperMs)} ms (${oneMB.wrapperMarks ?? '–'} marks)` : 'no figure');
  // The same wrapper in a content script's world, where any extension's highlighter runs: for information.
  add('wrapper-script-world-1MB', '1 MB page: script time against the wrapper run in a content script\'s world (information)', oneMB?.wrapperScriptWorldRatio ?? null, 2,
    oneMB ? `${fmt(oneMB.scriptMs)} ms / wrapper ${fmt(oneMB.wrapperScriptWorldMs)} ms` : 'no figure', true);
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

/** Whether --strict should fail: any FAIL, or any budget left unmeasured (except informational ones). */
export function strictFailure(results) {
  return results.some((r) => !r.info && r.status !== 'PASS');
}

/** Numbers for the detail column. */
export function fmt(x, digits = 1) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '–';
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(digits);
}

