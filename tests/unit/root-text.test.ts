// @vitest-environment happy-dom
// The first pass searches a long root's text less its long scripts and styles, and maps what it finds back to
// textContent's offsets, which the walk counts in.
import { beforeEach, describe, expect, it } from 'vitest';
import pack from 'backstory:pack';
import { compileMatcher, findMentions, type Candidates } from '../../src/knowledge/matcher';
import { inWhole, readRootText } from '../../src/content/reader/root-text';
import { CandidateFinder } from '../../src/content/reader/candidates';
import { PageReader } from '../../src/content/reader/page-reader';

const matcher = compileMatcher(pack.entities);
const own = 'mark[data-backstory]';
/** A script of JSON naming people, as news sites embed their articles' data. */
const blob = (n: number): string => `<script type="application/json">${JSON.stringify({ people: Array.from({ length: n }, (_, i) => `Emmanuel Macron ${i}`) })}</script>`;
const filler = (n: number): string => 'Words of an ordinary paragraph. '.repeat(n);

beforeEach(() => document.body.replaceChildren());

describe('readRootText', () => {
  it('leaves out the text of long scripts and styles of a long root, and keeps the rest in order', () => {
    // (A style first, then a script: in document order, whatever the order the browser is asked in.)
    document.body.innerHTML = `<p>${filler(300)}</p><p>Before <style>${'p{color:red}'.repeat(200)}</style>after.</p>${blob(100)}<script>var short = 1;</script><p>End.</p>`;
    const text = readRootText(document.body);
    expect(text.whole).toBe(document.body.textContent);
    expect(text.searched).toBe(`${filler(300)}Before after.var short = 1;End.`); // (a short script stays)
    expect(text.cuts.map((c) => c.length)).toEqual([2400, document.querySelector('script')!.textContent!.length]);
    expect(text.searched.length + text.cuts.reduce((s, c) => s + c.length, 0)).toBe(text.whole.length);
  });

  it('cuts an element inside one it cuts with it', () => {
    // (A page's script can put elements into a noscript: its text is cut once, with the noscript's.)
    document.body.innerHTML = `<p>${filler(300)}</p><noscript id="n">${'x{'.repeat(600)}</noscript><p>Tail.</p>`;
    const noscript = document.getElementById('n')!;
    noscript.append(document.createElement('script'), document.createElement('style'));
    noscript.querySelector('script')!.textContent = 'var a = {};'.repeat(200);
    noscript.querySelector('style')!.textContent = 'p{color:red}'.repeat(200);
    const text = readRootText(document.body);
    expect(text.searched).toBe(`${filler(300)}Tail.`);
    expect(text.cuts).toEqual([{ at: filler(300).length, length: noscript.textContent!.length }]);
  });

  it('searches a short root whole, and a long one with nothing long to leave out', () => {
    // The small roots of page changes are many: a long script in one is read with it.
    document.body.innerHTML = `<div id="change"><p>Short.</p>${blob(100)}</div>`;
    const change = document.getElementById('change')!;
    expect(change.textContent!.length).toBeGreaterThan(2000);
    expect(readRootText(change)).toEqual({ whole: change.textContent, searched: change.textContent, cuts: [] });
    document.body.innerHTML = `<p>${filler(400)}</p><script>var a = 1;</script>`;
    expect(readRootText(document.body).searched).toBe(document.body.textContent);
  });

  it('looks for no element in a text without a brace (scripts, styles and JSON hold braces): one call, as before', () => {
    document.body.innerHTML = `<p>${filler(400)}</p><style>${'p{color:red}'.repeat(100)}</style>`;
    const asked: string[] = [];
    const native = document.body.getElementsByTagName.bind(document.body);
    document.body.getElementsByTagName = ((tag: string) => (asked.push(tag), native(tag))) as typeof native;
    try {
      expect(readRootText(document.body).cuts).toHaveLength(1);
      expect(asked).toEqual(['script', 'style', 'noscript']);
      asked.length = 0;
      document.querySelector('style')!.remove();
      expect(readRootText(document.body).cuts).toEqual([]);
      expect(asked).toEqual([]);
    } finally {
      delete (document.body as { getElementsByTagName?: unknown }).getElementsByTagName;
    }
  });

  it('maps spans of the searched text back to textContent: before, after and across a cut', () => {
    document.body.innerHTML = `<p>${filler(300)}Pawn </p>${blob(60)}<p>Storm and Trend Micro.</p>`;
    const text = readRootText(document.body);
    expect(text.cuts.length).toBe(1);
    const at = (s: string): { start: number; end: number } => ({ start: text.searched.indexOf(s), end: text.searched.indexOf(s) + s.length });
    const [before, across, after] = inWhole(text, [at('Words'), at('Pawn Storm'), at('Trend Micro')]);
    expect(text.whole.slice(before!.start, before!.end)).toBe('Words');
    expect(text.whole.slice(after!.start, after!.end)).toBe('Trend Micro');
    // Across: from "Pawn" to "Storm", the cut text between.
    const cut = text.whole.slice(across!.start, across!.end);
    expect(cut.startsWith('Pawn ')).toBe(true);
    expect(cut.endsWith('Storm')).toBe(true);
    expect(cut.length).toBe('Pawn Storm'.length + text.cuts[0]!.length);
  });
});

describe('the first pass without long scripts', () => {
  /** The texts the first pass searched, and the blocks it handed out. */
  function firstPass(): { searched: string[]; ids: string[] } {
    const searched: string[] = [];
    const spy: Candidates = { ...matcher.candidates, search: (texts) => (searched.push(...texts), matcher.candidates.search(texts)) };
    const finder = new CandidateFinder([document.body], spy, { own });
    const found: Node[] = [];
    for (let blocks = finder.next(); blocks; blocks = finder.next()) found.push(...blocks);
    return { searched, ids: found.map((n) => (n as Element).id) };
  }

  it('finds no candidate in a script, and the blocks after long scripts where they are', () => {
    document.body.innerHTML = `${blob(200)}<p id="a">${filler(30)}</p>${blob(50)}<p id="b">${filler(10)}Trend Micro said.</p>${blob(50)}<p id="c">${filler(30)}</p>`;
    const { searched, ids } = firstPass();
    expect(searched.join('')).not.toContain('Emmanuel Macron');
    expect(ids).toEqual(['b']);
  });

  it('finds a name a long script cuts in two, as the exact reader joins it', () => {
    document.body.innerHTML = `<p id="a">${filler(300)}</p><p id="b">${filler(10)}Pawn ${blob(60)}Storm struck.</p>`;
    const { ids } = firstPass();
    expect(ids).toEqual(['b']);
    const reader = new PageReader([document.body], matcher.candidates, { own });
    const found: string[] = [];
    for (let chunk = reader.next(); chunk; chunk = reader.next()) {
      found.push(...findMentions(chunk.text, matcher).map((m) => chunk.text.slice(m.start, m.end)));
    }
    expect(found).toEqual(['Pawn Storm']);
  });
});
