// The page as the user has it, in Chromium and Firefox: editable text is never touched (form fields,
// contenteditable editors, designMode documents, an element that becomes editable after it was marked);
// mentions inside open shadow roots and same-origin, about:blank and srcdoc frames are marked and open their
// card; nothing of the page's text is lost while marked or after switching off, down to its own text nodes;
// and the extension asks the network for nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { browserDistDir, launchWithExtension } from '../harness/browsers.mjs';
import { startServer } from '../harness/server.mjs';
import {
  FIXTURES, MARK, expectedIn, foreignRequests, mentionsIn, setEnabled, sleep, unexpectedRequests, until, waitIdle,
  openWatched, watchErrors,
} from '../harness/real-web.mjs';
import { cardBox, waitForCard } from './card-helpers';
import { BROWSERS } from './browsers';

const root = process.env['BACKSTORY_ROOT']!;
const artifacts = path.join(root, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });
/** Fixes Firefox's moz-extension:// origin so a test can write the extension's storage from its own page. */
const FIREFOX_UUID = '3d0c7d3e-5a8e-4f0b-9c61-7b2f1e4a9d21';

/** In the page: puts the caret in `el` at text offset `at` (counted over its text; -1 = the end) and focuses it. */
function placeCaret(el: Element, at: number): void {
  (el as HTMLElement).focus();
  const doc = el.ownerDocument;
  const range = doc.createRange();
  if (at < 0) {
    range.selectNodeContents(el);
    range.collapse(false);
  } else {
    const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let left = at;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (left <= n.data.length) {
        range.setStart(n, left);
        break;
      }
      left -= n.data.length;
    }
    range.collapse(true);
  }
  const sel = doc.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
}

/** In the page: the element's text and where the caret is in it (text offset), with its marks. */
function editState(el: Element, mark: string) {
  const doc = el.ownerDocument;
  const sel = doc.getSelection()!;
  let caret = -1;
  if (sel.rangeCount && el.contains(sel.focusNode)) {
    const r = doc.createRange();
    r.setStart(el, 0);
    r.setEnd(sel.focusNode!, sel.focusOffset);
    caret = r.toString().length;
  }
  // Firefox's editor types a space at the end of a text node as U+00A0 (it does so on a page without any
  // mention too): compared as a space.
  return { text: el.textContent!.replace(/\u00A0/gu, ' '), caret, collapsed: sel.isCollapsed, marks: el.querySelectorAll(mark).length };
}

describe.each(BROWSERS)('%s: the real web', (browserName) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let session: Awaited<ReturnType<typeof launchWithExtension>>;
  let page: Page;
  let errors: ReturnType<typeof watchErrors>;
  const driverRequests: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${browserName}-${name}.png`) as `${string}.png` });

  const open = async (file: string, viewport = { width: 1000, height: 750 }) => {
    ({ page, errors } = await openWatched(session.browser, server.url(file), viewport, driverRequests));
    await waitIdle(page);
  };
  const frameOf = async (id: string): Promise<Frame> => {
    const handle = await page.$(`iframe#${id}`);
    const frame = await handle!.contentFrame();
    if (!frame) throw new Error(`no frame for #${id}`);
    return frame;
  };
  beforeAll(async () => {
    server = await startServer({ root: FIXTURES });
    session = await launchWithExtension(browserName, browserDistDir(browserName, { variant: 'test' }), { firefoxUuid: FIREFOX_UUID });
  });
  afterEach(async () => {
    await page?.close().catch(() => undefined);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  describe('editable text', () => {
    it('form fields, contenteditable editors and a designMode document hold no mark; the rest of the page does', async () => {
      await open('editable.html');
      expect(await mentionsIn(page, '#control, #inline-host, #later, #later-child, #moved')).toEqual(
        await expectedIn(page, '#control, #inline-host, #later, #later-child, #moved'));
      expect(await page.$$eval(`#editor ${MARK}, #empty-editor ${MARK}, #inline-editor ${MARK}, #target-editor ${MARK}`, (m) => m.length)).toBe(0);
      expect(await page.$eval('#field', (f) => (f as HTMLInputElement).value)).toBe('Pawn Storm');
      expect(await page.$eval('#notes', (f) => (f as HTMLTextAreaElement).value)).toBe('Emmanuel Macron');
      expect(await page.$eval('#editor', (e) => e.innerHTML)).toBe('<p>Draft: Trend Micro <b>says</b> Sofacy</p>');
      const design = await (await frameOf('design')).evaluate((sel) => ({ mode: document.designMode, marks: document.querySelectorAll(sel).length, text: document.querySelector('p')!.textContent }), MARK);
      expect(design).toEqual({ mode: 'on', marks: 0, text: 'Pawn Storm in a designMode document' });
      // A control: the same kind of frame, not in designMode, is marked.
      const other = await frameOf('design-later');
      expect(await until('marks in the other frame', () => other.evaluate((sel) => document.querySelectorAll(sel).length, MARK))).toBe(1);
      expect(errors.errors).toEqual([]);
    });

    it('typing "Macron" into a rich-text editor: no mark, the caret stays at the end, the text is exactly what was typed', async () => {
      await open('editable.html');
      for (const [id, typed] of [['#empty-editor', 'Macron'], ['#editor', ' and Macron met Pawn Storm']] as const) {
        const before = await page.$eval(id, (e) => e.textContent!);
        await page.$eval(id, placeCaret, -1);
        await page.keyboard.type(typed, { delay: 20 });
        await sleep(500); // past the watcher's batch and any rescan
        const s = await page.$eval(id, editState, MARK);
        expect(s).toEqual({ text: before + typed, caret: (before + typed).length, collapsed: true, marks: 0 });
        // The caret did not move while the extension looked: the next key lands at the end too.
        await page.keyboard.type('!');
        await sleep(300);
        expect(await page.$eval(id, editState, MARK)).toEqual({ text: `${before}${typed}!`, caret: (before + typed).length + 1, collapsed: true, marks: 0 });
      }
      // An editable span inside a marked paragraph: its block is read again as the user types, the span never.
      await page.$eval('#inline-editor', placeCaret, -1);
      await page.keyboard.type(' Macron', { delay: 20 });
      await sleep(500);
      expect(await page.$eval('#inline-editor', editState, MARK)).toEqual({ text: 'APT28 Macron', caret: 12, collapsed: true, marks: 0 });
      expect(await mentionsIn(page, '#inline-host')).toEqual([['Tsar Team']]);
      // Form fields.
      for (const id of ['#field', '#notes']) {
        await page.$eval(id, (f) => { (f as HTMLInputElement).focus(); (f as HTMLInputElement).select(); });
        await page.keyboard.type('Macron');
        expect(await page.$eval(id, (f) => (f as HTMLInputElement).value)).toBe('Macron');
      }
      await shot('editable-typed');
      expect(errors.errors).toEqual([]);
    });

    it('an element that becomes contenteditable after it was marked loses its marks and keeps its text', async () => {
      await open('editable.html');
      const before = await page.$eval('#later', (e) => e.textContent);
      const parentBefore = await page.$eval('#later-parent', (e) => e.textContent);
      expect(await mentionsIn(page, '#later, #later-child')).toEqual([['Fancy Bear'], ['Sednit']]);
      await page.$eval('#later', (e) => e.setAttribute('contenteditable', 'true'));
      await page.$eval('#later-parent', (e) => { (e as HTMLElement).contentEditable = 'true'; });
      await until('marks to go', async () => (await page.$$eval(`#later ${MARK}, #later-parent ${MARK}`, (m) => m.length)) === 0, { timeoutMs: 2000 }).catch(() => undefined);
      expect(await page.$$eval(`#later ${MARK}, #later-parent ${MARK}`, (m) => m.length)).toBe(0);
      expect(await page.$eval('#later', (e) => e.textContent)).toBe(before);
      expect(await page.$eval('#later-parent', (e) => e.textContent)).toBe(parentBefore);
      // And typing in the middle of it lands where the caret is.
      await page.$eval('#later', placeCaret, 5);
      await page.keyboard.type('X');
      await sleep(400);
      expect(await page.$eval('#later', editState, MARK)).toEqual({ text: `${before!.slice(0, 5)}X${before!.slice(5)}`, caret: 6, collapsed: true, marks: 0 });
      expect(await mentionsIn(page, '#control')).toEqual([['Pawn Storm']]);
    });

    it('a marked paragraph moved into an editor loses its marks; typing in it keeps every character', async () => {
      await open('editable.html');
      const before = await page.$eval('#moved', (e) => e.textContent!);
      expect(await mentionsIn(page, '#moved')).toEqual([['Macron']]);
      await page.$eval('#moved', (p) => document.getElementById('target-editor')!.append(p));
      await sleep(400);
      expect.soft(await page.$$eval(`#target-editor ${MARK}`, (m) => m.length), 'marks left inside the editor').toBe(0);
      // The user clicks into "Intro|" and types: every character of the paragraph must stay.
      await page.$eval('#moved', placeCaret, 5);
      await page.keyboard.type('X');
      await sleep(400);
      const s = await page.$eval('#moved', editState, MARK);
      expect({ text: s.text, caret: s.caret }).toEqual({ text: `${before.slice(0, 5)}X${before.slice(5)}`, caret: 6 });
      expect(s.marks).toBe(0);
    });

    it('a document switched to designMode after it was marked loses its marks; typing in it keeps every character', async () => {
      await open('editable.html');
      const frame = await frameOf('design-later');
      await until('the frame to be marked', () => frame.evaluate((sel) => document.querySelectorAll(sel).length === 1, MARK));
      const before = await frame.$eval('#t', (e) => e.textContent!);
      await frame.evaluate(() => { document.designMode = 'on'; });
      await sleep(1000);
      expect.soft(await frame.evaluate((sel) => document.querySelectorAll(sel).length, MARK), 'marks left in a designMode document').toBe(0);
      await frame.evaluate(() => window.focus());
      await frame.$eval('#t', placeCaret, 5);
      await page.keyboard.type('X');
      await sleep(400);
      const s = await frame.$eval('#t', editState, MARK);
      expect({ text: s.text, caret: s.caret }).toEqual({ text: `${before.slice(0, 5)}X${before.slice(5)}`, caret: 6 });
      expect(s.marks).toBe(0);
    });

    it('typing into a document in designMode from the start: no mark, exact text, caret at the end', async () => {
      await open('editable.html');
      const frame = await frameOf('design');
      await frame.evaluate(() => window.focus());
      await frame.$eval('p', placeCaret, -1);
      await page.keyboard.type(' and Macron', { delay: 20 });
      await sleep(500);
      expect(await frame.$eval('p', editState, MARK)).toEqual({
        text: 'Pawn Storm in a designMode document and Macron', caret: 46, collapsed: true, marks: 0,
      });
      expect(await frame.evaluate(() => document.querySelector('backstory-card'))).toBeNull();
    });
  });

  describe('shadow DOM and frames', () => {
    const hoverCard = async (where: Page | Frame, mark: ElementHandle<Element>, name: string) => {
      await mark.evaluate((m) => m.scrollIntoView({ block: 'center' }));
      await mark.hover();
      const card = await waitForCard(where as Page, true);
      expect(card!.name).toBe(name);
      const box = (await cardBox(where as Page))!;
      const markBox = await mark.evaluate((m) => m.getClientRects()[0]!.toJSON() as DOMRect);
      const view = await where.evaluate(() => ({ w: document.documentElement.clientWidth, h: innerHeight }));
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(view.w);
      expect(box.bottom).toBeLessThanOrEqual(view.h);
      const gap = box.top >= markBox.bottom - 1 ? box.top - markBox.bottom : markBox.top - box.bottom;
      expect(gap).toBeGreaterThanOrEqual(-1);
      expect(gap).toBeLessThan(20);
    };
    /** The pointer leaves: the card closes (Escape would go to the focused document, not to a frame's). */
    const closeCard = async (where: Page | Frame) => {
      await page.mouse.move(990, 5, { steps: 3 });
      await waitForCard(where as Page, false);
    };

    it('mentions in open shadow roots of web components (nested, added later, re-rendered) are marked', async () => {
      await open('shadow.html');
      const inShadow = (host: string, sel: string) => page.evaluate((h, s, mark) => {
        let root: Document | ShadowRoot = document;
        for (const part of h.split(' >> ')) root = root.querySelector(part)!.shadowRoot!;
        return [...root.querySelectorAll(s)].map((el) => [...el.querySelectorAll(mark)].map((m) => m.textContent).join('|'));
      }, host, sel, MARK);
      await until('the component added later to be marked', async () => (await inShadow('#late-host news-card', '.text'))[0] === 'APT28');
      expect(await inShadow('#c1', '.text')).toEqual(['Fancy Bear|Trend Micro']);
      expect(await inShadow('#c2', '.text')).toEqual(['']);
      expect(await mentionsIn(page, '#slotted')).toEqual([['Emmanuel Macron']]);
      expect(await inShadow('#w', '#outer-text')).toEqual(['Sednit']);
      expect(await inShadow('#w >> #inner', '.text')).toEqual(['Pawn Storm|Tsar Team']);
      await page.evaluate(() => (window as unknown as { rerender(): void }).rerender());
      await until('the re-rendered root to be marked', async () => (await inShadow('#rerender', '.text'))[0] === 'Forest Blizzard', { timeoutMs: 3000 }).catch(() => undefined);
      expect(await inShadow('#rerender', '.text')).toEqual(['Forest Blizzard']);
      // Marks in a shadow root get the extension's look (the page's stylesheet does not reach in).
      const look = await page.evaluate((mark) => {
        const m = document.querySelector('#c1')!.shadowRoot!.querySelector(mark)!;
        const r = m.getBoundingClientRect();
        return { display: getComputedStyle(m).display, image: getComputedStyle(m).backgroundImage !== 'none', area: r.width * r.height };
      }, MARK);
      expect(look.display).toBe('inline');
      expect(look.image).toBe(true);
      expect(look.area).toBeGreaterThan(0);
      await shot('shadow');
      expect(errors.errors).toEqual([]);
    });

    it('a web component defined after the extension ran (upgraded in place) is marked', async () => {
      await open('shadow.html');
      await page.evaluate(() => (window as unknown as { defineLater(): void }).defineLater());
      const marked = () => page.evaluate((mark) => [...document.querySelector('#upgrade')!.shadowRoot?.querySelectorAll(mark) ?? []].map((m) => m.textContent), MARK);
      await until('the upgraded component to be marked', async () => (await marked()).length > 0, { timeoutMs: 3000 }).catch(() => undefined);
      expect(await page.$eval('#upgrade', (e) => e.shadowRoot?.textContent)).toBe('Upgraded: Sofacy Group.');
      expect(await marked()).toEqual(['Sofacy Group']);
    });

    it('hovering a mention inside a shadow root (and a nested one) opens its card on top', async () => {
      await open('shadow.html');
      for (const [path, name] of [[['#c1'], 'Pawn Storm'], [['#w', '#inner'], 'Pawn Storm']] as const) {
        const mark = await page.evaluateHandle((p, sel) => {
          let root: Document | ShadowRoot = document;
          for (const part of p) root = root.querySelector(part)!.shadowRoot!;
          return root.querySelector(`${sel}[data-entity="pawn-storm"]`)!;
        }, [...path], MARK) as ElementHandle<Element>;
        await page.mouse.move(1, 1);
        await hoverCard(page, mark, name);
        await shot(`shadow-card-${path.length}`);
        await closeCard(page);
      }
    });

    it.each([
      ['same', 'a same-origin frame', ['Pawn Storm', 'Trend Micro'], 'Trend Micro'],
      ['blank', 'an about:blank frame filled by script', ['Fancy Bear', 'Sednit'], 'Pawn Storm'],
      ['srcdoc', 'a srcdoc frame', ['Tsar Team', 'Emmanuel Macron'], 'Emmanuel Macron'],
      ['blank-late', 'an about:blank frame filled later', ['Trend Micro'], 'Trend Micro'],
    ] as const)('#%s, %s: mentions marked, and its own card on hover', async (id, _what, names, cardName) => {
      await open('frames.html');
      const frame = await frameOf(id);
      const read = () => frame.evaluate((mark) => {
        const groups = new Map<string, string>();
        for (const m of document.querySelectorAll(mark)) groups.set(m.getAttribute('data-mention')!, (groups.get(m.getAttribute('data-mention')!) ?? '') + m.textContent);
        return [...groups.values()];
      }, MARK);
      await until(`marks in #${id}`, async () => (await read()).length === names.length, { timeoutMs: 6000 }).catch(() => undefined);
      expect(await read()).toEqual([...names]);
      // The page's own document is marked once, by its own content script.
      expect(await mentionsIn(page, 'body > p')).toEqual([['Sofacy']]);
      const last = (await frame.$$(MARK)).at(-1)!;
      await hoverCard(frame, last, cardName);
      await shot(`frame-${id}-card`);
      expect(await page.$('backstory-card')).toBeNull(); // the card is the frame's, not the top page's
      await closeCard(frame);
      expect(errors.errors).toEqual([]);
    });
  });

  describe('nothing lost', () => {
    it('the text is the same before marking, while marked and after switching off, which gives back the page’s own text nodes', async () => {
      await open('lossless.html');
      type Before = { innerText: string; textContent: string; innerHTML: string; marks: number };
      const state = () => page.evaluate(() => {
        const w = window as unknown as { __before: Before; __textNodes: Text[]; __textData: string[]; __adjacent: Text[]; __adjacentData: string[] };
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        while (walker.nextNode()) nodes.push(walker.currentNode as Text);
        const adjacent = document.getElementById('adjacent')!;
        return {
          before: w.__before,
          innerText: document.body.innerText,
          textContent: document.body.textContent,
          innerHTML: document.body.innerHTML,
          marks: document.querySelectorAll('mark[data-entity]').length,
          textNodes: nodes.length,
          textNodesBefore: w.__textNodes.length,
          sameNodes: nodes.length === w.__textNodes.length && nodes.every((n, i) => n === w.__textNodes[i]),
          sameData: nodes.map((n) => n.data).join('\u0001') === w.__textData.join('\u0001'),
          changedNodes: w.__textNodes.map((n, i) => [i, n.data, w.__textData[i]]).filter(([, a, b]) => a !== b).slice(0, 5),
          adjacent: { length: adjacent.childNodes.length, same: [...adjacent.childNodes].every((n, i) => n === w.__adjacent[i]), data: w.__adjacent.map((n) => n.data), dataBefore: w.__adjacentData },
        };
      });
      const marked = await state();
      expect(marked.before.marks).toBe(0); // captured before the extension ran
      expect(marked.marks).toBeGreaterThanOrEqual(20);
      expect(await mentionsIn(page, '#adjacent')).toEqual([['Macron', 'Trend Micro']]); // "Mac" + "ron " is one name
      expect(marked.innerText).toBe(marked.before.innerText);
      expect(marked.textContent).toBe(marked.before.textContent);
      expect(marked.innerHTML).not.toBe(marked.before.innerHTML); // it did change the markup
      await shot('lossless-marked');

      try {
        await setEnabled(session, false);
        await until('every mark to go', async () => (await state()).marks === 0, { timeoutMs: 5000 }).catch(() => undefined);
        const off = await state();
        expect(off.marks).toBe(0);
        expect(off.innerText).toBe(off.before.innerText);
        expect(off.textContent).toBe(off.before.textContent);
        expect(off.innerHTML).toBe(off.before.innerHTML);
        expect(off.changedNodes).toEqual([]);
        expect({ count: off.textNodes, same: off.sameNodes, data: off.sameData }).toEqual({ count: off.textNodesBefore, same: true, data: true });
        expect(off.adjacent).toEqual({ length: 3, same: true, data: ['Mac', 'ron ', 'Trend Micro'], dataBefore: ['Mac', 'ron ', 'Trend Micro'] });

        // On again: the same marks, the same text.
        await setEnabled(session, true);
        await until('the marks to come back', async () => (await state()).marks === marked.marks, { timeoutMs: 5000 }).catch(() => undefined);
        const on = await state();
        expect(on.marks).toBe(marked.marks);
        expect(on.innerText).toBe(on.before.innerText);
        expect(on.textContent).toBe(on.before.textContent);
      } finally {
        await setEnabled(session, true);
      }
      expect(errors.errors).toEqual([]);
    });
  });

  it('makes no network request: the server saw only the pages and their frames', async () => {
    await page?.close().catch(() => undefined);
    expect(server.requests.length).toBeGreaterThanOrEqual(8);
    expect(unexpectedRequests(server.requests, ['/editable.html', '/shadow.html', '/frames.html', '/frame-child.html', '/lossless.html'])).toEqual([]);
    expect(foreignRequests(driverRequests, server.origin)).toEqual([]);
  });
});
