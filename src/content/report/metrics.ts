// Timing for `npm run bench`, and nothing else: only a page that opts in with <html data-backstory-bench>
// gets User Timing entries on its timeline (one `backstory:task` measure per slice of our work and for setting
// up, one `backstory:load` from reading storage to the matcher ready, marks when the first mark is seen in view and whenever all work is done). Other pages pay one
// attribute check.

export interface Metrics {
  task(start: number): void;
  /** What matching needs is loaded (from storage) and ready, since `start`. */
  loaded(start: number): void;
  marked(pieces: readonly Element[]): void;
  busy(): void;
  idle(): void;
}

const NONE: Metrics = { task() {}, loaded() {}, marked() {}, busy() {}, idle() {} };

/** Marks watched for the first one in view: enough to find it, bounded so a long page costs nothing more. */
const WATCHED_MARKS = 500;

export function createMetrics(doc: Document): Metrics {
  if (!doc.documentElement.hasAttribute('data-backstory-bench')) return NONE;
  let firstInView = false;
  let watched = 0;
  // An IntersectionObserver, not getBoundingClientRect: measuring a mark right after marking would force a
  // layout of the whole page in the middle of our work, a cost the bench would add and users never pay.
  let observer: IntersectionObserver | null = null;
  const state = (value: string): void => {
    doc.documentElement.dataset['backstoryState'] = value;
  };
  return {
    task(start) {
      performance.measure('backstory:task', { start, end: performance.now() });
    },
    loaded(start) {
      performance.measure('backstory:load', { start, end: performance.now() });
    },
    marked(pieces) {
      if (firstInView || watched >= WATCHED_MARKS || pieces.length === 0) return;
      observer ??= new IntersectionObserver((entries) => {
        const seen = entries.find((e) => e.isIntersecting);
        if (!seen || firstInView) return;
        firstInView = true;
        performance.mark('backstory:first-highlight', { startTime: seen.time });
        observer?.disconnect();
      });
      for (const piece of pieces.slice(0, WATCHED_MARKS - watched)) observer.observe(piece);
      watched += pieces.length;
    },
    busy: () => state('busy'),
    idle() {
      performance.mark('backstory:idle');
      state('idle');
    },
  };
}
