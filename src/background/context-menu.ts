// "Add to Backstory" on selected text: opens the Knowledge page's form with the selection as the name.
// (The `contextMenus` permission; Firefox knows it too, as an alias of `menus`.)
import browser from '../shared/browser';

const MENU_ID = 'add-to-backstory';
/** Longer than any name: a selection of a paragraph is not a name, and the form shows what it got. */
const MAX_NAME = 200;

export function addToBackstoryMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus.removeAll().then(() => browser.contextMenus.create({
      id: MENU_ID, contexts: ['selection'], title: browser.i18n.getMessage('menuAddToBackstory'),
    }));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID) return;
    const name = (info.selectionText ?? '').replace(/\s+/gu, ' ').trim().slice(0, MAX_NAME);
    void browser.tabs.create({
      url: browser.runtime.getURL(`knowledge.html?add=${encodeURIComponent(name)}`),
      ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}),
    });
  });
}
