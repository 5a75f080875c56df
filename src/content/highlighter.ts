// Wraps mentions in <mark> elements with mark.js (the one module that imports it), and undoes exactly that:
// unmarking restores the page's own text nodes without merging its adjacent ones (mark.js's own unmark()
// calls normalize(), which would).
import Mark from 'mark.js';
import type { EntityId } from '../knowledge/entities';
import type { Mention } from '../knowledge/matcher';
import { nodeIndexAt, type ScannedText } from './scan';

export const MARK_ATTR = 'data-backstory';
export const MARK_SELECTOR = `mark[${MARK_ATTR}]`;

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

  constructor(private readonly prefix: string) {}

  /** Marks the given mentions of a scan. Later mentions go first so earlier offsets stay valid. */
  mark(scan: ScannedText, found: readonly Mention[]): MarkedMention[] {
    const out: MarkedMention[] = [];
    for (let k = found.length - 1; k >= 0; k--) {
      const m = found[k]!;
      const first = nodeIndexAt(scan, m.start);
      const last = nodeIndexAt(scan, m.end - 1);
      const context = scan.nodes.slice(first, last + 1);
      if (context.some((n) => !n.isConnected)) continue; // the page moved on since the scan
      const marked: MarkedMention = { id: `${this.prefix}${++this.counter}`, entity: m.entity, pieces: [] };
      // mark.js walks each context with a NodeIterator, so text nodes work as contexts (its types say
      // elements): it then sees exactly the nodes of this mention, and ranges count from the first one.
      new Mark(context as unknown as HTMLElement[]).markRanges([{ start: m.start - scan.starts[first]!, length: m.end - m.start }], {
        element: 'mark',
        each: (el: Element) => {
          el.setAttribute(MARK_ATTR, '');
          el.setAttribute('data-entity', m.entity);
          el.setAttribute('data-mention', marked.id);
          if (el.nextSibling) this.created.add(el.nextSibling);
          marked.pieces.push(el);
        },
      });
      if (marked.pieces.length === 0) continue;
      this.mentions.set(marked.id, marked);
      out.push(marked);
    }
    return out.reverse();
  }

  get all(): ReadonlyMap<string, MarkedMention> {
    return this.mentions;
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

  private unwrap(piece: Element): void {
    const parent = piece.parentNode;
    if (!parent) return;
    const text = piece.textContent ?? '';
    const before = piece.previousSibling;
    const after = piece.nextSibling;
    if (before?.nodeType === Node.TEXT_NODE) {
      const target = before as Text;
      target.appendData(text);
      if (after?.nodeType === Node.TEXT_NODE && this.created.has(after)) {
        target.appendData((after as Text).data);
        after.remove();
      }
      piece.remove();
    } else {
      parent.replaceChild(piece.ownerDocument.createTextNode(text), piece);
    }
  }
}
