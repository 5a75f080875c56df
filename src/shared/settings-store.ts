// Settings in browser.storage.local (the "storage" permission), under one key.
import browser from './browser';
import { parseSettings, type Settings } from './settings';

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return parseSettings(stored[KEY]);
}

export function onSettingsChanged(callback: (settings: Settings) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[KEY];
    if (area === 'local' && change) callback(parseSettings(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
