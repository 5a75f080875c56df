// The tabs' mention counts, in memory and mirrored to storage.session: Chrome ends an idle service worker,
// and the popup still needs the counts after it restarts. storage.session stays in memory (never on disk)
// and is cleared when the browser closes. The popup watches a tab's key to refresh when that tab reports.
import browser from '../shared/browser';
import { MENTIONS_KEY_PREFIX as PREFIX, mentionsKey } from '../shared/messages';
import { parseTabRecord, type TabRecord } from './tab-mentions';

const tabs = new Map<number, TabRecord>();

// Loaded once per start of the background; every read and write waits for it.
const restored = browser.storage.session.get(null).then((all) => {
  for (const [key, value] of Object.entries(all)) {
    const record = key.startsWith(PREFIX) ? parseTabRecord(value) : null;
    if (record && !tabs.has(Number(key.slice(PREFIX.length)))) tabs.set(Number(key.slice(PREFIX.length)), record);
  }
}).catch(() => undefined);

export async function getTab(tabId: number): Promise<TabRecord | undefined> {
  await restored;
  return tabs.get(tabId);
}

/** Changes a tab's record; the memory copy changes at once, so concurrent reports from frames never race. */
export async function updateTab(tabId: number, change: (record: TabRecord | undefined) => TabRecord): Promise<TabRecord> {
  await restored;
  const next = change(tabs.get(tabId));
  tabs.set(tabId, next);
  await browser.storage.session.set({ [mentionsKey(tabId)]: next }).catch(() => undefined);
  return next;
}

export async function forgetTab(tabId: number): Promise<void> {
  await restored;
  if (!tabs.delete(tabId)) return;
  await browser.storage.session.remove(mentionsKey(tabId)).catch(() => undefined);
}
