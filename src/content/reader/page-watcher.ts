// Follows the page as it changes: content added later (infinite scroll, single-page apps, text revealed by
// script) is read again in batches, only where it changed. Our own changes never retrigger it: every change
// we make runs inside `quietly`, which drops the records it caused, and our own elements are ignored.
import { blockAround } from './text-layout';
import { ELEMENT_NODE } from '../node-types';

export interface PageWatcher {
  /** Runs fn, then forgets the mutations it made: they are never reported. */
  quietly<T>(fn: () => T): T;
  /** Also follows an open shadow root. */
  observe(root: Node): void;
}

export interface WatchOptions {
  /** Called at once for each of the page's own mutations, before any rescan, to repair what it broke. */
  readonly onMutation: (record: MutationRecord) => void;
  /** Called in batches with the blocks to read again. */
  readonly onChanged: (blocks: Node[]) => void;
  /** A selector for our marks and card: their comings and goings are not the page's changes. */
  readonly own: string;
  readonly signal: AbortSignal;
  readonly batchMs?: number;
  /** Told when a piece of the watcher's own work began, once it ends (the bench counts it as ours). */
  readonly measure?: (start: number) => void;
}

const OBSERVE: MutationObserverInit = {
  childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['contenteditable'],
};

function hasAncestorIn(node: Node, set: ReadonlySet<Node>): boolean {
  for (let n = node.parentNode; n; n = n.parentNode) if (set.has(n)) return true;
  return false;
}

export function watchPage(root: Node, { onMutation, onChanged, own, signal, batchMs = 50, measure }: WatchOptions): PageWatcher {
  const pending = new Set<Node>();
  let timer = 0;
  const flush = (): void => {
    const start = performance.now();
    timer = 0;
    // Keep only outermost blocks: reading an ancestor covers its descendants. One climb per block (not a
    // comparison of every pair: a batch of an infinite scroll holds hundreds).
    const outer = [...pending].filter((b) => b.isConnected && !hasAncestorIn(b, pending));
    pending.clear();
    if (outer.length) onChanged(outer);
    measure?.(start);
  };
  /** measured: false when called from within work that is measured already. */
  const collect = (records: MutationRecord[], measured = true): void => {
    if (records.length === 0) return;
    const start = performance.now();
    // Only our own elements coming and going (the card's host): nothing of the page's to time.
    let pages = false;
    for (const r of records) {
      onMutation(r);
      if (r.type === 'attributes' || r.removedNodes.length > 0) pages = true;
      if (r.type === 'attributes') continue;
      const nodes = r.type === 'childList' ? [...r.addedNodes] : [r.target];
      for (const n of nodes) {
        if (n.nodeType === ELEMENT_NODE && (n as Element).matches(own)) continue;
        pages = true;
        const block = blockAround(n);
        if (block) pending.add(block);
      }
    }
    if (pending.size && !timer) timer = window.setTimeout(flush, batchMs);
    if (measured && pages) measure?.(start);
  };
  const observer = new MutationObserver((records) => collect(records));
  observer.observe(root, OBSERVE);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    window.clearTimeout(timer);
  });
  return {
    quietly<T>(fn: () => T): T {
      collect(observer.takeRecords(), false);
      try {
        return fn();
      } finally {
        // Our records are dropped rather than avoided by disconnecting: reconnecting would cost a call per
        // root observed (a page of components has thousands of shadow roots) on every slice.
        observer.takeRecords();
      }
    },
    observe(shadow: Node): void {
      observer.observe(shadow, OBSERVE);
    },
  };
}
