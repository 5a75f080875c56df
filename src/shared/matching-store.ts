// The matching pack in storage.local, as the background publishes it (../knowledge/matching-pack): what
// content scripts match on a page once the user has added knowledge. Absent on a fresh install.
import browser from './browser';
import { MATCHING_KEY, parseMatchingPack, type MatchingPack } from '../knowledge/matching-pack';

/** `measure`: told when reading the stored pack began, once it is read (the bench counts it as our work). */
export async function loadMatching(measure?: (start: number) => void): Promise<MatchingPack | null> {
  const stored = await browser.storage.local.get(MATCHING_KEY);
  const start = performance.now();
  const pack = parseMatchingPack(stored[MATCHING_KEY]);
  measure?.(start);
  return pack;
}

export function onMatchingChanged(callback: (pack: MatchingPack | null) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[MATCHING_KEY];
    if (area === 'local' && change) callback(parseMatchingPack(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
