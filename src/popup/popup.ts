// Popup entry: the names found on the current tab (choosing one shows its next mention and card there),
// on/off switches for everywhere and for this site, and a way to grant access to websites when withheld.
import browser from '../shared/browser';
import { send, sendToTab } from '../shared/messaging';
import { localizePage, t } from '../shared/i18n';
import { hasHostAccess, onHostAccessChanged, requestHostAccess } from '../shared/host-access';
import { loadSettings, onSettingsChanged, updateSettings } from '../shared/settings-store';
import { hostOf, withSiteOff } from '../shared/sites';
import { mentionsKey } from '../shared/messages';
import type { EntityId } from '../knowledge/entities';
import { findTargetTab, type TargetTab } from './target-tab';
import { isReadableUrl, popupView, requestedTabId, type PopupView } from './popup-state';
import { renderEntityList } from './entity-list';
import { rememberArticle } from './remember';
import { parseHtml } from '../shared/html-document';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const ui = {
  enabled: $<HTMLInputElement>('enabled'),
  site: $('site'), siteOn: $<HTMLInputElement>('site-on'), siteHost: $('site-host'),
  access: $('access'), grant: $<HTMLButtonElement>('grant'), page: $('page'),
  message: $('message'), reload: $<HTMLButtonElement>('reload'),
  entities: $<HTMLUListElement>('entities'), hint: $('hint'), feedback: $('feedback'),
  article: $<HTMLButtonElement>('article'), options: $<HTMLButtonElement>('options'),
  remember: $<HTMLButtonElement>('remember'), knowledge: $<HTMLButtonElement>('knowledge'),
};

const requested = requestedTabId(location.search);
/** As the toolbar popup it closes after opening a tab; opened as a page (?tab=) it stays. */
const isToolbarPopup = requested === null;
let tab: TargetTab | null = null;
let host: string | null = null;
let justGranted = false;

const MESSAGES: Record<Exclude<PopupView['kind'], 'found'>, () => string> = {
  off: () => t('popupOff'),
  unreadable: () => t('popupUnreadable'),
  'no-access': () => '',
  granted: () => t('popupGranted'),
  'site-off': () => t('popupSiteOff', [host ?? '']),
  loading: () => t('popupLoading'),
  none: () => t('popupNone'),
};

let listKey = '';
function show(view: PopupView): void {
  ui.access.hidden = view.kind !== 'no-access';
  // Without access there is nothing to say about the page: the request above is all there is.
  ui.page.hidden = view.kind === 'no-access' && !ui.feedback.textContent;
  ui.reload.hidden = view.kind !== 'granted';
  ui.message.textContent = view.kind === 'found' ? '' : MESSAGES[view.kind]();
  const found = view.kind === 'found' ? view.found : [];
  ui.entities.hidden = ui.hint.hidden = found.length === 0;
  // Rebuilt only when it changes, so a refresh does not take focus away from the button the user is on.
  const key = JSON.stringify(found);
  if (key !== listKey) {
    listKey = key;
    renderEntityList(ui.entities, found, (f) => void showNext(f.entity, f.name));
  }
  // With nothing to show on the page, the article is the one thing left to read: make it the main action.
  ui.article.classList.toggle('primary', view.kind === 'none');
  // A page whose content script answers can be remembered (whether or not it names anyone yet).
  ui.remember.hidden = view.kind !== 'found' && view.kind !== 'none';
}

// Refreshes can overlap (a settings change and a report at once); only the latest one is shown.
let generation = 0;
async function refresh(): Promise<void> {
  const mine = ++generation;
  const [settings, access, current] = await Promise.all([
    loadSettings(), hasHostAccess().catch(() => true), findTargetTab(requested).catch(() => null),
  ]);
  const unknown = { counts: null, hostname: null, entities: {} };
  // A background that cannot answer (being updated, say) leaves the counts unknown rather than the popup blank.
  const mentions = current ? await send('getTabMentions', { tabId: current.id }).catch(() => unknown) : unknown;
  if (mine !== generation) return;
  tab = current;
  host = hostOf(current?.url) ?? mentions.hostname;
  ui.enabled.checked = settings.enabled;
  ui.site.hidden = host === null;
  ui.siteHost.textContent = host ?? '';
  ui.siteOn.checked = host !== null && !settings.disabledSites.includes(host);
  ui.siteOn.disabled = !settings.enabled;
  show(popupView({
    settings, access, justGranted, host, mentions,
    readable: current?.url === undefined ? (current ? null : false) : isReadableUrl(current.url),
    loading: current?.loading ?? false,
  }));
}

async function showNext(entity: EntityId, name: string): Promise<void> {
  if (!tab) return;
  ui.feedback.textContent = '';
  const { found } = await sendToTab(tab.id, 'showNextMention', { entity }).catch(() => ({ found: false }));
  if (!found) ui.feedback.textContent = t('popupNotFound', [name]);
}

function wire(): void {
  ui.enabled.addEventListener('change', () => {
    const enabled = ui.enabled.checked;
    void updateSettings((s) => ({ ...s, enabled }));
  });
  ui.siteOn.addEventListener('change', () => {
    const on = ui.siteOn.checked;
    if (host !== null) void updateSettings((s) => withSiteOff(s, host!, !on));
  });
  ui.grant.addEventListener('click', () => {
    // Straight from the click: the browser only shows its prompt during a user gesture.
    void requestHostAccess().then((granted) => {
      justGranted = granted;
      ui.feedback.textContent = granted ? '' : t('popupDenied');
      return refresh();
    });
  });
  ui.reload.addEventListener('click', () => {
    if (tab) void browser.tabs.reload(tab.id);
    justGranted = false;
  });
  ui.article.addEventListener('click', () => {
    void browser.tabs.create({ url: browser.runtime.getURL('article.html') }).then(() => isToolbarPopup && window.close());
  });
  ui.remember.addEventListener('click', () => {
    if (!tab) return;
    const tabId = tab.id;
    ui.remember.disabled = true;
    ui.feedback.textContent = t('popupRemembering');
    void rememberArticle({
      readPage: () => sendToTab(tabId, 'readPage', {}),
      parseHtml,
      addSources: (collection) => send('addSources', collection),
      now: () => new Date(),
    }).then((r) => {
      ui.remember.disabled = false;
      ui.feedback.textContent = r.ok
        ? t(r.again ? 'popupRememberedAgain' : 'popupRemembered', [r.title, String(r.names)])
        : t('popupRememberFailed', [r.reason ?? t('popupUnreadable')]);
    });
  });
  ui.knowledge.addEventListener('click', () => {
    void browser.tabs.create({ url: browser.runtime.getURL('knowledge.html') }).then(() => isToolbarPopup && window.close());
  });
  ui.options.addEventListener('click', () => {
    void browser.runtime.openOptionsPage().then(() => isToolbarPopup && window.close());
  });

  onSettingsChanged(() => void refresh(), new AbortController().signal);
  onHostAccessChanged(() => void refresh());
  // The background mirrors each tab's counts to storage.session: a change for our tab means new counts.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && tab && mentionsKey(tab.id) in changes) void refresh();
  });
}

localizePage(document);
wire();
void refresh();
