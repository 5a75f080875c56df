// Which tab the popup is about. As the toolbar popup: the active tab of its window, whose URL the
// "activeTab" permission lets it read (granted by the click on the toolbar button). Opened as a page with
// ?tab=<id> (the end-to-end tests do this, since no test driver can click a toolbar button): that tab.
import browser from '../shared/browser';

export interface TargetTab {
  readonly id: number;
  /** Undefined when the browser does not let us see it (no activeTab grant and no host access). */
  readonly url: string | undefined;
  readonly loading: boolean;
}

export async function findTargetTab(requested: number | null): Promise<TargetTab | null> {
  const tab = requested === null
    ? (await browser.tabs.query({ active: true, currentWindow: true }))[0]
    : await browser.tabs.get(requested).catch(() => undefined);
  if (tab?.id === undefined) return null;
  return { id: tab.id, url: tab.url, loading: tab.status === 'loading' };
}
