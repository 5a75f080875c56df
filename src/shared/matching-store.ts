// The matching pack in storage.local, as the background publishes it (../knowledge/matching-pack): what
// content scripts match on a page once the user has added knowledge. Absent on a fresh install.
import browser from './browser';
import { MATCHING_KEY, parseMatchingPack, type MatchingPack } from '../knowledge/matching-pack';

export async function loadMatching(): Promise<MatchingPack | null> {
  const stored = await browser.storage.local.get(MATCHING_KEY);
  return parseMatchingPack(stored[MATCHING_KEY]);
}

export function onMatchingChanged(callback: (pack: MatchingPack | null) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[MATCHING_KEY];
    if (area === 'local' && change) callback(parseMatchingPack(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
