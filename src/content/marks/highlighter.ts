// Wraps mentions in <mark> elements with mark.js (the one module that imports it), and undoes exactly that:
// unmarking restores the page's own text nodes without merging its adjacent ones (mark.js's own unmark()
// calls normalize(), which would).
import Mark from 'mark.js/dist/mark.es6.js';
import type { EntityId } from '../../knowledge/entities';
import type { Mention } from '../../knowledge/matcher';
import { nodeIndexAt, type ScannedText } from '../reader/scan';

import { MARK_ATTR } from './mark-attr';
import { ELEMENT_NODE, FILTER_ACCEPT, SHOW_ALL, SHOW_TEXT, TEXT_NODE } from '../node-types';

export { MARK_ATTR, MARK_SELECTOR } from './mark-attr';

/**
 * mark.js walks each context with a NodeIterator of the document's. A NodeIterator stays registered with the
 * document until it is garbage-collected, and every later removal of a node in the page updates each one
 * still registered: hundreds per chunk (one per text node we mark) would slow the page's own changes until
 * the next collection. Our contexts are text nodes, whose walk is the node itself: while mark.js runs, the
 * document it calls (our script world's view of it: the page never sees this) gives for a text node an
 * iterator of that one node, registered nowhere.
 */
interface OneNodeIterator {
  nextNode(): Node | null;
  previousNode(): Node | null;
}

/** What a NodeIterator over a text node gives: the node itself, if the filter takes it. */
function oneNodeIterator(node: Node, whatToShow: number, filter: NodeFilter | null): OneNodeIterator {
  const verdict = !filter ? FILTER_ACCEPT : typeof filter === 'function' ? filter(node) : filter.acceptNode(node);
  const taken = (whatToShow & SHOW_TEXT) !== 0 && verdict === FILTER_ACCEPT;
  let after = false;
  return {
    nextNode: () => (taken && !after ? ((after = true), node) : null),
    previousNode: () => (taken && after ? ((after = false), node) : null),
  };
}

function withoutLiveIterators(doc: Document, run: () => void): void {
  const native = doc.createNodeIterator;
  doc.createNodeIterator = ((root: Node, whatToShow = SHOW_ALL, filter: NodeFilter | null = null) => (root.nodeType === TEXT_NODE
    ? oneNodeIterator(root, whatToShow, filter) : native.call(doc, root, whatToShow, filter))) as typeof doc.createNodeIterator;
  try {
    run();
  } finally {
    delete (doc as { createNodeIterator?: unknown }).createNodeIterator;
    if (doc.createNodeIterator !== native) doc.createNodeIterator = native; // (it was an own property)
  }
}

/** Text nodes to one mark.js call: few, as its cost per range grows with the text of all its contexts. */
const MARK_GROUP = 4;

interface MarkRange {
  readonly start: number;
  readonly length: number;
  readonly marked: MarkedMention;
}

/** One mark.js call: its contexts, the mentions' ranges in their joined text, and that text's length. */
interface MarkGroup {
  readonly contexts: Text[];
  readonly ranges: MarkRange[];
  length: number;
}

export interface MarkedMention {
  readonly id: string;
  readonly entity: EntityId;
  readonly pieces: Element[];
}

export class Highlighter {
  /** Text nodes that splitting created: unmarking folds them back into the node they came from. */
  private readonly created = new WeakSet<Node>();
  private readonly mentions = new Map<string, MarkedMention>();
  private counter = 0;

  constructor(private readonly prefix: string, private style = '') {}

  /** Changes the look of every mark, present and to come (a highlight preset name). */
  setStyle(style: string): void {
    this.style = style;
    for (const m of this.mentions.values()) for (const piece of m.pieces) piece.setAttribute(MARK_ATTR, style);
  }

  /**
   * Marks the given mentions of a scan with mark.js, a few text nodes to a call. Its contexts are the text nodes
   * holding the mentions, in order; each range counts across those nodes only. (mark.js joins the text of all
   * its contexts and rebuilds that string for every range it wraps: with a chunk's two dozen nodes to one call,
   * that copying was a third of what we allocate on a news page; with MARK_GROUP, a few calls' set-up costs less.)
   */
  mark(scan: ScannedText, found: readonly Mention[]): MarkedMention[] {
    // A node read twice in one chunk (a block inside another, both read) belongs to its first reading: what a
    // second reading finds there is dropped, so nothing is marked twice.
    const readAt = new Map<Text, number>();
    scan.nodes.forEach((n, i) => {
      if (!readAt.has(n)) readAt.set(n, i);
    });
    const groups: MarkGroup[] = [];
    let group: MarkGroup | null = null;
    /** Where each node of the current group starts in the text of its contexts. */
    const offsets = new Map<number, number>();
    for (const m of found) {
      const first = nodeIndexAt(scan, m.start);
      const last = nodeIndexAt(scan, m.end - 1);
      let usable = true;
      for (let i = first; i <= last && usable; i++) {
        const n = scan.nodes[i]!;
        // The page may have moved on since the scan (work runs in slices): mark only what is as it was read.
        // mark.js skips text right under <html>: such a node would shift every range after it.
        usable = n.isConnected && n.data === scan.datas[i] && readAt.get(n) === i && n.parentElement?.localName !== 'html';
      }
      if (!usable) continue;
      // A new group once this one has its nodes, unless the mention starts in one of them.
      if (!group || (group.contexts.length >= MARK_GROUP && !offsets.has(first))) {
        groups.push((group = { contexts: [], ranges: [], length: 0 }));
        offsets.clear();
      }
      for (let i = first; i <= last; i++) {
        if (offsets.has(i)) continue;
        const n = scan.nodes[i]!;
        offsets.set(i, group.length);
        group.contexts.push(n);
        group.length += n.data.length;
      }
      const marked: MarkedMention = { id: `${this.prefix}${++this.counter}`, entity: m.entity, pieces: [] };
      group.ranges.push({ start: offsets.get(first)! + m.start - scan.starts[first]!, length: m.end - m.start, marked });
    }
    if (groups.length === 0) return [];
    const options = {
      element: 'mark',
      each: (el: Element, range: unknown) => {
        const { marked } = range as MarkRange;
        el.setAttribute(MARK_ATTR, this.style);
        el.setAttribute('data-entity', marked.entity);
        el.setAttribute('data-mention', marked.id);
        if (el.nextSibling) this.created.add(el.nextSibling);
        marked.pieces.push(el);
      },
    };
    // mark.js walks each context with a NodeIterator, so text nodes work as contexts (its types say elements).
    // (mark.js calls the global document's.)
    withoutLiveIterators(document, () => {
      for (const g of groups) new Mark(g.contexts as unknown as HTMLElement[]).markRanges(g.ranges, options);
    });
    const out: MarkedMention[] = [];
    for (const { marked } of groups.flatMap((g) => g.ranges)) {
      // mark.js splits at the end of a mention even at the end of a text node: drop that empty node of ours.
      for (const piece of marked.pieces) {
        const after = piece.nextSibling;
        if (after && this.created.has(after) && (after as Text).length === 0) after.remove();
      }
      if (marked.pieces.length === 0) continue;
      this.mentions.set(marked.id, marked);
      out.push(marked);
    }
    return out;
  }

  /** The mentions still in the page (the page may have removed some). */
  live(): MarkedMention[] {
    const out: MarkedMention[] = [];
    for (const [id, m] of this.mentions) {
      if (m.pieces.some((p) => p.isConnected)) out.push(m);
      else this.mentions.delete(id);
    }
    return out;
  }

  /**
   * The page rewrote or removed a text node that we had split (React does both: facebook/react#11538).
   * What follows it of ours holds its old text: remove that, so the page shows exactly what it wrote.
   * The caller rescans the block, so a mention still there is marked again.
   */
  detachFollowers(first: Node | null): void {
    for (let node = first; node && (this.isPiece(node) || this.created.has(node)); ) {
      const next: Node | null = node.nextSibling;
      if (this.isPiece(node)) {
        const id = (node as Element).getAttribute('data-mention') ?? '';
        const marked = this.mentions.get(id);
        this.mentions.delete(id);
        // Other pieces of a mention cut in two go back to being plain text.
        for (const piece of marked?.pieces ?? []) if (piece !== node) this.unwrap(piece);
      }
      node.parentNode?.removeChild(node);
      node = next;
    }
  }

  /**
   * The user edited a text node we had split (in an editable area): fold our marks after it back into plain
   * text, keeping every character the user sees. Unlike detachFollowers, nothing is dropped.
   */
  releaseFollowers(first: Node | null): void {
    const ids = new Set<string>();
    for (let node = first; node && (this.isPiece(node) || this.created.has(node)); node = node.nextSibling) {
      if (this.isPiece(node)) ids.add((node as Element).getAttribute('data-mention') ?? '');
    }
    for (const id of ids) this.unmark(id);
  }

  /** Unmarks every mention with a piece inside `root`. */
  unmarkWithin(root: Node): void {
    for (const m of this.live()) if (m.pieces.some((p) => root.contains(p))) this.unmark(m.id);
  }

  private isPiece(node: Node): boolean {
    return node.nodeType === ELEMENT_NODE && (node as Element).hasAttribute(MARK_ATTR);
  }

  /** Removes one mention's marks, putting its text back into the page's own text nodes. */
  unmark(id: string): void {
    const marked = this.mentions.get(id);
    if (!marked) return;
    this.mentions.delete(id);
    for (const piece of marked.pieces) this.unwrap(piece);
  }

  unmarkAll(): void {
    for (const id of [...this.mentions.keys()]) this.unmark(id);
  }

  get size(): number {
    return this.mentions.size;
  }

  private unwrap(piece: Element): void {
    const parent = piece.parentNode;
    if (!parent) return;
    const text = piece.textContent ?? '';
    const before = piece.previousSibling;
    const after = piece.nextSibling;
    if (before?.nodeType === TEXT_NODE) {
      const target = before as Text;
      target.appendData(text);
      if (after?.nodeType === TEXT_NODE && this.created.has(after)) {
        target.appendData((after as Text).data);
        after.remove();
      }
      piece.remove();
    } else {
      parent.replaceChild(piece.ownerDocument.createTextNode(text), piece);
    }
  }
}
