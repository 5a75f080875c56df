// @vitest-environment happy-dom
// Scanning and marking a DOM: names across inline elements, never across blocks or into hidden or editable
// text, and unmarking that gives the page back its own text nodes.
import { beforeEach, describe, expect, it } from 'vitest';
import pack from 'backstory:pack';
import { compileMatcher, findMentions } from '../../src/knowledge/matcher';
import { scanText } from '../../src/content/reader/scan';
import { Highlighter, MARK_ATTR, MARK_SELECTOR } from '../../src/content/marks/highlighter';

const matcher = compileMatcher(pack.entities);
const own = `[${MARK_ATTR}]`;

function highlight(root: Node, highlighter = new Highlighter('t')): Highlighter {
  const scan = scanText(root, { own });
  highlighter.mark(scan, findMentions(scan.text, matcher));
  return highlighter;
}

/** Mentions as "entity:text", pieces of one mention joined. */
function mentions(root: ParentNode): string[] {
  const byId = new Map<string, string>();
  for (const m of root.querySelectorAll(MARK_SELECTOR)) {
    const id = m.getAttribute('data-mention')!;
    byId.set(id, (byId.get(id) ?? `${m.getAttribute('data-entity')}:`) + m.textContent);
  }
  return [...byId.values()];
}

const textNodes = (root: Node): Text[] => {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
};

beforeEach(() => {
  document.body.replaceChildren();
});

describe('scanning and marking', () => {
  it('marks whole names with entity and mention ids', () => {
    document.body.innerHTML = '<p>Emmanuel Macron met Trend Micro about Pawn Storm.</p>';
    highlight(document.body);
    expect(mentions(document.body)).toEqual(['macron:Emmanuel Macron', 'trend-micro:Trend Micro', 'pawn-storm:Pawn Storm']);
    const ids = [...document.querySelectorAll(MARK_SELECTOR)].map((m) => m.getAttribute('data-mention'));
    expect(new Set(ids).size).toBe(3);
  });

  it('finds a name split by inline elements as one mention, its pieces sharing data-mention', () => {
    document.body.innerHTML = '<p>said Trend <b>Micro</b> and <a href="#">Fancy</a> <i>Bear</i>.</p>';
    highlight(document.body);
    expect(mentions(document.body)).toEqual(['trend-micro:Trend Micro', 'pawn-storm:Fancy Bear']);
    expect(document.querySelectorAll('mark[data-entity="trend-micro"]')).toHaveLength(2);
    expect(document.body.textContent).toBe('said Trend Micro and Fancy Bear.');
  });

  it.each([
    ['<p>Trend</p><p>Micro</p>', 'paragraphs'], ['<div>Trend<br>Micro</div>', 'a line break'], ['<td>Trend</td><td>Micro</td>', 'table cells'],
    ['Trend<img alt="">Micro', 'an image'], ['<li>Pawn</li><li>Storm</li>', 'list items'], ['Trend <input value="x"> Micro', 'a form control'],
    ['Trend<b>Micro</b>', 'nothing (glued)'],
  ])('never joins a name across %s (%s)', (html) => {
    document.body.innerHTML = `<div>${html}</div>`;
    highlight(document.body);
    expect(mentions(document.body)).toEqual([]);
  });

  it('joins across NBSP, line breaks and soft hyphens inside names', () => {
    document.body.innerHTML = '<p>Trend&nbsp;Micro, Fancy\n   Bear, Mac&shy;ron</p>';
    highlight(document.body);
    expect(mentions(document.body)).toEqual(['trend-micro:Trend\u00A0Micro', 'pawn-storm:Fancy\n   Bear', 'macron:Mac\u00ADron']);
  });

  it('leaves script, style, textarea, inputs and editable content alone', () => {
    document.body.innerHTML = `<script>var a = "Macron";</script><style>/* Macron */</style><textarea>Macron</textarea>
      <input value="Macron"><div contenteditable="true">Macron <b>APT28</b></div><div contenteditable="">Sofacy</div>
      <noscript>Macron</noscript><template>Macron</template><div contenteditable="FALSE">Sednit</div><p>Macron</p>`;
    highlight(document.body);
    expect(mentions(document.body)).toEqual(['pawn-storm:Sednit', 'macron:Macron']);
    expect(document.querySelector('p mark')).not.toBeNull();
  });

  it('does not mark again what is marked, when a block is scanned twice', () => {
    document.body.innerHTML = '<p>Macron and Sednit</p>';
    const h = highlight(document.body);
    highlight(document.body, h);
    expect(mentions(document.body)).toEqual(['macron:Macron', 'pawn-storm:Sednit']);
  });

  it('marks two mentions in one text node and keeps the text', () => {
    document.body.innerHTML = '<p>APT28 APT-28 APT 28 Sofacy Group</p>';
    highlight(document.body);
    expect(mentions(document.body)).toEqual(['pawn-storm:APT28', 'pawn-storm:APT-28', 'pawn-storm:APT 28', 'pawn-storm:Sofacy Group']);
    expect(document.body.textContent).toBe('APT28 APT-28 APT 28 Sofacy Group');
  });
});

describe('mark.js without live NodeIterators', () => {
  it('creates no NodeIterator of the document to mark text nodes, and marks as before', () => {
    document.body.innerHTML = `<p>Emmanuel <b>Macron</b> met Trend Micro.</p><p>${'Pawn Storm, '.repeat(40)}</p>`;
    const created: Node[] = [];
    const native = document.createNodeIterator.bind(document);
    document.createNodeIterator = ((root: Node, ...rest: [number?, NodeFilter?]) => {
      created.push(root);
      return native(root, ...rest);
    }) as typeof document.createNodeIterator;
    try {
      highlight(document.body);
    } finally {
      delete (document as { createNodeIterator?: unknown }).createNodeIterator;
    }
    expect(mentions(document.body)).toEqual(['macron:Emmanuel Macron', 'trend-micro:Trend Micro', ...Array(40).fill('pawn-storm:Pawn Storm')]);
    expect(created).toEqual([]);
  });
});

describe('mark.js a few text nodes to a call', () => {
  it('marks every mention of a long run of nodes where it stands, names cut by elements included', () => {
    // Mentions in one node, two in a node, and names across two or three nodes, over many more nodes than a
    // call takes: a range counted from the wrong group's start would wrap the wrong text.
    const unit = 'Sednit and APT28 met Emmanuel <i>Macron</i>, then Trend <b>Mi</b>cro and <u>Fancy</u> Bear; ';
    document.body.innerHTML = `<p>${unit.repeat(12)}</p>`;
    const before = document.body.textContent;
    const scan = scanText(document.body, { own });
    const marked = new Highlighter('g').mark(scan, findMentions(scan.text, matcher));
    expect(marked).toHaveLength(5 * 12);
    expect(mentions(document.body)).toEqual(Array(12).fill(['pawn-storm:Sednit', 'pawn-storm:APT28', 'macron:Emmanuel Macron', 'trend-micro:Trend Micro', 'pawn-storm:Fancy Bear']).flat());
    expect(document.body.textContent).toBe(before);
  });
});

describe('unmarking', () => {
  it('restores the page’s own text nodes, the same objects with the same text, without merging neighbours', () => {
    const p = document.createElement('p');
    // Three adjacent text nodes of the page's own: normalize() would merge them.
    p.append('Before Macron, ', 'Trend Micro', ' and Pawn Storm after ');
    const b = document.createElement('b');
    b.textContent = 'Sednit';
    p.append(b, ' end');
    document.body.append(p);
    const before = textNodes(document.body);
    const beforeData = before.map((n) => n.data);
    const h = highlight(document.body);
    expect(h.size).toBe(4);
    h.unmarkAll();
    expect(document.querySelectorAll('mark')).toHaveLength(0);
    const after = textNodes(document.body);
    expect(after).toHaveLength(before.length);
    after.forEach((n, i) => {
      expect(n).toBe(before[i]);
      expect(n.data).toBe(beforeData[i]);
    });
  });

  it('restores a name split across elements', () => {
    document.body.innerHTML = '<p>x Trend <b>Micro</b> y</p>';
    const html = document.body.innerHTML;
    const h = highlight(document.body);
    expect(h.size).toBe(1);
    h.unmarkAll();
    expect(document.body.innerHTML).toBe(html);
  });
});

describe('pages that rewrite text we split', () => {
  it('a page that sets nodeValue on a split text node shows exactly its new text', () => {
    const p = document.createElement('p');
    const own = document.createTextNode('Hello Macron, from Trend Micro!');
    p.append(own);
    document.body.append(p);
    const h = highlight(document.body);
    expect(h.size).toBe(2);
    own.nodeValue = 'Goodbye Pawn Storm'; // what React does on a text update
    h.detachFollowers(own.nextSibling); // what the page watcher does with the characterData record
    expect(p.textContent).toBe('Goodbye Pawn Storm');
    expect(h.live()).toHaveLength(0);
    highlight(p, h);
    expect(mentions(p)).toEqual(['pawn-storm:Pawn Storm']);
    expect(p.textContent).toBe('Goodbye Pawn Storm');
  });

  it('a page that removes a split text node leaves no stale text behind', () => {
    const p = document.createElement('p');
    const own = document.createTextNode('x Macron y');
    const keep = document.createElement('span');
    keep.textContent = 'kept';
    p.append(own, keep);
    document.body.append(p);
    const h = highlight(document.body);
    const next = own.nextSibling;
    p.removeChild(own);
    h.detachFollowers(next);
    expect(p.textContent).toBe('kept');
  });

  it('a mention cut in two by a rewrite goes back to plain text on the other side', () => {
    document.body.innerHTML = '<p>a Trend <b>Micro</b> b</p>';
    const first = document.querySelector('p')!.firstChild as Text;
    const h = highlight(document.body);
    first.nodeValue = 'new ';
    h.detachFollowers(first.nextSibling);
    expect(document.querySelector('p')!.textContent).toBe('new Micro b');
    expect(document.querySelectorAll('mark')).toHaveLength(0);
  });
});

describe('reading several roots at once', () => {
  it('reads each root in order, a block break between them, and skips roots no longer in the page', async () => {
    const { TextScanner } = await import('../../src/content/reader/scan');
    const { BLOCK_BREAK } = await import('../../src/knowledge/text-chars');
    document.body.innerHTML = '<p id="a">Emmanuel Macron</p><p id="b">gone</p><p id="c">Trend <b>Micro</b></p>';
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id)!);
    b!.remove();
    const chunk = new TextScanner([a!, b!, c!], { own }).next()!;
    expect(chunk.text.split(BLOCK_BREAK).filter(Boolean)).toEqual(['Emmanuel Macron', 'Trend Micro']);
    const h = new Highlighter('r');
    h.mark(chunk, findMentions(chunk.text, matcher));
    expect(mentions(document.body)).toEqual(['macron:Emmanuel Macron', 'trend-micro:Trend Micro']);
  });

  it('marks text read twice in one chunk (a block and a block inside it) once', async () => {
    const { TextScanner } = await import('../../src/content/reader/scan');
    document.body.innerHTML = '<div id="outer">Sednit and <p id="inner">Fancy Bear met Emmanuel <i>Macron</i> and Macron</p></div>';
    const [outer, inner] = ['outer', 'inner'].map((id) => document.getElementById(id)!);
    const chunk = new TextScanner([outer!, inner!], { own }).next()!;
    const found = findMentions(chunk.text, matcher);
    expect(found).toHaveLength(7); // four in the outer reading, three again in the inner
    const marked = new Highlighter('t').mark(chunk, found);
    expect(marked.map((m) => m.entity)).toEqual(['pawn-storm', 'pawn-storm', 'macron', 'macron']);
    expect(mentions(document.body)).toEqual(['pawn-storm:Sednit', 'pawn-storm:Fancy Bear', 'macron:Emmanuel Macron', 'macron:Macron']);
    expect(document.body.textContent).toBe('Sednit and Fancy Bear met Emmanuel Macron and Macron');

    // The other way round, the inner block first, with text after it: counting its nodes twice would shift
    // the range of every mention after them (here APT28) off its text.
    document.body.innerHTML = '<div id="outer">Sednit and <p id="inner">Fancy Bear met Emmanuel <i>Macron</i> and Macron</p>then APT28</div>';
    const reversed = new TextScanner([document.getElementById('inner')!, document.getElementById('outer')!], { own }).next()!;
    new Highlighter('u').mark(reversed, findMentions(reversed.text, matcher));
    expect(mentions(document.body)).toEqual(['pawn-storm:Sednit', 'pawn-storm:Fancy Bear', 'macron:Emmanuel Macron', 'macron:Macron', 'pawn-storm:APT28']);
    expect(document.body.textContent).toBe('Sednit and Fancy Bear met Emmanuel Macron and Macronthen APT28');
  });
});
