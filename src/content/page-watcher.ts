// Follows the page as it changes: content added later (infinite scroll, single-page apps, text revealed by
// script) is scanned in batches, only where it changed. Our own marks never retrigger it, because every
// change we make runs inside `quietly`, which drops the records it caused.
import { BREAKING } from './text-layout';

export interface PageWatcher {
  /** Runs fn, then forgets the mutations it made. */
  quietly<T>(fn: () => T): T;
}

/** The nearest block around a changed node: a name may continue from the node into its neighbours. */
function blockAround(node: Node): Node | null {
  for (let n: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode; n; n = n.parentNode) {
    if (n.nodeType !== Node.ELEMENT_NODE) return n.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? n : null;
    if (BREAKING.has((n as Element).localName)) return n;
  }
  return null;
}

export interface WatchOptions {
  /** Called at once for each of the page's own mutations, before any rescan, to repair what it broke. */
  readonly onMutation: (record: MutationRecord) => void;
  /** Called in batches with the blocks to rescan. */
  readonly onChanged: (blocks: Node[]) => void;
  readonly signal: AbortSignal;
  readonly batchMs?: number;
}

export function watchPage(root: Node, { onMutation, onChanged, signal, batchMs = 50 }: WatchOptions): PageWatcher {
  const pending = new Set<Node>();
  let timer = 0;
  const flush = (): void => {
    timer = 0;
    const blocks = [...pending].filter((n) => n.isConnected);
    pending.clear();
    // Keep only outermost blocks: scanning an ancestor covers its descendants.
    const outer = blocks.filter((b) => !blocks.some((o) => o !== b && o.contains(b)));
    if (outer.length) onChanged(outer);
  };
  const collect = (records: MutationRecord[]): void => {
    for (const r of records) {
      onMutation(r);
      const nodes = r.type === 'childList' ? [...r.addedNodes] : [r.target];
      for (const n of nodes) {
        const block = blockAround(n);
        if (block) pending.add(block);
      }
    }
    if (pending.size && !timer) timer = window.setTimeout(flush, batchMs);
  };
  const observer = new MutationObserver(collect);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    window.clearTimeout(timer);
  });
  return {
    quietly<T>(fn: () => T): T {
      collect(observer.takeRecords());
      try {
        return fn();
      } finally {
        observer.takeRecords();
      }
    },
  };
}
