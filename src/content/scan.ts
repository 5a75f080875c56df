// Reads the visible text under a root with one TreeWalker: a string with blocks separated by BLOCK_BREAK and
// the offset of every text node, so the matcher runs once over it and mentions map back to nodes. It can
// stop at a block boundary when its time is up and go on later (no name spans a block), which is how long
// pages are read in slices without one long task.
import { BLOCK_BREAK } from '../knowledge/text-chars';
import { BREAKING, HIDDEN_TEXT, isEditable } from './text-layout';

export interface ScannedText {
  readonly text: string;
  readonly nodes: readonly Text[];
  /** starts[i] is the offset of nodes[i] in text. */
  readonly starts: readonly number[];
  /** datas[i] is what nodes[i] held when read: marking checks the page has not changed it since. */
  readonly datas: readonly string[];
}

export interface ScanOptions {
  /** Elements to leave out whole, as a block: our own marks and card host. */
  readonly isOwn: (el: Element) => boolean;
  /** Called for each open shadow root met on the way: it is read as a root of its own. */
  readonly onShadowRoot?: (root: ShadowRoot) => void;
}

/** How many nodes between two looks at the clock. */
const CLOCK_EVERY = 64;

/** The nearest ancestor that delimits a block of text (text in different blocks never joins). */
function blockOf(node: Node, cache: Map<Node, Element | null>): Element | null {
  const parent = node.parentNode;
  if (!parent || parent.nodeType !== Node.ELEMENT_NODE) return null;
  let found = cache.get(parent);
  if (found !== undefined) return found;
  found = BREAKING.has((parent as Element).localName) ? (parent as Element) : blockOf(parent, cache);
  cache.set(parent, found);
  return found;
}

export class TextScanner {
  private readonly walker: TreeWalker;
  private readonly cache = new Map<Node, Element | null>();
  /** A text node read but left for the next chunk (the chunk before it ended at its block boundary). */
  private pending: Text | null = null;
  private finished = false;
  private parts: string[] = [];
  private length = 0;

  constructor(root: Node, private readonly options: ScanOptions) {
    const doc = root.ownerDocument ?? (root as Document);
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => this.accept(node),
    });
  }

  get done(): boolean {
    return this.finished;
  }

  /** Reads on until the clock passes `deadline` at a block boundary, or to the end; null when all is read. */
  next(deadline = Infinity): ScannedText | null {
    if (this.finished) return null;
    const nodes: Text[] = [];
    const starts: number[] = [];
    const datas: string[] = [];
    this.parts = [];
    this.length = 0;
    let lastBlock: Element | null | undefined;
    let timeUp = false;
    let count = 0;
    for (let node = this.pending ?? this.walker.nextNode(); node; node = this.walker.nextNode()) {
      this.pending = null;
      const text = node as Text;
      const block = blockOf(text, this.cache);
      if (block !== lastBlock) {
        this.pushBreak();
        lastBlock = block;
      }
      if (!timeUp && deadline !== Infinity && ++count % CLOCK_EVERY === 0) timeUp = performance.now() >= deadline;
      if (timeUp && nodes.length > 0 && this.parts[this.parts.length - 1] === BLOCK_BREAK) {
        this.pending = text;
        return { text: this.parts.join(''), nodes, starts, datas };
      }
      const data = text.data;
      nodes.push(text);
      starts.push(this.length);
      datas.push(data);
      this.parts.push(data);
      this.length += data.length;
    }
    this.finished = true;
    return { text: this.parts.join(''), nodes, starts, datas };
  }

  private pushBreak(): void {
    if (this.parts[this.parts.length - 1] !== BLOCK_BREAK) {
      this.parts.push(BLOCK_BREAK);
      this.length += 1;
    }
  }

  private accept(node: Node): number {
    if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
    const el = node as Element;
    const name = el.localName;
    if (el.shadowRoot && this.options.onShadowRoot) this.options.onShadowRoot(el.shadowRoot);
    if (HIDDEN_TEXT.has(name) || isEditable(el) || this.options.isOwn(el)) {
      // Form fields, editable areas and our own marks stand between words; script and style do not.
      if (BREAKING.has(name) || this.options.isOwn(el) || isEditable(el)) this.pushBreak();
      return NodeFilter.FILTER_REJECT;
    }
    if (BREAKING.has(name)) this.pushBreak();
    return NodeFilter.FILTER_SKIP;
  }
}

/** Reads all of it at once. */
export function scanText(root: Node, options: ScanOptions): ScannedText {
  return new TextScanner(root, options).next() ?? { text: '', nodes: [], starts: [], datas: [] };
}

/** Index of the node holding offset `at` (the last node starting at or before it). */
export function nodeIndexAt(scan: ScannedText, at: number): number {
  let lo = 0;
  let hi = scan.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((scan.starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
