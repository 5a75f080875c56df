// Reads the visible text under a root in one TreeWalker pass: one string, blocks separated by BLOCK_BREAK,
// with the offset of every text node, so the matcher runs once over it and mentions map back to nodes.
import { BLOCK_BREAK } from '../knowledge/text-chars';
import { BREAKING, HIDDEN_TEXT, isEditable } from './text-layout';

export interface ScannedText {
  readonly text: string;
  readonly nodes: readonly Text[];
  /** starts[i] is the offset of nodes[i] in text. */
  readonly starts: readonly number[];
}

export interface ScanOptions {
  /** Elements to leave out whole, as a block: our own marks and card host. */
  readonly isOwn: (el: Element) => boolean;
}

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

export function scanText(root: Node, options: ScanOptions): ScannedText {
  const doc = root.ownerDocument ?? (root as Document);
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  let lastBlock: Element | null | undefined;
  const cache = new Map<Node, Element | null>();
  const pushBreak = (): void => {
    if (parts[parts.length - 1] !== BLOCK_BREAK) {
      parts.push(BLOCK_BREAK);
      length += 1;
    }
  };

  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      const el = node as Element;
      if (HIDDEN_TEXT.has(el.localName) || isEditable(el) || options.isOwn(el)) {
        // Form fields and our own marks stand between words; invisible elements (script, style) do not.
        if (BREAKING.has(el.localName) || options.isOwn(el) || isEditable(el)) pushBreak();
        return NodeFilter.FILTER_REJECT;
      }
      if (BREAKING.has(el.localName)) pushBreak();
      return NodeFilter.FILTER_SKIP;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const block = blockOf(text, cache);
    if (block !== lastBlock) {
      pushBreak();
      lastBlock = block;
    }
    nodes.push(text);
    starts.push(length);
    parts.push(text.data);
    length += text.data.length;
  }
  return { text: parts.join(''), nodes, starts };
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
