// Reads the visible text under a root with one TreeWalker: a string with blocks separated by BLOCK_BREAK and
// the offset of every text node, so the matcher runs once over it and mentions map back to nodes. It can
// stop at a block boundary when its time is up and go on later (no name spans a block), which is how long
// pages are read in slices without one long task.
import { BLOCK_BREAK } from '../../knowledge/text-chars';
import { BREAKING, HIDDEN_TEXT, SHADOW_HOSTS, isEditable } from './text-layout';
import { ELEMENT_NODE, SHOW_ELEMENT, SHOW_TEXT, TEXT_NODE } from '../node-types';

export interface ScannedText {
  readonly text: string;
  readonly nodes: readonly Text[];
  /** starts[i] is the offset of nodes[i] in text. */
  readonly starts: readonly number[];
  /** datas[i] is what nodes[i] held when read: marking checks the page has not changed it since. */
  readonly datas: readonly string[];
}

export interface ScanOptions {
  /** A selector for the elements to leave out whole, as a block: our own marks and card host. */
  readonly own: string;
  /** Called for each open shadow root met on the way: it is read as a root of its own. */
  readonly onShadowRoot?: (root: ShadowRoot) => void;
  /** Called for each custom element with no shadow root yet: the page may define it later. */
  readonly onComponentWithoutShadow?: (el: Element) => void;
}

/** How many nodes between two looks at the clock. */
const CLOCK_EVERY = 64;

/** The nearest ancestor that delimits a block of text (text in different blocks never joins). */
function blockOf(node: Node, cache: Map<Node, Element | null>): Element | null {
  const parent = node.parentNode;
  if (!parent || parent.nodeType !== ELEMENT_NODE) return null;
  let found = cache.get(parent);
  if (found !== undefined) return found;
  found = BREAKING.has((parent as Element).localName) ? (parent as Element) : blockOf(parent, cache);
  cache.set(parent, found);
  return found;
}

export class TextScanner {
  // No NodeFilter: a filter is a call from the engine into JS for every node, which costs more than the
  // reading itself. Elements are judged in the loop, and a skipped element's subtree is stepped over.
  // Several roots (the blocks a batch of page changes touched) are read one after the other as one text,
  // a block break between each, so a batch costs one pass of matching and marking, not one per block.
  private readonly roots: readonly Node[];
  private index = 0;
  private walker!: TreeWalker;
  private readonly cache = new Map<Node, Element | null>();
  /** A text node read but left for the next chunk (the chunk before it ended at its block boundary). */
  private pending: Text | null = null;
  private finished = false;
  private parts: string[] = [];
  private length = 0;

  /** The editable areas under the current root, found in one query rather than an attribute read per element. */
  private editable: ReadonlySet<Element> = new Set();

  constructor(roots: Node | readonly Node[], private readonly options: ScanOptions) {
    this.roots = Array.isArray(roots) ? roots : [roots as Node];
    this.enter(this.roots[0]!);
  }

  private enter(root: Node): void {
    const doc = root.ownerDocument ?? (root as Document);
    this.walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
    const found = 'querySelectorAll' in root ? (root as ParentNode).querySelectorAll('[contenteditable]') : [];
    this.editable = found.length ? new Set([...found].filter(isEditable)) : this.editable.size ? new Set() : this.editable;
  }

  /** Moves on to the next root still in the page; false when there is none. */
  private nextRoot(): boolean {
    while (++this.index < this.roots.length) {
      const root = this.roots[this.index]!;
      if (!root.isConnected) continue;
      this.enter(root);
      this.pushBreak();
      return true;
    }
    return false;
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
    let lastParent: Node | null = null;
    let timeUp = false;
    let count = 0;
    let node: Node | null = this.pending ?? this.walker.nextNode();
    this.pending = null;
    for (;;) {
      if (!node) {
        if (!this.nextRoot()) break;
        lastParent = null;
        node = this.walker.nextNode();
        continue;
      }
      if (node.nodeType !== TEXT_NODE) {
        node = this.element(node as Element);
        continue;
      }
      const text = node as Text;
      const parent = text.parentNode;
      // Siblings share their block: look it up only when the parent changes.
      const block = parent === lastParent ? lastBlock : blockOf(text, this.cache);
      lastParent = parent;
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
      node = this.walker.nextNode();
    }
    this.finished = true;
    return { text: this.parts.join(''), nodes, starts, datas };
  }

  /** Judges an element; returns the next node to look at (past its subtree when its text is not read). */
  private element(el: Element): Node | null {
    const name = el.localName;
    const custom = name.includes('-');
    if (custom || SHADOW_HOSTS.has(name)) {
      const shadow = el.shadowRoot;
      if (shadow) this.options.onShadowRoot?.(shadow);
      else if (custom) this.options.onComponentWithoutShadow?.(el);
    }
    // Only marks and custom elements (our card host) can be ours: spares a call on every other element.
    const own = (name === 'mark' || custom) && el.matches(this.options.own);
    const editable = this.editable.has(el);
    if (own || editable || HIDDEN_TEXT.has(name)) {
      // Form fields, editable areas and our own marks stand between words; script and style do not.
      if (own || editable || BREAKING.has(name)) this.pushBreak();
      return this.skipSubtree();
    }
    if (BREAKING.has(name)) this.pushBreak();
    return this.walker.nextNode();
  }

  /** The node after the current one's subtree, in document order (within the root). */
  private skipSubtree(): Node | null {
    for (;;) {
      const sibling = this.walker.nextSibling();
      if (sibling) return sibling;
      if (!this.walker.parentNode()) return null;
    }
  }

  private pushBreak(): void {
    if (this.parts[this.parts.length - 1] !== BLOCK_BREAK) {
      this.parts.push(BLOCK_BREAK);
      this.length += 1;
    }
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
