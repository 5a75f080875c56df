// Runs the reading and marking of roots in slices of a few milliseconds, so no task of ours is long and the
// page can draw and respond between slices. Also caps the work a page can make us do: a page that undoes our
// marks or rewrites its text forever costs a bounded share of each second, never a loop.
import type { Metrics } from './metrics';
import { TextScanner, type ScanOptions, type ScannedText } from './scan';

/** One slice reads until this many ms have passed, then marks what it read. */
export const SLICE_MS = 8;
/** At most this much of our work per second of wall time, once the first full pass is done. */
export const BUDGET_MS_PER_SECOND = 200;
/** A block marked again and again (a page fighting back) is left alone after this many passes per window. */
export const PASSES_PER_BLOCK = 8;
export const BLOCK_WINDOW_MS = 10_000;

export interface WorkQueueOptions {
  readonly scan: ScanOptions;
  /** Finds and marks the mentions of a chunk; returns the marks it made. */
  readonly process: (chunk: ScannedText) => readonly Element[];
  /** After each run of slices, when all queued work is done. */
  readonly onIdle: () => void;
  readonly metrics: Metrics;
  readonly signal: AbortSignal;
}

export class WorkQueue {
  private readonly jobs: { root: Node; scanner: TextScanner | null }[] = [];
  private readonly passes = new WeakMap<Node, { count: number; since: number }>();
  private running = false;
  private windowStart = 0;
  private spentInWindow = 0;
  private initialDone = false;

  constructor(private readonly options: WorkQueueOptions) {}

  /** Queues roots to read; a root already queued and not started is not queued twice. */
  add(roots: readonly Node[]): void {
    const now = performance.now();
    for (const root of roots) {
      if (this.jobs.some((j) => j.root === root && !j.scanner)) continue;
      const pass = this.passes.get(root);
      if (pass && now - pass.since < BLOCK_WINDOW_MS) {
        if (++pass.count > PASSES_PER_BLOCK) continue;
      } else {
        this.passes.set(root, { count: 1, since: now });
      }
      this.jobs.push({ root, scanner: null });
    }
    if (this.jobs.length && !this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    this.options.metrics.busy();
    try {
      while (this.jobs.length && !this.options.signal.aborted) {
        await this.waitForBudget();
        const start = performance.now();
        const deadline = start + SLICE_MS;
        while (this.jobs.length && performance.now() < deadline && !this.options.signal.aborted) {
          const job = this.jobs[0]!;
          job.scanner ??= new TextScanner(job.root, this.options.scan);
          const chunk = job.root.isConnected ? job.scanner.next(deadline) : null;
          if (chunk) this.options.metrics.marked(this.options.process(chunk));
          if (!chunk || job.scanner.done) this.jobs.shift();
        }
        const end = performance.now();
        this.options.metrics.task(start);
        this.spentInWindow += end - start;
        if (this.jobs.length) await yieldToPage();
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
