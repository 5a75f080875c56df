// What the popup shows for each state of the tab, the settings and access to websites.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { isReadableUrl, popupView, requestedTabId, type PageFacts } from '../../src/popup/popup-state';

const entities = {
  'pawn-storm': { name: 'Pawn Storm', kind: 'group' as const },
  macron: { name: 'Emmanuel Macron', kind: 'person' as const },
  'trend-micro': { name: 'Trend Micro', kind: 'company' as const },
  'ent-lazarus': { name: 'Lazarus Group', kind: 'group' as const },
};
const facts = (over: Partial<PageFacts> = {}): PageFacts => ({
  settings: DEFAULT_SETTINGS, access: true, justGranted: false, host: 'news.example', readable: true, loading: false,
  mentions: { counts: { 'pawn-storm': 2, macron: 5, 'trend-micro': 0 }, hostname: 'news.example', entities },
  ...over,
});

describe('popupView', () => {
  it('lists the names found, most mentioned first, leaving out those not found', () => {
    expect(popupView(facts())).toEqual({ kind: 'found', found: [
      { entity: 'macron', count: 5, name: 'Emmanuel Macron', kind: 'person' },
      { entity: 'pawn-storm', count: 2, name: 'Pawn Storm', kind: 'group' },
    ] });
  });
  it('keeps the reported order between equal counts', () => {
    const view = popupView(facts({ mentions: { counts: { 'pawn-storm': 1, macron: 1, 'ent-lazarus': 1, 'trend-micro': 1 }, hostname: null, entities } }));
    expect(view.kind === 'found' && view.found.map((f) => f.entity)).toEqual(['pawn-storm', 'macron', 'ent-lazarus', 'trend-micro']);
  });
  it('lists names the user added, and leaves out those the background no longer knows', () => {
    const view = popupView(facts({ mentions: { counts: { 'ent-lazarus': 3, 'ent-gone': 9 }, hostname: null, entities } }));
    expect(view).toEqual({ kind: 'found', found: [{ entity: 'ent-lazarus', count: 3, name: 'Lazarus Group', kind: 'group' }] });
  });
  it('says when nothing is found', () => {
    expect(popupView(facts({ mentions: { counts: { 'pawn-storm': 0, macron: 0, 'trend-micro': 0 }, hostname: null, entities } })).kind).toBe('none');
  });
  it('says when Backstory is off everywhere or on this site', () => {
    expect(popupView(facts({ settings: { ...DEFAULT_SETTINGS, enabled: false } })).kind).toBe('off');
    expect(popupView(facts({ settings: { ...DEFAULT_SETTINGS, disabledSites: ['news.example'] } })).kind).toBe('site-off');
    expect(popupView(facts({ settings: { ...DEFAULT_SETTINGS, disabledSites: ['other.example'] } })).kind).toBe('found');
  });
  it('asks for access when it is withheld, and says to reload once granted', () => {
    const noReport = { counts: null, hostname: null, entities: {} };
    expect(popupView(facts({ access: false, mentions: noReport })).kind).toBe('no-access');
    expect(popupView(facts({ justGranted: true, mentions: noReport })).kind).toBe('granted');
    // Once the content script has reported after the grant, its counts show.
    expect(popupView(facts({ justGranted: true })).kind).toBe('found');
  });
  it('tells pages it cannot read from pages still loading', () => {
    const noReport = { counts: null, hostname: null, entities: {} };
    expect(popupView(facts({ readable: false, mentions: noReport })).kind).toBe('unreadable');
    expect(popupView(facts({ readable: false, access: false, mentions: noReport })).kind).toBe('unreadable');
    expect(popupView(facts({ loading: true, mentions: noReport })).kind).toBe('loading');
    expect(popupView(facts({ readable: null, host: null, mentions: noReport })).kind).toBe('unreadable');
  });
});

describe('popup helpers', () => {
  it('knows which URLs a content script can run on', () => {
    expect(['https://a.org/', 'http://127.0.0.1/x', 'file:///tmp/a.html'].every(isReadableUrl)).toBe(true);
    expect(['chrome://extensions', 'about:addons', 'moz-extension://u/popup.html', 'view-source:https://a.org'].some(isReadableUrl)).toBe(false);
  });
  it('reads the tab it is about from ?tab=<id>, and nothing else', () => {
    expect(requestedTabId('?tab=17')).toBe(17);
    expect(requestedTabId('')).toBeNull();
    for (const bad of ['?tab=', '?tab=-1', '?tab=1e3', '?tab=abc', '?tab=2.5']) expect(requestedTabId(bad), bad).toBeNull();
  });
});
