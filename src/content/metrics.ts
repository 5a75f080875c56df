// Timing for `npm run bench`, and nothing else: only a page that opts in with <html data-backstory-bench>
// gets User Timing entries on its timeline (one `backstory:task` measure per slice of our work, marks when the
// first mention in view is marked and whenever all work is done). Other pages pay one attribute check.

export interface Metrics {
  task(start: number): void;
  marked(pieces: readonly Element[]): void;
  busy(): void;
  idle(): void;
}

const NONE: Metrics = { task() {}, marked() {}, busy() {}, idle() {} };

function inView(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
}

export function createMetrics(doc: Document): Metrics {
  if (!doc.documentElement.hasAttribute('data-backstory-bench')) return NONE;
  let firstInView = false;
  const state = (value: string): void => {
    doc.documentElement.dataset['backstoryState'] = value;
  };
  return {
    task(start) {
      performance.measure('backstory:task', { start, end: performance.now() });
    },
    marked(pieces) {
      if (firstInView || !pieces.some(inView)) return;
      firstInView = true;
      performance.mark('backstory:first-highlight');
    },
    busy: () => state('busy'),
    idle() {
      performance.mark('backstory:idle');
      state('idle');
    },
  };
}
