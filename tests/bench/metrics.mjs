// Turns raw measurements (tests/bench/measure.mjs) into the figures the bench reports, each with its ratio to
// the limit measured in the same page load. Pure: no browser, unit-tested.

/** @param {number[]} xs @returns {number|null} */
export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** @param {number[]} xs @returns {number|null} */
export function max(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return v.length ? Math.max(...v) : null;
}

/** @param {number[]} xs */
export const sum = (xs) => xs.reduce((s, x) => s + x, 0);

/** a / b, or null when either is missing or b is 0. */
export function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null;
}

/** How much of the tasks' time falls inside the frame [start, start + duration]. */
export function overlap([start, duration], tasks) {
  let total = 0;
  for (const [ts, td] of tasks) total += Math.max(0, Math.min(start + duration, ts + td) - Math.max(start, ts));
  return total;
}

/** A frame is long over this (LoAF's own threshold). */
export const LONG_FRAME_MS = 50;

/**
 * The longest frame that has extension work in it, and how much of it was extension work. With
 * `madeLong`, only the frames the extension made long: long, and no longer long without its work in them
 * (or long from its work alone). A page's own 250 ms first layout that happens to hold a 9 ms slice of
 * ours is the page's long frame, not ours.
 * @param {number[][]} frames [start, duration]
 * @param {number[][]} tasks  [start, duration]
 * @param {{ madeLong?: boolean }} [options]
 */
export function worstExtensionFrame(frames, tasks, { madeLong = false } = {}) {
  let worst = null;
  for (const f of frames) {
    const ext = overlap(f, tasks);
    if (ext <= 0) continue;
    if (madeLong && (f[1] <= LONG_FRAME_MS || (f[1] - ext > LONG_FRAME_MS && ext <= LONG_FRAME_MS))) continue;
    if (!worst || f[1] > worst.ms) worst = { ms: f[1], extensionMs: ext, start: f[0] };
  }
  return worst;
}

/**
 * Figures of one page load with the extension.
 * @param {{ wait: {instrumented: boolean, settled: boolean}, run: ReturnType<typeof import('./in-page.mjs').inPageCollect>,
 *           limit: {ms: number, matches: number}, nodes: {total: number}, heap: number|null,
 *           off: {tasks: number[][], settled: boolean}|null }} m
 */
export function loadFigures(m) {
  const { run } = m;
  const tasks = run.tasks;
  const limitMs = m.limit.ms;
  const firstTask = tasks.length ? Math.min(...tasks.map(([s]) => s)) : null;
  const idleMs = run.idle.length ? run.idle[run.idle.length - 1] : null;
  const frames = run.frames ?? [];
  const beforeIdle = frames.filter(([s]) => idleMs === null || s <= idleMs);
  const scriptMs = tasks.length ? sum(tasks.map(([, d]) => d)) : null;
  const offMs = m.off && m.off.tasks.length ? sum(m.off.tasks.map(([, d]) => d)) : null;
  const since = (t) => (t !== null && firstTask !== null ? t - firstTask : null);
  const worstExt = worstExtensionFrame(beforeIdle, tasks);
  const oursLong = worstExtensionFrame(beforeIdle, tasks, { madeLong: true });
  // Frames are known (a monitor ran) and the extension's work is known (it recorded tasks): then "no
  // frame with extension work" is 0; without either it is unknown.
  const framesKnown = run.frames !== null && tasks.length > 0;
  return {
    instrumented: m.wait.instrumented,
    settled: m.wait.settled,
    limitMs,
    limitMatches: m.limit.matches,
    marks: run.marks,
    mentions: run.mentions,
    firstTaskMs: firstTask,
    firstHighlightMs: run.firstHighlight,
    firstHighlightRatio: ratio(since(run.firstHighlight), limitMs),
    idleMs,
    idleRatio: ratio(since(idleMs), limitMs),
    taskCount: tasks.length,
    matcherLoadMs: run.matcherLoad ?? null,
    scriptMs,
    scriptRatio: ratio(scriptMs, limitMs),
    longestTaskMs: max(tasks.map(([, d]) => d)),
    longestTaskRatio: ratio(max(tasks.map(([, d]) => d)), limitMs),
    worstFrameMs: max(beforeIdle.map(([, d]) => d)) ?? (run.frames ? 0 : null),
    worstExtFrameMs: worstExt?.ms ?? (framesKnown ? 0 : null),
    worstExtFrameExtMs: worstExt?.extensionMs ?? (framesKnown ? 0 : null),
    madeLongFrameMs: oursLong?.ms ?? (framesKnown ? 0 : null),
    madeLongFrameExtMs: oursLong?.extensionMs ?? (framesKnown ? 0 : null),
    nodes: m.nodes.total,
    heap: m.heap,
    offMs,
    offRatio: ratio(offMs, limitMs),
    offLongestMs: m.off ? max(m.off.tasks.map(([, d]) => d)) : null,
    offSettled: m.off ? m.off.settled : null,
    offGoneAfterMs: m.off ? m.off.goneAfterMs : null,
  };
}

/**
 * Figures of one load of the infinite-scroll page with the extension.
 * Extension time per batch = the backstory:task durations from that batch's append to the next one's.
 * @param {ReturnType<typeof import('./measure.mjs').measureScroll> extends Promise<infer T> ? T : never} m
 */
export function scrollFigures(m) {
  const starts = m.feed.batches.map((b) => b.start);
  const tasks = m.run.tasks;
  const known = m.wait.instrumented; // else no task is no information, not 0 ms
  const perBatch = starts.map((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : Infinity;
    const mine = tasks.filter(([t]) => t >= s && t < end);
    const ms = known ? sum(mine.map(([, d]) => d)) : null;
    const limitMs = m.batchLimits?.[i]?.ms ?? null;
    const idle = m.run.idle.find((t) => t >= s && t < end);
    return { ms, tasks: mine.length, limitMs, ratio: ratio(ms, limitMs), markedAfterMs: idle === undefined ? null : idle - s,
      longestMs: max(mine.map(([, d]) => d)) };
  });
  const ms = perBatch.map((b) => b.ms);
  const head = median(ms.slice(0, 5));
  const tail = median(ms.slice(-5));
  const initial = tasks.filter(([t]) => t < m.startedAt);
  return {
    instrumented: m.wait.instrumented,
    settled: m.wait.settled,
    batches: perBatch,
    batchMs: median(ms),
    batchLimitMs: median(perBatch.map((b) => b.limitMs)),
    batchRatio: median(perBatch.map((b) => b.ratio)),
    batchRatioMax: max(perBatch.map((b) => b.ratio)),
    flatness: ratio(tail, head),
    markedAfterMs: median(perBatch.map((b) => b.markedAfterMs)),
    longestTaskMs: max(tasks.map(([, d]) => d)),
    initialScriptMs: known ? sum(initial.map(([, d]) => d)) : null,
    appendMs: m.feed.batches.map((b) => b.appendMs),
    marks: m.run.marks,
    nodes: m.nodes.total,
    heap: m.heap,
    limitMs: m.limit.ms,
  };
}

/**
 * Worst-case fields (the longest task, the worst frame of a load), with the fields that describe the same
 * task or frame. Over runs they take the median run's value (the machine is shared: one preempted run
 * must not decide), with the worst run's value beside it as `<field>WorstRun`.
 */
const WORST = {
  longestTaskMs: ['longestTaskRatio'], worstFrameMs: [], worstExtFrameMs: ['worstExtFrameExtMs'], madeLongFrameMs: ['madeLongFrameExtMs'],
  offLongestMs: [], batchRatioMax: [],
};

/**
 * Medians over runs for every numeric field; for worst-case fields, the median run's value and its
 * companions. Other fields come from the first run.
 * @param {object[]} runs
 */
export function aggregate(runs) {
  if (!runs.length) return null;
  const out = { ...runs[0], runs: runs.length };
  const companions = new Set(Object.values(WORST).flat());
  for (const [key, value] of Object.entries(runs[0])) {
    if ((typeof value !== 'number' && value !== null) || companions.has(key)) continue;
    const values = runs.map((r) => r[key]);
    if (!values.some((v) => typeof v === 'number')) continue;
    if (key in WORST) {
      const ranked = runs.filter((r) => typeof r[key] === 'number').sort((a, b) => a[key] - b[key]);
      const mid = ranked[ranked.length >> 1];
      out[key] = mid[key];
      for (const c of WORST[key]) out[c] = mid[c] ?? null;
      out[`${key}WorstRun`] = max(values);
    } else {
      out[key] = median(values);
    }
  }
  return out;
}
