// @vitest-environment happy-dom
// The cheap first pass: which blocks it hands to the exact reader, and that it keeps up with a page that
// changes while it walks.
import { beforeEach, describe, expect, it } from 'vitest';
import pack from 'backstory:pack';
import { compileMatcher } from '../../src/knowledge/matcher';
import { CandidateFinder } from '../../src/content/reader/candidates';
import { MARK_ATTR } from '../../src/content/marks/highlighter';

const matcher = compileMatcher(pack.entities);
const own = `[${MARK_ATTR}]`;

/** Every block the finder hands out, reading in tiny slices (deadline passed) unless told otherwise. */
function blocksFound(finder: CandidateFinder, between?: (round: number) => void): Node[] {
  const out: Node[] = [];
  for (let round = 0; ; round++) {
    const found = finder.next(0);
    if (found === null) return out;
    out.push(...found);
    between?.(round);
  }
}

const ids = (nodes: Node[]): string[] => nodes.map((n) => (n as Element).id || n.nodeName);

/** A page whose body is long: a short block is never read with the whole of it. */
function page(html: string): void {
  document.body.innerHTML = `${html}<p>${'Filler text, no name in it. '.repeat(50)}</p>`;
}

describe('CandidateFinder', () => {
  beforeEach(() => document.body.replaceChildren());

  it('hands out nothing on a page without a name', () => {
    document.body.innerHTML = '<p>Nothing to see.</p><p>Micron and trend micro are not names here.</p>';
    expect(blocksFound(new CandidateFinder([document.body], matcher.candidates, { own }))).toEqual([]);
  });

  it('hands out the blocks holding a name, each once, and none whose text is not read', () => {
    page([
      '<p id="a">Macron and <b>Emmanuel Macron</b></p>',
      '<p id="b">nothing</p>',
      '<div id="c">Trend <i>Micro</i><p id="d">APT28</p></div>',
      '<script>var name = "Sofacy";</script><textarea>Sednit</textarea>',
      '<div contenteditable="true"><p id="e">Pawn Storm</p></div>',
      `<p id="f"><mark ${MARK_ATTR}="">Macron</mark> was marked before</p>`,
      // Not editable, in any case: read.
      '<section id="g" contenteditable="FALSE"><p>Sofacy</p></section>',
    ].join(''));
    const found = blocksFound(new CandidateFinder([document.body], matcher.candidates, { own }));
    // #d is short: it is read with #c around it (whose text is not long), so #c alone is handed out.
    expect(ids(found).sort()).toEqual(['a', 'c', 'g']);
  });

  it('reads every block a candidate runs across: a name may hide in the second', () => {
    // "Emmanuel " ends one block and "Macron" starts the next: the bare names see "Emmanuel Macron".
    page('<p id="x">said Emmanuel </p><p id="y">Macron spoke</p>');
    const found = blocksFound(new CandidateFinder([document.body], matcher.candidates, { own }));
    expect(ids(found)).toEqual(['x', 'y']);
  });

  it('with many names, reads no block for a name a letter of its own text node touches, and every block where the texts of two blocks meet', () => {
    // Past the small set, the candidates are each one occurrence: the walk tries the boundaries on each.
    const many = compileMatcher([...pack.entities, { id: 'inter', aliases: [{ text: 'inter' }], exclusions: [] },
      ...Array.from({ length: 70 }, (_, i) => ({ id: `pad${i}`, aliases: [{ text: `Qzx${i}vv` }], exclusions: [] }))]);
    expect(many.candidates.everyOccurrence).toBe(true);
    page([
      '<p id="a">An interview, international news, Pawn Stormy weather.</p>',
      '<p id="b">Europe</p><p id="c">Pawn Storm struck</p>', // textContent: "EuropePawn Storm struck"
      '<p id="d">xx <b>inter</b>view</p>', // another text node: the exact reader judges it
      '<p id="e">Emmanuel </p><p id="f">Macron spoke</p>',
    ].join(''));
    const found = blocksFound(new CandidateFinder([document.body], many.candidates, { own }));
    expect(ids(found).sort()).toEqual(['c', 'd', 'e', 'f']);
  });

  it('reads a short block with the block around it, whose text the rules that drop a match may need', () => {
    // A character table's row: "MACRON" alone in its cell is the name of U+0304 only beside the cell "0304".
    // The table is long, so the short row is read alone.
    const rows = Array.from({ length: 80 }, (_, i) => `<tr><td>x</td><td>${i}</td><td>00${i + 10}</td><td>LATIN LETTER</td></tr>`).join('');
    page('<table><tbody>' + rows + '<tr id="row"><td>o\u0304</td><td>772</td><td>0304</td><td>&nbsp;</td><td id="name">MACRON</td></tr></tbody></table>');
    expect(ids(blocksFound(new CandidateFinder([document.body], matcher.candidates, { own })))).toEqual(['row']);
    // A long block is read alone.
    const long = `${'A long paragraph about the campaign. '.repeat(10)}Macron spoke.`;
    document.body.innerHTML = `<div id="around"><p id="long">${long}</p><p>${'More text. '.repeat(20)}</p></div>`;
    expect(ids(blocksFound(new CandidateFinder([document.body], matcher.candidates, { own })))).toEqual(['long']);
  });

  it('keeps up with text that changes ahead of the walk between slices', () => {
    const paragraphs = Array.from({ length: 300 }, (_, i) => `<p id="p${i}">${i === 250 ? 'Fancy Bear' : `filler ${i}`}</p>`);
    document.body.innerHTML = paragraphs.join('');
    const finder = new CandidateFinder([document.body], matcher.candidates, { own });
    // After the first slice (64 text nodes), the page lengthens a paragraph the walk has not reached yet:
    // every offset after it moves.
    const found = blocksFound(finder, (round) => {
      if (round === 0) document.getElementById('p120')!.firstChild!.textContent = 'a much longer filler text than before';
    });
    expect(ids(found)).toEqual(['p250']);
  });

  it('reads shadow roots of custom elements as roots of their own', () => {
    document.body.innerHTML = '<news-card id="host"></news-card><other-widget id="later"></other-widget>';
    const host = document.getElementById('host')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Sednit</p>';
    const roots: ShadowRoot[] = [];
    const waiting: Element[] = [];
    blocksFound(new CandidateFinder([document.body], matcher.candidates, {
      own, onShadowRoot: (r) => roots.push(r), onComponentWithoutShadow: (el) => waiting.push(el),
    }));
    expect(roots).toEqual([host.shadowRoot]);
    expect(ids(waiting)).toEqual(['later']);

    // A shadow root read as a root reports the components inside it (XPath takes no shadow root as context).
    const inner = document.createElement('inner-card');
    inner.attachShadow({ mode: 'open' }).innerHTML = '<p>Tsar Team</p>';
    host.shadowRoot!.append(inner);
    const nested: ShadowRoot[] = [];
    const found = blocksFound(new CandidateFinder([host.shadowRoot!], matcher.candidates, { own, onShadowRoot: (r) => nested.push(r) }));
    expect(nested).toEqual([inner.shadowRoot]);
    expect(found).toEqual([host.shadowRoot]); // "Sednit" in a short <p>: read with the root around it
  });
});
