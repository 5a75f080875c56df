// What content scripts read of the matching pack the background publishes (../knowledge/matching-pack's
// PageMatching): absent on a fresh install, until the background's first start publishes it.
import browser from './browser';
import { PAGE_MATCHING_KEY, parsePageMatching, type PageMatching } from '../knowledge/matching-pack';

/** `measure`: told when reading it began, once it is read (the bench counts it as our work). */
export async function loadMatching(measure?: (start: number) => void): Promise<PageMatching | null> {
  const stored = await browser.storage.local.get(PAGE_MATCHING_KEY);
  const start = performance.now();
  const matching = parsePageMatching(stored[PAGE_MATCHING_KEY]);
  measure?.(start);
  return matching;
}

/** Told when the background publishes a different pack (not when it publishes the same one again). */
export function onMatchingChanged(callback: (matching: PageMatching | null) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>, area: string): void => {
    const change = changes[PAGE_MATCHING_KEY];
    if (area !== 'local' || !change) return;
    const next = parsePageMatching(change.newValue);
    if (next?.revision !== parsePageMatching(change.oldValue)?.revision || !next) callback(next);
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
