// Settings in browser.storage.local (the "storage" permission), under one key.
import browser from './browser';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return parseSettings(stored[KEY]);
}

// Writes run one after another: two quick changes (a click in the popup, then one in the options page) each
// read the other's result instead of overwriting it.
let queue: Promise<unknown> = Promise.resolve();

/** Applies a change to the stored settings; every open tab sees it through onSettingsChanged. */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const run = queue.then(async () => {
    const next = parseSettings(change(await loadSettings()));
    await browser.storage.local.set({ [KEY]: next });
    return next;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Back to the defaults (removing the key, so that later versions' defaults apply too). */
export function resetSettings(): Promise<Settings> {
  const run = queue.then(async () => {
    await browser.storage.local.remove(KEY);
    return DEFAULT_SETTINGS;
  });
  queue = run.catch(() => undefined);
  return run;
}

export function onSettingsChanged(callback: (settings: Settings) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[KEY];
    if (area === 'local' && change) callback(parseSettings(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
