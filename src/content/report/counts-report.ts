// The toolbar's counts, told to the background: when they change, at most once per interval while the page
// keeps changing (a message costs the page about half a millisecond), and always in their last state.

export interface CountsReporter {
  /** The counts may have changed: tell now, or when the interval allows. `now` tells at once. */
  report(now?: boolean): void;
  /** Forgets what was told last, so the next report tells again (the badge was cleared). */
  forget(): void;
}

export function countsReporter<T>(read: () => T, tell: (counts: T) => void, everyMs: number, win: Window): CountsReporter {
  let told = '';
  let lastTold = -Infinity;
  let timer = 0;
  const tellIfChanged = (): void => {
    timer = 0;
    const counts = read();
    const key = JSON.stringify(counts);
    if (key === told) return;
    told = key;
    lastTold = performance.now();
    tell(counts);
  };
  return {
    report(now = false) {
      if (now || performance.now() - lastTold >= everyMs) {
        win.clearTimeout(timer);
        tellIfChanged();
      } else if (!timer) {
        timer = win.setTimeout(tellIfChanged, lastTold + everyMs - performance.now());
      }
    },
    forget() {
      told = '';
    },
  };
}
