// The text the first pass searches in a root: its textContent, less the text of its long scripts, styles and
// noscripts, which is never read. On news sites most of textContent is script: 93% to 97% on the corpus's
// pages of Les Echos and Die Furche, half or more on Yahoo Japan's, Positive News' and Handelsblatt's. Searching
// it costs the page a copy to the background (with catalogues) and a walk to every name it holds (JSON blobs
// name people), and it dilutes a page's density of witnesses (whether the page is about security).
//
// The cut text is joined with nothing between, as the exact reader joins the text around an element it leaves
// out (a name around a long script is then a candidate too: it was none in textContent). Candidates are found
// in the joined text and mapped back to textContent's offsets, which the walk counts in.
import type { Span } from '../../knowledge/matcher';
import { DOCUMENT_POSITION_FOLLOWING } from '../node-types';

/** A root whose text is shorter is searched whole: too little to gain, and the small roots of page changes are many. */
const CUT_ROOT_CHARS = 8192;
/** An element whose text is shorter stays in: a few calls each, for little text. */
const CUT_CHARS = 1024;
/**
 * The elements whose text runs long on real pages (a textarea's, a title's or an option's seldom does; a template's
 * is in its content, not in textContent). Asked for by tag, not by one selector: on the bench's 1 MB page a
 * selector list of every hidden element costs 2 ms, a tag's collection 0.1 to 0.3.
 */
const CUT_TAGS = ['script', 'style', 'noscript'];

interface Cut {
  /** Where the cut text was, in the searched text's offsets. */
  readonly at: number;
  readonly length: number;
}

export interface RootText {
  /** The root's textContent: what the walk checks its text nodes against. */
  readonly whole: string;
  /** What the first pass searches: `whole` less the text of the cut elements. */
  readonly searched: string;
  /** In order. */
  readonly cuts: readonly Cut[];
}

/** Reads a root's text, and cuts out its long hidden elements' when it is long. */
export function readRootText(root: Node): RootText {
  const whole = root.textContent ?? '';
  const uncut: RootText = { whole, searched: whole, cuts: [] };
  // Scripts, styles and JSON hold braces: a text with none holds none of them worth looking for (a guess, which
  // spares the lookup on most pages: a long one missed is searched with the rest, as before, and costs only time).
  if (whole.length < CUT_ROOT_CHARS || !whole.includes('{')) return uncut;
  const hidden = longHidden(root);
  if (hidden.length === 0) return uncut;
  const range = (root.ownerDocument ?? (root as Document)).createRange();
  const pieces: string[] = [];
  const cuts: Cut[] = [];
  let at = 0;
  range.setStart(root, 0);
  for (const { el, length } of hidden) {
    range.setEndBefore(el);
    const piece = range.toString();
    pieces.push(piece);
    at += piece.length;
    cuts.push({ at, length });
    range.setStartAfter(el);
  }
  range.setEnd(root, root.childNodes.length);
  pieces.push(range.toString());
  const searched = pieces.join('');
  // The pieces and the cut text make up textContent, unless the DOM answered oddly: then the text is searched whole.
  const total = cuts.reduce((sum, c) => sum + c.length, searched.length);
  return total === whole.length ? { whole, searched, cuts } : uncut;
}

/**
 * The spans of the searched text (in order of their starts) in textContent's offsets. A span's start lies after
 * every cut at or before it; its end after every cut before it (a span that runs across a cut covers the cut
 * text too: the walk finds nodes of it there, whose text is not read).
 */
export function inWhole(text: RootText, spans: readonly Span[]): readonly Span[] {
  if (text.cuts.length === 0) return spans;
  const { cuts } = text;
  let k = 0;
  let before = 0;
  return spans.map((span) => {
    for (; k < cuts.length && cuts[k]!.at <= span.start; k++) before += cuts[k]!.length;
    let across = 0;
    for (let j = k; j < cuts.length && cuts[j]!.at < span.end; j++) across += cuts[j]!.length;
    return { start: span.start + before, end: span.end + before + across };
  });
}

/** The long scripts, styles and noscripts under a root, in document order, none inside another. */
function longHidden(root: Node): { el: Element; length: number }[] {
  const found: { el: Element; length: number }[] = [];
  const consider = (el: Element): void => {
    const length = el.textContent?.length ?? 0;
    if (length >= CUT_CHARS) found.push({ el, length });
  };
  if ('getElementsByTagName' in root) {
    for (const tag of CUT_TAGS) for (const el of (root as Element).getElementsByTagName(tag)) consider(el);
    // (Three lists: put in document order. They are few: the long ones.)
    found.sort((a, b) => (a.el.compareDocumentPosition(b.el) & DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  } else if ('querySelectorAll' in root) {
    for (const el of (root as ParentNode).querySelectorAll(CUT_TAGS.join(','))) consider(el); // (a shadow root)
  }
  const kept: typeof found = [];
  for (const h of found) if (!kept[kept.length - 1]?.el.contains(h.el)) kept.push(h);
  return kept;
}
