// Functions the bench runs inside the page (main world). page.evaluate serialises them, so each is
// self-contained: no imports, no closure over module variables.

/** The marks Backstory puts in the page (same selector as tests/harness/mentions.mjs). */
export const MARK_SELECTOR = 'mark[data-entity][data-mention]';

/**
 * Installed before any page script (evaluateOnNewDocument): records long frames in window.__benchFrames
 * as [start, duration]. Chromium: Long Animation Frames (> 50 ms, as the browser reports them). Firefox
 * has no LoAF: a requestAnimationFrame loop records the gaps between frames longer than 20 ms (it stops
 * when window.__benchFramesStop is set, so it does not disturb the baseline measurement).
 * @param {boolean} loaf  true in Chromium
 */
export function inPageFrameMonitor(loaf) {
  const frames = [];
  window.__benchFrames = frames;
  if (loaf) {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) frames.push([e.startTime, e.duration]);
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch { /* unsupported: no frames */ }
    return;
  }
  let last = 0;
  const tick = (now) => {
    if (last && now - last > 20) frames.push([last, now - last]);
    last = now;
    if (!window.__benchFramesStop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * Where the content script stands.
 * @param {string} markSelector
 * @param {number} since  performance.now() after which idle marks count
 */
export function inPageState(markSelector, since) {
  const root = document.documentElement;
  const idle = performance.getEntriesByName('backstory:idle');
  return {
    state: root.dataset.backstoryState ?? null,
    idleAfter: idle.filter((e) => e.startTime >= since).length,
    lastIdle: idle.length ? idle[idle.length - 1].startTime : null,
    entries: idle.length + performance.getEntriesByName('backstory:task').length,
    complete: document.readyState === 'complete',
    marks: document.querySelectorAll(markSelector).length,
    now: performance.now(),
  };
}

/**
 * Everything the content script recorded, the frames, and the marks. Stops Firefox's frame loop.
 * @param {string} markSelector
 */
export function inPageCollect(markSelector) {
  window.__benchFramesStop = true;
  const named = (n) => performance.getEntriesByName(n);
  const marks = document.querySelectorAll(markSelector);
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    tasks: named('backstory:task').map((e) => [e.startTime, e.duration]),
    firstHighlight: named('backstory:first-highlight')[0]?.startTime ?? null,
    idle: named('backstory:idle').map((e) => e.startTime),
    matcherLoad: named('backstory:load')[0]?.duration ?? null,
    frames: window.__benchFrames ?? null,
    marks: marks.length,
    mentions: new Set([...marks].map((m) => m.getAttribute('data-mention'))).size,
    benchAttribute: document.documentElement.hasAttribute('data-backstory-bench'),
    state: document.documentElement.dataset.backstoryState ?? null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    load: nav ? nav.loadEventEnd : null,
    visibility: document.visibilityState,
  };
}

/** Elements and text nodes in the whole document (the card host, if any, is left out). */
export function inPageNodeCount() {
  let elements = 0;
  let text = 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.nodeType === 1 && n.localName === 'backstory-card' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 1) elements += 1;
    else text += 1;
  }
  return { elements, text, total: elements + text };
}

/** The infinite-scroll page's own records (window.benchFeed), without the node lists. */
export function inPageFeed() {
  const feed = window.benchFeed;
  return feed ? { done: feed.done, batches: feed.batches.map((b) => ({ start: b.start, appendMs: b.appendMs })) } : null;
}

/**
 * Arms a probe for the card: resolves with the time from the pointer entering a mark (when the page's
 * window sees pointerover; fromEventMs: from the event's timeStamp) to the first animation frame in which
 * the card's dialog is visible, and the number of frames until then. Needs an open shadow root (the test
 * build). Resolves null after 5 s.
 * @param {string} markSelector
 */
export function inPageArmCardProbe(markSelector) {
  window.__benchCard = new Promise((resolve) => {
    let t0 = null;
    let eventTime = null;
    let frames = 0;
    const armedAt = performance.now();
    const over = (e) => {
      if (t0 !== null || !(e.target instanceof Element) || !e.target.closest(markSelector)) return;
      t0 = performance.now(); // when the page gets the event (input delivery before it is not ours)
      eventTime = e.timeStamp;
    };
    addEventListener('pointerover', over, true);
    const visible = () => {
      const dialog = document.querySelector('backstory-card')?.shadowRoot?.querySelector('[role="dialog"]');
      return Boolean(dialog && !dialog.hidden && dialog.getBoundingClientRect().width > 0);
    };
    const done = (value) => {
      removeEventListener('pointerover', over, true);
      resolve(value);
    };
    const tick = () => {
      if (t0 !== null) {
        frames += 1;
        if (visible()) return done({ ms: performance.now() - t0, fromEventMs: performance.now() - eventTime, frames });
      }
      if (performance.now() - armedAt > 5000) return done(null);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Arms a MutationObserver (main world) that records when marks leave the page: window.__benchUnmark =
 * { first, last, removed } in performance.now() time, taken in the observer's callbacks, which run after
 * the task that removed them. So `first` minus the time of the switch bounds the switch-off from above
 * (it includes the delivery of the storage change), when the content script records no task for it.
 * @param {string} markSelector
 */
export function inPageArmUnmarkProbe(markSelector) {
  const probe = { first: null, last: null, removed: 0 };
  window.__benchUnmark = probe;
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      for (const n of r.removedNodes) {
        if (n.nodeType !== 1 || !n.matches(markSelector)) continue;
        probe.first ??= now;
        probe.last = now;
        probe.removed += 1;
      }
    }
  }).observe(document, { childList: true, subtree: true });
  return performance.now();
}

/** True while the card's dialog is shown (test build: open shadow root). */
export function inPageCardVisible() {
  const dialog = document.querySelector('backstory-card')?.shadowRoot?.querySelector('[role="dialog"]');
  return Boolean(dialog && !dialog.hidden);
}

/**
 * Writes Backstory's settings from one of its own pages, merged over what is stored (the content script
 * parses missing fields to their defaults).
 * @param {object} patch  e.g. { enabled: false }
 */
export async function inExtensionPatchSettings(patch) {
  const api = globalThis.browser ?? globalThis.chrome;
  const stored = (await api.storage.local.get('settings')).settings ?? {};
  const defaults = { enabled: true, disabledSites: [], entities: { 'pawn-storm': true, macron: true, 'trend-micro': true }, hoverDelayMs: 300 };
  await api.storage.local.set({ settings: { ...defaults, ...stored, ...patch } });
}
