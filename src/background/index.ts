// Background entry: answers the message contract, keeps per-tab mention counts (the toolbar badge and the
// popup), warns when access to websites is withheld, and handles the keyboard shortcut.
import browser from '../shared/browser';
import { listen, sendToTab } from '../shared/messaging';
import { hostOf } from '../shared/sites';
import { onHostAccessChanged } from '../shared/host-access';
import { forgetTab, getTab, updateTab } from './mention-store';
import { tabMentions, totalMentions, withReport } from './tab-mentions';
import { showHostAccess, showMentionCount } from './badge';
import { commandHandler } from './commands';

/** Whether a message comes from one of the extension's own pages (not from a content script in a web page). */
const fromExtensionPage = (url: string | undefined): boolean => !!url?.startsWith(browser.runtime.getURL(''));

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
  async reportMentions({ counts }, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { ok: false };
    const frameId = sender.frameId ?? 0;
    const record = await updateTab(tabId, (current) => withReport(current, frameId, counts, hostOf(sender.url)));
    showMentionCount(tabId, totalMentions(record));
    return { ok: true };
  },
  async getTabMentions({ tabId }, sender) {
    // What a tab shows is the popup's business, not that of a script running inside some web page.
    if (!fromExtensionPage(sender.url)) return { counts: null, hostname: null };
    return tabMentions(await getTab(tabId));
  },
});

browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') {
    void forgetTab(tabId);
    showMentionCount(tabId, 0);
  }
});

// Every start of the background (install, browser start, Chrome waking its service worker) checks access.
void showHostAccess();
onHostAccessChanged(() => void showHostAccess());

const onCommand = commandHandler({
  activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  showNextMention: (tabId) => sendToTab(tabId, 'showNextMention', { entity: null }),
});
browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
