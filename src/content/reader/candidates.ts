// The cheap first pass over a page. For a batch of roots: their textContent (one call each, copied by the
// browser; a long root's less its long scripts and styles: ./root-text), and the bare names over it, for all
// of them at once: one RegExp in the page for a few names, the background's automaton for many
// (./remote-candidates; the walk waits for its answer without holding the page's thread). Most pages hold no
// name, and there the pass ends: no walk at all. Where some candidate is found, one text-only walk reads node
// lengths (no text) up to the last candidate, to find the nodes under each candidate and the blocks holding
// them; only those blocks are read exactly (scan.ts). No element is judged on the way: only the parent of each
// candidate's node, whose block the browser finds (see verdict).
//
// Why it misses nothing the exact reader finds: a mention lies within one block, and its characters are
// contiguous in textContent, so the bare names match there. A candidate that joins the text of two blocks
// may hide a real mention inside it, so every block holding a piece of a candidate is read, not only the
// first. (Losses accepted for the speed: a name cut in two by a short inline script, style or noscript
// element, whose text sits between its words in textContent; and an ordinary word whose only evidence is a
// word of the trade glued to another block's text, which the first pass does not count as standing whole.)
import { BREAKING_SELECTOR, HIDDEN_SELECTOR, editableAt } from './text-layout';
import { inWhole, readRootText, type RootText } from './root-text';
import type { ScanOptions } from './scan';
import { CONTEXT_CHARS, type CandidateSearch, type Candidates, type Span } from '../../knowledge/matcher';
import { CLASSES, WORD_CLASS } from '../../knowledge/automaton';
import { DOCUMENT_FRAGMENT_NODE, DOCUMENT_NODE, ELEMENT_NODE, SHOW_TEXT } from '../node-types';

/**
 * A block shorter than this is read with the block around it, if that one is not long: the rules that drop
 * a match look at the text around it (CONTEXT_CHARS each way), which for a short block lies in its
 * neighbours. A table cell holding "MACRON" is a character's name only beside the cell with its code point.
 */
const SHORT_BLOCK_CHARS = 2 * CONTEXT_CHARS;
const AROUND_MAX_CHARS = 1000;
/** Blocks handed out together, to be read and marked together (each holds a candidate: a mark or so). */
export const BLOCKS_PER_BATCH = 24;
/** How many text nodes between two looks at the clock. */
const CLOCK_EVERY = 64;
/** A root whose text keeps changing under the walk is read again this many times, then read exactly whole. */
const MAX_RESTARTS = 2;

/** A candidate whose start the walk has passed: the text nodes it lies in, so far. */
interface Open {
  readonly end: number;
  readonly nodes: Text[];
}

/** Whether the code unit at `i` of a text node is surely a word character (none past the ends). */
const wordAt = (data: string, i: number): boolean => i >= 0 && i < data.length && CLASSES[data.charCodeAt(i)] === WORD_CLASS;

export class CandidateFinder {
  private readonly roots: readonly Node[];
  private index = -1;
  /** The root being walked: its text as read on entering, the candidates in it, and where the walk is. */
  private current: {
    root: Node; text: RootText; search: CandidateSearch | null; spans: readonly Span[]; walker: TreeWalker | null; next: number; open: Open[]; at: number; restarts: number;
  } | null = null;
  /** Per element: the block its text belongs to, or null when its text is not read (hidden, editable, ours). */
  private readonly verdicts = new Map<Node, Node | null>();
  /** Elements whose text, and their descendants', is not read (editable ones aside: see editableAt). */
  private readonly unread: string;
  /** Text lengths of blocks asked about (whether a block is short, or the one around it long). */
  private readonly lengths = new Map<Node, number>();
  /** Blocks already handed out: a block is read once per finder. */
  private readonly handed = new Set<Node>();
  private found: Node[] = [];
  private finished = false;
  /**
   * The roots' texts as read on starting (null: not in the page), and their candidates: searched for in one go,
   * so that a batch of page changes takes one answer when the background searches (./remote-candidates).
   */
  private batch: { readonly texts: readonly (RootText | null)[]; readonly search: CandidateSearch; spans: (readonly Span[])[] | null } | null = null;
  private waitingFor: Promise<unknown> | null = null;

  constructor(roots: Node | readonly Node[], private readonly candidates: Candidates, private readonly options: ScanOptions) {
    this.roots = Array.isArray(roots) ? roots : [roots as Node];
    this.unread = `${HIDDEN_SELECTOR},${options.own}`;
  }

  get done(): boolean {
    return this.finished;
  }

  /** While the search waits for an answer (not for the clock): the next call is worth making once it settles. */
  get waiting(): Promise<unknown> | null {
    return this.waitingFor;
  }

  /**
   * Goes on until the clock passes `deadline` or all roots are read. Returns blocks found (possibly none),
   * or null once everything is read. Blocks are handed out between roots only, so marking them never changes
   * a root while it is walked; and in batches (BLOCKS_PER_BATCH), or when time is up, so that the blocks of
   * many small roots (a batch of page changes) are read and marked together.
   */
  next(deadline = Infinity): Node[] | null {
    if (this.finished) return null;
    this.waitingFor = null;
    if (!this.searched(deadline)) return [];
    // At least one root is entered or walked on per call, however late: a call always moves on.
    for (let moved = false; ; moved = true) {
      if (!this.current) {
        const timeUp = moved && deadline !== Infinity && performance.now() >= deadline;
        if (this.found.length >= BLOCKS_PER_BATCH || (timeUp && this.found.length > 0)) return this.takeFound();
        if (timeUp) return [];
        if (!this.enterNext()) {
          this.finished = true;
          return this.takeFound();
        }
        if (!this.current) continue;
      }
      if (!this.walk(deadline)) return [];
      this.current = null;
    }
  }

  private takeFound(): Node[] {
    const out = this.found;
    this.found = [];
    return out;
  }

  /** Reads every root's text and searches them all; false until the candidates are found. */
  private searched(deadline: number): boolean {
    if (!this.batch) {
      const texts = this.roots.map((r) => (r.isConnected ? readRootText(r) : null));
      this.batch = { texts, search: this.candidates.search(texts.flatMap((t) => (t ? [t.searched] : []))), spans: null };
    }
    if (this.batch.spans) return true;
    const found = this.batch.search.next(deadline);
    if (!found) {
      this.waitingFor = this.batch.search.waiting;
      return false;
    }
    let k = 0;
    this.batch.spans = this.batch.texts.map((t) => (t === null ? [] : inWhole(t, found[k++] ?? [])));
    return true;
  }

  /** Moves to the next root still in the page, with its text and candidates as searched. */
  private enterNext(): boolean {
    const { texts, spans } = this.batch!;
    while (++this.index < this.roots.length) {
      const root = this.roots[this.index]!;
      const text = texts[this.index];
      if (!root.isConnected || text == null) continue;
      this.findShadowRoots(root);
      this.current = { root, text, search: null, spans: spans![this.index]!, walker: null, next: 0, open: [], at: 0, restarts: 0 };
      return true;
    }
    return false;
  }

  /** Reads a root's text again; its candidates are searched for as the walk goes on (see walk). */
  private read(root: Node, restarts: number): CandidateFinder['current'] {
    const text = readRootText(root);
    return { root, text, search: this.candidates.search([text.searched]), spans: [], walker: null, next: 0, open: [], at: 0, restarts };
  }

  /**
   * Walks the current root's text nodes; true when its last candidate is passed, false when time is up.
   * Where the candidates are each one occurrence of a name, one that a letter of its own text node touches
   * (inter in "interview") can be no mention, and its block is not read: the text node is what textContent
   * cannot tell, as two blocks' texts meet there with nothing between ("EuropePawn Storm").
   */
  private walk(deadline: number): boolean {
    const c = this.current!;
    if (c.search) {
      const found = c.search.next(deadline);
      if (found === null) {
        this.waitingFor = c.search.waiting;
        return false;
      }
      c.search = null;
      c.spans = inWhole(c.text, found[0] ?? []);
    }
    if (c.spans.length === 0) return true; // most roots: no name, and no walk
    c.walker ??= (c.root.ownerDocument ?? (c.root as Document)).createTreeWalker(c.root, SHOW_TEXT);
    const judge = this.candidates.everyOccurrence;
    let count = 0;
    for (;;) {
      if (c.next >= c.spans.length && c.open.length === 0) return true;
      const node = c.walker.nextNode() as Text | null;
      if (!node) return true;
      const from = c.at;
      const to = from + node.length;
      c.at = to;
      const starts = c.next < c.spans.length && c.spans[c.next]!.start < to;
      if (starts || c.open.length > 0) {
        // The page changed the text since it was read (nodes before this one): start this root again.
        if (node.data !== c.text.whole.slice(from, to)) return this.restart() || this.walk(deadline);
        for (; c.next < c.spans.length && c.spans[c.next]!.start < to; c.next++) {
          const span = c.spans[c.next]!;
          if (span.end <= from) continue; // (a node of no text, or one left behind)
          if (judge && span.start > from && wordAt(node.data, span.start - from - 1)) continue;
          c.open.push({ end: span.end, nodes: [] });
        }
        let kept = 0;
        for (const open of c.open) {
          if (open.nodes[open.nodes.length - 1] !== node) open.nodes.push(node);
          if (open.end > to) c.open[kept++] = open;
          else if (!judge || !wordAt(node.data, open.end - from)) for (const n of open.nodes) this.hand(n);
        }
        c.open.length = kept;
      }
      if (deadline !== Infinity && ++count % CLOCK_EVERY === 0 && performance.now() >= deadline) return false;
    }
  }

  /** Reads the current root again (true if nothing is left to walk); past MAX_RESTARTS, hands the whole root to the exact reader. */
  private restart(): boolean {
    const { root, restarts } = this.current!;
    if (restarts >= MAX_RESTARTS) {
      // (Unless its text is not read at all: the exact reader does not look above its roots.)
      if (this.verdict(root) !== null && !this.handed.has(root)) {
        this.handed.add(root);
        this.found.push(root);
      }
      return true;
    }
    this.current = this.read(root, restarts + 1);
    return false;
  }

  /** Adds the block of a text node, unless its text is not read or the block was handed out before. */
  private hand(node: Text): void {
    let block = node.parentNode ? this.verdict(node.parentNode) : null;
    // (A block holds at least its node's text: a long node spares measuring it.)
    while (block?.parentNode && node.length < SHORT_BLOCK_CHARS && this.textLength(block) < SHORT_BLOCK_CHARS) {
      const around = this.verdict(block.parentNode);
      if (!around || around.nodeType === DOCUMENT_NODE || this.textLength(around) > AROUND_MAX_CHARS) break;
      block = around;
    }
    if (block && !this.handed.has(block)) {
      this.handed.add(block);
      this.found.push(block);
    }
  }

  private textLength(node: Node): number {
    let length = this.lengths.get(node);
    if (length === undefined) this.lengths.set(node, (length = (node.textContent ?? '').length));
    return length;
  }

  /**
   * The block an element's text belongs to, or null when its text is not read; remembered per element. Asked
   * of the browser in a few calls (closest), not by climbing the ancestors in a script: in a Firefox content
   * script each step up is several calls through an Xray, and a page's mentions lie in many different branches.
   */
  private verdict(node: Node): Node | null {
    const known = this.verdicts.get(node);
    if (known !== undefined) return known;
    let found: Node | null;
    if (node.nodeType === DOCUMENT_NODE || node.nodeType === DOCUMENT_FRAGMENT_NODE) {
      // The top of a tree. A shadow root with no block above its text reads as a block of its own.
      found = node;
    } else if (node.nodeType !== ELEMENT_NODE) {
      found = null;
    } else {
      const el = node as Element;
      if (el.closest(this.unread) || editableAt(el)) found = null;
      else {
        const top = el.getRootNode();
        found = el.closest(BREAKING_SELECTOR) ?? (top.nodeType === DOCUMENT_NODE || top.nodeType === DOCUMENT_FRAGMENT_NODE ? top : null);
      }
    }
    this.verdicts.set(node, found);
    return found;
  }

  /**
   * Reports the open shadow roots under a root, and components that may get one later. Hosts are looked for
   * among custom elements only, not among the built-in elements that may host one too: asking every element
   * costs as much as the whole walk.
   */
  private findShadowRoots(root: Node): void {
    const { own, onShadowRoot, onComponentWithoutShadow } = this.options;
    if (!onShadowRoot && !onComponentWithoutShadow) return;
    for (const el of customElementsIn(root)) {
      if (el.matches(own)) continue;
      const shadow = el.shadowRoot;
      if (shadow) onShadowRoot?.(shadow);
      else onComponentWithoutShadow?.(el);
    }
  }
}

/** Custom elements (a hyphen in the name) under a root, the root included. */
function customElementsIn(root: Node): Element[] {
  const self = root.nodeType === ELEMENT_NODE && (root as Element).localName.includes('-') ? [root as Element] : [];
  return [...self, ...(descendantsByXPath(root) ?? descendantsByQuery(root))];
}

/** Null when XPath cannot answer here: no XPath in this DOM, or a shadow root (never an XPath context). */
function descendantsByXPath(root: Node): Element[] | null {
  if (root.nodeType === DOCUMENT_FRAGMENT_NODE) return null;
  const query = customElementQuery(root.ownerDocument ?? (root as Document));
  if (!query) return null;
  try {
    const found = query.evaluate(root, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    const out: Element[] = [];
    for (let i = 0; i < found.snapshotLength; i++) out.push(found.snapshotItem(i) as Element);
    return out;
  } catch {
    return null;
  }
}

function descendantsByQuery(root: Node): Element[] {
  if (!('querySelectorAll' in root)) return [];
  return [...(root as ParentNode).querySelectorAll('*')].filter((el) => el.localName.includes('-'));
}

/**
 * XPath, evaluated by the browser in one pass (CSS has no selector for "a hyphen in the name"), compiled once
 * per document: a batch of page changes asks it once per changed block. Null where the DOM has no XPath.
 */
const queries = new WeakMap<Document, XPathExpression | null>();
function customElementQuery(doc: Document): XPathExpression | null {
  let query = queries.get(doc);
  if (query === undefined) {
    try {
      query = doc.createExpression(".//*[contains(local-name(), '-')]", null);
    } catch {
      query = null;
    }
    queries.set(doc, query);
  }
  return query;
}
