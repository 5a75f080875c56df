// Reads the extension's marks out of a page: `mark[data-entity][data-mention]`, one or more marks per
// mention (a mention split across inline elements gets one mark per text piece, sharing data-mention).

/** Entities the extension recognises; countByEntity always reports all of them. */
export const ENTITIES = ['pawn-storm', 'macron', 'trend-micro'];

const MARK_SELECTOR = 'mark[data-entity][data-mention]';

/**
 * @typedef {object} Mention
 * @property {string} mention  the data-mention value
 * @property {string} entity   the data-entity value (of the first mark)
 * @property {string} text     text of all marks of this mention, concatenated in document order
 * @property {string} before   up to 40 chars of page text before it, whitespace collapsed
 * @property {string} after    up to 40 chars after it
 * @property {number} frame    0 = top document, n = n-th same-origin iframe document visited
 */

/**
 * Collects every distinct mention in the page, its same-origin iframes (recursively) and open shadow
 * roots. Mentions are grouped per frame, since each frame runs its own content script and ids may repeat.
 * @param {import('puppeteer-core').Page} page
 * @returns {Promise<Mention[]>}
 */
export function collectMentions(page) {
  return page.evaluate(inPageCollect, MARK_SELECTOR);
}

/**
 * Polls until the number of marks has not changed for quietMs (the content script marks at
 * document_idle, in slices). It also waits for document.readyState 'complete': Firefox runs
 * document_idle scripts only after the load event, which offline pages with remote images can delay
 * by seconds. While there are no marks at all it waits at least minWaitMs after that, so a page is not
 * declared settled before the content script has even run.
 * Caveat: mark counts cannot tell a finished scan from a pause between slices on a stretch of text
 * without matches; pass a larger quietMs for large pages, or doneSelector if the content script
 * exposes a completion marker (settled then also requires document.querySelector(doneSelector)).
 * @param {import('puppeteer-core').Page} page
 * @param {{ quietMs?: number, timeoutMs?: number, minWaitMs?: number, intervalMs?: number,
 *           doneSelector?: string|null }} [options]
 * @returns {Promise<{ count: number, settled: boolean, elapsedMs: number }>} settled=false on timeout
 */
export async function waitForMarksSettled(page,
  { quietMs = 300, timeoutMs = 15000, minWaitMs = 1000, intervalMs = 100, doneSelector = null } = {}) {
  const start = Date.now();
  let last = -1;
  let stableSince = start;
  let completeSince = 0;
  for (;;) {
    // A tab opened a moment ago may still be leaving about:blank for its page: that navigation destroys the
    // context of an evaluate in flight. The page is not settled then; ask again.
    const state = await page.evaluate(inPageCount, MARK_SELECTOR, doneSelector).catch((error) => {
      if (/context was destroyed|Cannot find context|navigat/iu.test(String(error?.message))) return null;
      throw error;
    });
    const now = Date.now();
    if (!state) {
      last = -1;
      completeSince = 0;
      if (now - start >= timeoutMs) return { count: 0, settled: false, elapsedMs: now - start };
      await new Promise((ok) => setTimeout(ok, intervalMs));
      continue;
    }
    const { count, complete, done } = state;
    if (count !== last) { last = count; stableSince = now; }
    if (complete && !completeSince) completeSince = now;
    const quietEnough = completeSince > 0 && now - stableSince >= quietMs
      && (doneSelector ? done : count > 0 || now - completeSince >= minWaitMs);
    if (quietEnough) return { count, settled: true, elapsedMs: now - start };
    if (now - start >= timeoutMs) return { count, settled: false, elapsedMs: now - start };
    await new Promise((ok) => setTimeout(ok, intervalMs));
  }
}

/**
 * Number of distinct mentions per entity.
 * @param {Array<{ entity: string }>} mentions
 * @returns {Record<string, number>} always has 'pawn-storm', 'macron' and 'trend-micro'
 */
export function countByEntity(mentions) {
  const counts = Object.fromEntries(ENTITIES.map((e) => [e, 0]));
  for (const m of mentions) counts[m.entity] = (counts[m.entity] ?? 0) + 1;
  return counts;
}

// ---- In-page functions: serialised by page.evaluate, so they must be self-contained. ----

/** Counts marks in all reachable roots; also reports whether the top document has loaded / is done. */
function inPageCount(selector, doneSelector) {
  let n = 0;
  const visit = (root) => {
    n += root.querySelectorAll(selector).length;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.localName === 'iframe' || el.localName === 'frame') {
        let doc = null;
        try { doc = el.contentDocument; } catch { /* cross-origin */ }
        if (doc) visit(doc);
      }
    }
  };
  visit(document);
  const done = doneSelector ? document.querySelector(doneSelector) !== null : false;
  return { count: n, complete: document.readyState === 'complete', done };
}

/** Collects mentions with context; see collectMentions. */
function inPageCollect(selector) {
  const CONTEXT = 40;
  // Elements that do not break the flow of text; every other element boundary adds a space to the
  // context string, so "</p><p>" does not glue two words together.
  const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i',
    'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
    'del', 'ins', 'nobr', 'big', 'tt', 'strike', 'label', 'slot']);
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'head', 'title']);
  // The extension's own hover card is UI, not page text.
  const OWN_UI = 'backstory-card';

  const out = new Map();
  let frameNo = 0;

  const visitDocument = (doc) => {
    const frame = frameNo++;
    // Flatten this document's text (descending into open shadow roots) and remember each text
    // node's offset, so a mention's context can be cut from the flat string.
    const parts = [];
    const offsets = new Map();
    let length = 0;
    const push = (s) => { parts.push(s); length += s.length; };
    const marks = [];
    const frames = [];
    // textOn=false inside script/style/…: their text is not page text, but marks there still count.
    const walk = (node, textOn) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) {
          if (!textOn) continue;
          offsets.set(child, length);
          push(child.data);
        } else if (child.nodeType === 1) {
          const name = child.localName;
          if (name === OWN_UI) continue;
          if (name === 'iframe' || name === 'frame') { frames.push(child); continue; }
          if (child.matches(selector)) marks.push(child);
          const on = textOn && !SKIP.has(name);
          const block = on && !INLINE.has(name);
          if (block) push(' ');
          // Open shadow content first, then light DOM (slotted text); the order is approximate.
          if (child.shadowRoot) walk(child.shadowRoot, on);
          walk(child, on);
          if (block) push(' ');
        }
      }
    };
    walk(doc, true);
    const flat = parts.join('');
    const collapse = (s) => s.replace(/\s+/g, ' ');

    const groups = new Map();
    for (const mark of marks) {
      const key = mark.getAttribute('data-mention');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { entity: mark.getAttribute('data-entity'), text: '', start: -1, end: -1 }));
      g.text += mark.textContent;
      // First and last text node inside this mark give its span in the flat string.
      const tw = doc.createTreeWalker(mark, NodeFilter.SHOW_TEXT);
      for (let t = tw.nextNode(); t; t = tw.nextNode()) {
        const at = offsets.get(t);
        if (at === undefined) continue;
        if (g.start < 0) g.start = at;
        g.end = at + t.data.length;
      }
    }
    for (const [mention, g] of groups) {
      const before = g.start < 0 ? '' : collapse(flat.slice(Math.max(0, g.start - CONTEXT * 8), g.start)).slice(-CONTEXT);
      const after = g.end < 0 ? '' : collapse(flat.slice(g.end, g.end + CONTEXT * 8)).slice(0, CONTEXT);
      out.set(`${frame}\u0000${mention}`, { mention, entity: g.entity, text: g.text, before, after, frame });
    }
    for (const el of frames) {
      let child = null;
      try { child = el.contentDocument; } catch { /* cross-origin */ }
      if (child) visitDocument(child);
    }
  };
  visitDocument(document);
  return [...out.values()];
}
