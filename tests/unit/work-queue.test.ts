// @vitest-environment happy-dom
// The work queue's back-off for a block the page keeps changing back: a few quick passes, then reads after
// growing waits, then the block is left alone until its text changes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKOFF_MS, PASSES_PER_BLOCK, WorkQueue } from '../../src/content/reader/work-queue';
import type { ScannedText } from '../../src/content/reader/scan';

const quiet = { task() {}, loaded() {}, marked() {}, busy() {}, idle() {} };

/** A queue whose every read of `block` is "undone" by the page: it asks for the block again at once. */
function fightingPage(block: HTMLElement) {
  const reads: number[] = [];
  const controller = new AbortController();
  let queue: WorkQueue | null = null;
  queue = new WorkQueue({
    read: (roots) => {
      let given = false;
      return {
        get done() { return given; },
        waiting: null,
        next(): ScannedText | null {
          if (given) return null;
          given = true;
          const node = roots[0]!.firstChild as Text;
          return { text: node.data, nodes: [node], starts: [0], datas: [node.data] };
        },
      };
    },
    process: () => {
      reads.push(performance.now());
      // The page removes the marks: the watcher reports the block changed, a moment later.
      setTimeout(() => queue!.add([block]), 50);
      return [];
    },
    onIdle: () => {},
    metrics: quiet,
    signal: controller.signal,
  });
  return { queue, reads, stop: () => controller.abort() };
}

describe('WorkQueue back-off', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    document.body.innerHTML = '<p id="b">Emmanuel Macron</p>';
  });
  afterEach(() => vi.useRealTimers());

  it('reads a block the page keeps undoing a few times, then after 1, 2 and 4 s, then no more until its text changes', async () => {
    const block = document.getElementById('b')!;
    const page = fightingPage(block);
    page.queue.add([block]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(page.reads.length).toBe(PASSES_PER_BLOCK + BACKOFF_MS.length);
    const waits = page.reads.slice(PASSES_PER_BLOCK - 1).map((t, i, all) => (i === 0 ? 0 : t - all[i - 1]!)).slice(1);
    // Each wait counts from the request that found the quick passes used up (50 ms after a read).
    expect(waits.map((w) => Math.round((w - 50) / 100) * 100)).toEqual([...BACKOFF_MS]);

    // Asked again with the same text: left alone.
    page.queue.add([block]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(page.reads.length).toBe(PASSES_PER_BLOCK + BACKOFF_MS.length);

    // Its text changed: read afresh.
    (block.firstChild as Text).data = 'Trend Micro';
    page.queue.add([block]);
    await vi.advanceTimersByTimeAsync(100);
    expect(page.reads.length).toBeGreaterThan(PASSES_PER_BLOCK + BACKOFF_MS.length);
    page.stop();
  });
});
