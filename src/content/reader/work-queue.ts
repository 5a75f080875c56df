// Runs the reading and marking of roots in slices of a few milliseconds, so no task of ours is long and the
// page can draw and respond between slices. Also caps the work a page can make us do: a page that undoes our
// marks or rewrites its text forever costs a bounded share of each second, never a loop.
import type { Metrics } from '../report/metrics';
import type { ChunkReader } from './page-reader';
import type { ScannedText } from './scan';

/** One slice reads until this many ms have passed, then marks what it read. */
export const SLICE_MS = 8;
/** At most this much of our work per second of wall time, once the first full pass is done. */
export const BUDGET_MS_PER_SECOND = 200;
/**
 * A block read again and again (a page fighting back, a ticker) gets this many quick passes per window; after
 * that it is read again after each of these waits, in its latest state, and then left alone until its text
 * changes (a page that removes every mark gets no more marks; a ticker's new text is read afresh).
 */
export const PASSES_PER_BLOCK = 8;
export const BLOCK_WINDOW_MS = 10_000;
export const BACKOFF_MS: readonly number[] = [1000, 2000, 4000];

interface Passes {
  count: number;
  since: number;
  deferred: boolean;
  /** How many waits of BACKOFF_MS are used up. */
  backoff: number;
  /** The block's text when it was left alone (null: it is not). */
  settled: string | null;
}

export interface WorkQueueOptions {
  /** A reader over a batch of roots. */
  readonly read: (roots: readonly Node[]) => ChunkReader;
  /** Finds and marks the mentions of a chunk; returns the marks it made. */
  readonly process: (chunk: ScannedText) => readonly Element[];
  /** After each run of slices, when all queued work is done. */
  readonly onIdle: () => void;
  readonly metrics: Metrics;
  readonly signal: AbortSignal;
}

export class WorkQueue {
  /** Roots waiting to be read (in order, and as a set), and the reader at work on the ones taken before. */
  private waiting: Node[] = [];
  private readonly waitingSet = new Set<Node>();
  private reader: ChunkReader | null = null;
  private readonly passes = new WeakMap<Node, Passes>();
  private running = false;
  private windowStart = 0;
  private spentInWindow = 0;
  private initialDone = false;

  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly options: WorkQueueOptions) {
    options.signal.addEventListener('abort', () => this.timers.forEach(clearTimeout), { once: true });
  }

  /** Queues roots to read; a root already queued and not started is not queued twice. */
  add(roots: readonly Node[], deferred = false): void {
    const now = performance.now();
    for (const root of roots) {
      if (this.waitingSet.has(root)) continue;
      let pass = this.passes.get(root);
      if (pass?.settled != null && root.textContent === pass.settled) continue; // left alone, and unchanged
      if (!pass || pass.settled !== null || (pass.backoff === 0 && now - pass.since > BLOCK_WINDOW_MS)) {
        pass = { count: 0, since: now, deferred: false, backoff: 0, settled: null };
        this.passes.set(root, pass);
      }
      if (!deferred && pass.count >= PASSES_PER_BLOCK) {
        if (pass.deferred) continue;
        const wait = BACKOFF_MS[pass.backoff];
        if (wait === undefined) pass.settled = root.textContent;
        else {
          pass.backoff += 1;
          this.defer(root, pass, wait);
        }
        continue;
      }
      pass.count += 1;
      this.waiting.push(root);
      this.waitingSet.add(root);
    }
    if (this.hasWork && !this.running) void this.run();
  }

  private get hasWork(): boolean {
    return this.reader !== null || this.waiting.length > 0;
  }

  /** One read of the block later, of whatever it holds then; requests meanwhile are folded into it. */
  private defer(root: Node, pass: Passes, delay: number): void {
    pass.deferred = true;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      pass.deferred = false;
      if (!this.options.signal.aborted && root.isConnected) this.add([root], true);
    }, Math.max(0, delay));
    this.timers.add(timer);
  }

  private async run(): Promise<void> {
    this.running = true;
    this.options.metrics.busy();
    try {
      while (this.hasWork && !this.options.signal.aborted) {
        await this.waitForBudget();
        const start = performance.now();
        const deadline = start + SLICE_MS;
        const marked: Element[] = [];
        while (this.hasWork && performance.now() < deadline && !this.options.signal.aborted) {
          if (!this.reader) {
            // Every root queued and not started goes to one reader: one pass for a whole batch of changes.
            const roots = this.waiting.filter((r) => r.isConnected);
            this.waiting = [];
            this.waitingSet.clear();
            if (roots.length === 0) break;
            this.reader = this.options.read(roots);
          }
          const chunk = this.reader.next(deadline);
          if (chunk && chunk.nodes.length > 0) for (const piece of this.options.process(chunk)) marked.push(piece);
          if (!chunk || this.reader.done) this.reader = null;
          else if (this.reader.waiting) break;
        }
        const end = performance.now();
        this.options.metrics.task(start);
        // (Told after the slice is measured: watching marks for the bench costs more than a cheap mark.)
        this.options.metrics.marked(marked);
        this.spentInWindow += end - start;
        // Waiting for the background's answer takes none of the page's time: no slice runs until it comes.
        const waiting = this.reader?.waiting;
        if (waiting) await waiting;
        else if (this.hasWork) await yieldToPage();
      }
    } finally {
      this.running = false;
      this.initialDone = true;
    }
    if (!this.options.signal.aborted) {
      this.options.onIdle();
      this.options.metrics.idle();
    }
  }

  /** Past the first pass, waits for the next second when this one's budget is spent. */
  private async waitForBudget(): Promise<void> {
    const now = performance.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.spentInWindow = 0;
    }
    if (this.initialDone && this.spentInWindow >= BUDGET_MS_PER_SECOND) {
      await sleep(this.windowStart + 1000 - now);
      this.windowStart = performance.now();
      this.spentInWindow = 0;
    }
  }
}

/** A macrotask boundary: the browser may draw and handle input before the next slice. */
function yieldToPage(): Promise<void> {
  return sleep(0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
