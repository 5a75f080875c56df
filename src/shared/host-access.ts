// Access to the pages the user reads. Chrome grants it on install; Firefox (MV3) lets the user withhold it,
// and then the content script never runs: the background warns on the toolbar icon and the popup asks.
import browser from './browser';

const ALL_SITES = { origins: ['<all_urls>'] };

export function hasHostAccess(): Promise<boolean> {
  return browser.permissions.contains(ALL_SITES);
}

/** Shows the browser's prompt. Call it straight from a click handler, before any await: it needs the gesture. */
export function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request(ALL_SITES);
}

export function onHostAccessChanged(callback: () => void): void {
  browser.permissions.onAdded.addListener(callback);
  browser.permissions.onRemoved.addListener(callback);
}
