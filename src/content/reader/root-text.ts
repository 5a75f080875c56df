// The text the first pass searches in a root: its textContent, less the text of long scripts, styles and other
// elements whose text is never read. On news sites most of textContent is script: 93% to 97% on the corpus's
// pages of Les Echos and Die Furche, half or more on Yahoo Japan's, Positive News' and Handelsblatt's. Searching
// it costs the page a copy to the background (with catalogues) and a walk to every name it holds (JSON blobs
// name people), and it dilutes a page's density of witnesses (whether the page is about security).
//
// The cut text is joined with nothing between, as the exact reader joins the text around an element it leaves
// out (a name around a long script is then a candidate too: it was none in textContent). Candidates are found
// in the joined text and mapped back to textContent's offsets, which the walk counts in.
import { HIDDEN_SELECTOR } from './text-layout';
import type { Span } from '../../knowledge/matcher';

/** A root whose text is shorter is searched whole: too little to gain, and the small roots of page changes are many. */
const CUT_ROOT_CHARS = 8192;
/** An element whose text is shorter stays in: a few calls each, for little text. */
const CUT_CHARS = 1024;

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
  if (whole.length < CUT_ROOT_CHARS || !('querySelectorAll' in root)) return uncut;
  const hidden: { el: Element; length: number }[] = [];
  for (const el of (root as ParentNode).querySelectorAll(HIDDEN_SELECTOR)) {
    const length = el.textContent?.length ?? 0;
    // (An element inside one cut already is cut with it.)
    if (length >= CUT_CHARS && !hidden[hidden.length - 1]?.el.contains(el)) hidden.push({ el, length });
  }
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
  range.detach();
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
export function inWhole(text: RootText, spans: readonly Span[]): Span[] {
  if (text.cuts.length === 0) return [...spans];
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
