// Background entry: answers the message contract, keeps per-tab mention counts (the toolbar badge and the
// popup), keeps the user's knowledge (sources, names) and gives cards, warns when access to websites is
// withheld, and handles the keyboard shortcut and the "Add to Backstory" menu item.
import browser from '../shared/browser';
import { listen, sendToTab } from '../shared/messaging';
import type { Outcome } from '../shared/messages';
import { hostOf } from '../shared/sites';
import { onHostAccessChanged } from '../shared/host-access';
import { userEntityId } from '../knowledge/knowledge';
import { importBackstory } from '../knowledge/import/backstory';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../knowledge/collection';
import { forgetTab, getTab, updateTab } from './mention-store';
import { tabMentions, totalMentions, withReport } from './tab-mentions';
import { showHostAccess, showMentionCount } from './badge';
import { commandHandler } from './commands';
import { knowledge, names, republishOnSettings } from './knowledge-wiring';
import { readerUrl } from '../shared/reader-url';
import { addToBackstoryMenu } from './context-menu';

/** A change of the knowledge, answered with its result or with why it failed (a broken file, no space left). */
async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

listen({
  async openSource(target, sender) {
    const tab = sender.tab;
    await browser.tabs.create({
      url: browser.runtime.getURL(readerUrl(target)),
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
  async getTabMentions({ tabId }) {
    const found = tabMentions(await getTab(tabId));
    return { ...found, entities: found.counts ? await knowledge.names(Object.keys(found.counts)) : {} };
  },
  findNames: ({ texts, page }) => names.find(texts, page),
  async getCard({ entity }) {
    return { card: await knowledge.card(entity) };
  },
  // Read as strictly as an export file: what is stored here is later shown in cards.
  addSources: (collection) => outcome(() => knowledge.add(importBackstory({ format: EXPORT_FORMAT, version: EXPORT_VERSION, ...collection }, 'message'))),
  addName: ({ name, aliases, kind, note }) => outcome(async () => {
    const entity = userEntityId(name.trim());
    const result = await knowledge.addName({ id: entity, name: name.trim(), aliases: aliases.map((a) => a.trim()).filter(Boolean), kind, note: note.trim() });
    return { ...result, entity };
  }),
  removeName: ({ id }) => outcome(() => knowledge.removeName(id)),
  removeSource: ({ id }) => outcome(() => knowledge.removeSource(id)),
  setSourceEnabled: ({ id, enabled }) => outcome(() => knowledge.setSourceEnabled(id, enabled)),
  setEntityEnabled: ({ id, enabled }) => outcome(() => knowledge.setEntityEnabled(id, enabled)),
  setStrict: ({ id, strict }) => outcome(() => knowledge.setStrict(id, strict)),
  getKnowledge: () => knowledge.summary(),
  exportKnowledge: async () => ({ text: await knowledge.exportText() }),
  getSource: async ({ id }) => ({ view: await knowledge.source(id) }),
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

// The matching pack is written after every change; on install and update too, as its format may have changed.
browser.runtime.onInstalled.addListener(() => void knowledge.republish().catch(() => undefined));
republishOnSettings();
addToBackstoryMenu();

const onCommand = commandHandler({
  activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  showNextMention: (tabId) => sendToTab(tabId, 'showNextMention', { entity: null }),
});
browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
