// Background entry: answers the message contract. Keeps per-tab mention counts for the toolbar badge.
import browser from '../shared/browser';
import { listen } from '../shared/messaging';
import type { EntityId } from '../knowledge/entities';

/** tab id -> frame id -> counts: every frame runs its own content script. */
const counts = new Map<number, Map<number, Record<EntityId, number>>>();

function updateBadge(tabId: number): void {
  let total = 0;
  for (const frame of counts.get(tabId)?.values() ?? []) total += frame['pawn-storm'] + frame.macron + frame['trend-micro'];
  void browser.action.setBadgeText({ tabId, text: total ? String(total) : '' }).catch(() => undefined);
}

listen({
  async openArticle({ entity, sentence }, sender) {
    const url = browser.runtime.getURL(`article.html?entity=${entity}#s${sentence}`);
    const tab = sender.tab;
    await browser.tabs.create({
      url,
      ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}),
      ...(tab?.id !== undefined ? { openerTabId: tab.id } : {}),
    });
    return { opened: true };
  },
  async reportMentions({ counts: frameCounts }, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { ok: false };
    const frames = counts.get(tabId) ?? new Map<number, Record<EntityId, number>>();
    frames.set(sender.frameId ?? 0, frameCounts);
    counts.set(tabId, frames);
    updateBadge(tabId);
    return { ok: true };
  },
});

browser.tabs.onRemoved.addListener((tabId) => counts.delete(tabId));
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') {
    counts.delete(tabId);
    updateBadge(tabId);
  }
});
