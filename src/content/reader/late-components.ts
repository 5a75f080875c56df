// Web components the page defines after we have read it: upgrading one attaches its shadow root without any
// change a MutationObserver reports, and content scripts cannot use customElements.whenDefined (it is not
// there in Chrome's isolated world). So the custom elements seen without a shadow root are looked at again
// a few times, later and later, and any shadow root that has appeared is handed on.

/** When to look again, in ms after an element was first seen. */
const CHECKS_MS = [250, 1000, 3000, 8000];
/** Enough for real pages, bounded for pages with thousands of custom elements that never get a root. */
const MAX_WATCHED = 500;

export class LateComponents {
  private waiting: Element[] = [];
  private step = 0;
  private timer = 0;

  constructor(private readonly onShadowRoot: (root: ShadowRoot) => void, private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => clearTimeout(this.timer), { once: true });
  }

  watch(el: Element): void {
    if (this.waiting.length >= MAX_WATCHED || this.waiting.includes(el)) return;
    this.waiting.push(el);
    // New elements restart the schedule, so each gets every check.
    this.step = 0;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const delay = CHECKS_MS[this.step];
    if (delay === undefined || this.signal.aborted) return;
    const previous = this.step === 0 ? 0 : CHECKS_MS[this.step - 1]!;
    this.timer = window.setTimeout(() => this.check(), delay - previous);
  }

  private check(): void {
    this.waiting = this.waiting.filter((el) => {
      const root = el.shadowRoot;
      if (root) this.onShadowRoot(root);
      return !root && el.isConnected;
    });
    this.step += 1;
    if (this.waiting.length) this.schedule();
  }
}
