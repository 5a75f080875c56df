import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, HIGHLIGHT_STYLES, isActiveOn, parseSettings } from '../../src/shared/settings';
import { BACKGROUND_API, TAB_API, parseRequest } from '../../src/shared/messages';
import { MAX_TEXTS, MESSAGE_CHARS } from '../../src/knowledge/page-names';

describe('settings', () => {
  it('defaults when nothing is stored', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
  it('keeps valid values and replaces each corrupt one by its default', () => {
    const s = parseSettings({ enabled: false, hoverDelayMs: 'soon', entities: { macron: false, 'pawn-storm': 3 }, disabledSites: ['a.org', 4, ''] });
    expect(s).toEqual({ ...DEFAULT_SETTINGS, enabled: false, entities: { ...DEFAULT_SETTINGS.entities, macron: false }, disabledSites: ['a.org'] });
    expect(parseSettings({ hoverDelayMs: -5 }).hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
    expect(parseSettings({ hoverDelayMs: 500 }).hoverDelayMs).toBe(500);
  });
  it('keeps a known highlight style and replaces anything else by the default', () => {
    expect(DEFAULT_SETTINGS.highlightStyle).toBe('yellow');
    for (const style of HIGHLIGHT_STYLES) expect(parseSettings({ highlightStyle: style }).highlightStyle).toBe(style);
    for (const bad of ['neon', 'YELLOW', '', 3, null, ['blue'], { style: 'blue' }]) {
      expect(parseSettings({ highlightStyle: bad }).highlightStyle, JSON.stringify(bad)).toBe('yellow');
    }
  });
  it('survives any stored value without throwing, always giving complete settings', () => {
    const corrupt = [null, 0, 'settings', [], [1, 2], true, { entities: null }, { entities: 'all' }, { entities: [true] },
      { disabledSites: 'a.org' }, { disabledSites: null }, { hoverDelayMs: Number.NaN }, { hoverDelayMs: Infinity }, { hoverDelayMs: 2001 },
      { enabled: 'yes' }, { enabled: 1 }, Object.create(null) as object, { __proto__: { enabled: false } }];
    for (const raw of corrupt) {
      const s = parseSettings(raw);
      expect(Object.keys(s).sort(), JSON.stringify(raw)).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
      expect(typeof s.enabled).toBe('boolean');
      expect(Array.isArray(s.disabledSites)).toBe(true);
    }
    expect(parseSettings({ hoverDelayMs: 2000 }).hoverDelayMs).toBe(2000);
    expect(parseSettings({ hoverDelayMs: 0 }).hoverDelayMs).toBe(0);
  });
  it('lists each disabled site once', () => {
    expect(parseSettings({ disabledSites: ['a.org', 'b.org', 'a.org'] }).disabledSites).toEqual(['a.org', 'b.org']);
  });
  it('gives back what it parsed (a stored value round-trips)', () => {
    const s = parseSettings({ enabled: false, disabledSites: ['x.net'], entities: { macron: false }, hoverDelayMs: 750, highlightStyle: 'underline' });
    expect(parseSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
  it('is off on listed sites and when switched off', () => {
    const s = parseSettings({ disabledSites: ['news.example'] });
    expect(isActiveOn(s, 'news.example')).toBe(false);
    expect(isActiveOn(s, 'other.example')).toBe(true);
    expect(isActiveOn({ ...s, enabled: false }, 'other.example')).toBe(false);
  });
});

describe('message contract', () => {
  it('accepts well-formed requests', () => {
    expect(parseRequest({ type: 'openSource', params: { source: 'bundled', entity: 'macron', sentence: 3, entry: null } }, BACKGROUND_API)).not.toBeNull();
    expect(parseRequest({ type: 'openSource', params: { source: 'src-1', entity: null, sentence: null, entry: 'k' } }, BACKGROUND_API)).not.toBeNull();
    expect(parseRequest({ type: 'reportMentions', params: { counts: { 'ent-1x': 4 } } }, BACKGROUND_API)).not.toBeNull();
    expect(parseRequest({ type: 'getCard', params: { entity: 'ent-1x' } }, BACKGROUND_API)).not.toBeNull();
    expect(parseRequest({ type: 'addName', params: { name: 'Kimsuky', aliases: ['Velvet Chollima'], kind: 'group', note: '' } }, BACKGROUND_API)).not.toBeNull();
    expect(parseRequest({ type: 'readPage', params: {} }, TAB_API)).not.toBeNull();
    expect(parseRequest({ type: 'reportMentions', params: { counts: { 'pawn-storm': 1, macron: 0, 'trend-micro': 2 } } }, BACKGROUND_API)).not.toBeNull();
    expect(parseRequest({ type: 'showNextMention', params: { entity: null } }, TAB_API)).not.toBeNull();
    expect(parseRequest({ type: 'getTabMentions', params: { tabId: 42 } }, BACKGROUND_API)).toEqual({ type: 'getTabMentions', params: { tabId: 42 } });
    const texts = ['x'.repeat(MESSAGE_CHARS - 1), 'y'];
    expect(parseRequest({ type: 'findNames', params: { texts } }, BACKGROUND_API)).toEqual({ type: 'findNames', params: { texts } });
    const bytes = [new TextEncoder().encode('Pawn Storm'), 'and text'];
    expect(parseRequest({ type: 'findNames', params: { texts: bytes } }, BACKGROUND_API)).toEqual({ type: 'findNames', params: { texts: bytes } });
    const page = { chars: 12_000, witnesses: ['pawn-storm', 'ent-9wnyq3dth0'] };
    expect(parseRequest({ type: 'findNames', params: { texts, page } }, BACKGROUND_API)).toEqual({ type: 'findNames', params: { texts, page } });
  });
  it('takes each request only where it belongs', () => {
    expect(parseRequest({ type: 'showNextMention', params: { entity: null } }, BACKGROUND_API)).toBeNull();
    expect(parseRequest({ type: 'openSource', params: { source: 'bundled', entity: 'macron', sentence: 3, entry: null } }, TAB_API)).toBeNull();
    expect(parseRequest({ type: 'readPage', params: {} }, BACKGROUND_API)).toBeNull();
  });
  it.each([
    null, 'openSource', {}, { type: 'openSource' }, { type: 'openArticle', params: { entity: 'macron', sentence: 1 } },
    { type: 'openSource', params: { source: 'bundled', entity: 'macron', sentence: -1, entry: null } },
    { type: 'openSource', params: { source: '', entity: 'macron', sentence: 1, entry: null } }, { type: 'toString', params: {} },
    { type: 'reportMentions', params: { counts: { macron: 1.5 } } }, { type: 'reportMentions', params: { counts: { '<b>x</b>': 1 } } },
    { type: 'eval', params: 'alert(1)' }, { type: 'showNextMention', params: { entity: 'Not an id' } },
    { type: 'getCard', params: { entity: 7 } }, { type: 'addName', params: { name: ' ', aliases: [], kind: 'group', note: '' } },
    { type: 'addName', params: { name: 'X', aliases: [], kind: 'wizard', note: '' } },
    { type: 'addSources', params: { sources: 'x', names: [], switchedOff: [] } }, { type: 'addSources', params: { sources: [] } },
    { type: 'readPage', params: { html: 1 } },
    { type: 'findNames', params: { texts: 'one text' } }, { type: 'findNames', params: { texts: [{ 0: 80, 1: 97 }] } }, { type: 'findNames', params: { texts: ['a', 7] } }, { type: 'findNames', params: {} },
    { type: 'findNames', params: { texts: ['a'], page: true } }, { type: 'findNames', params: { texts: ['a'], page: { chars: -1, witnesses: [] } } },
    { type: 'findNames', params: { texts: ['a'], page: { chars: 1, witnesses: ['<b>x</b>'] } } }, { type: 'findNames', params: { texts: ['a'], page: { chars: 1 } } },
    { type: 'findNames', params: { texts: ['a'], page: { chars: 1, witnesses: Array.from({ length: 10_001 }, (_, i) => `e${i}`) } } },
    { type: 'findNames', params: { texts: ['x'.repeat(MESSAGE_CHARS), 'y'] } }, { type: 'findNames', params: { texts: Array.from({ length: MAX_TEXTS + 1 }, () => '') } },
    { type: 'getTabMentions', params: {} }, { type: 'getTabMentions', params: { tabId: '7' } },
    { type: 'getTabMentions', params: { tabId: -1 } }, { type: 'getTabMentions', params: { tabId: 1.5 } }, { type: 'getTabMentions', params: null },
  ])('rejects %j', (message) => expect(parseRequest(message, [...BACKGROUND_API, ...TAB_API])).toBeNull());
});

describe('who may ask what', () => {
  it('keeps every change of the knowledge, and every read of the user’s sources, to the extension’s own pages', async () => {
    const { PAGE_ONLY } = await import('../../src/shared/messages');
    for (const type of ['addSources', 'addName', 'removeName', 'removeSource', 'setSourceEnabled', 'setEntityEnabled', 'getKnowledge', 'exportKnowledge', 'getSource', 'getTabMentions'] as const) {
      expect(PAGE_ONLY.has(type), type).toBe(true);
    }
    // A content script has its page's text searched, asks for cards and reports counts; nothing else it sends
    // may touch the knowledge.
    expect([...BACKGROUND_API].filter((t) => !PAGE_ONLY.has(t)).sort()).toEqual(['findNames', 'getCard', 'openSource', 'reportMentions']);
  });
  it('opens the reader at a sentence or an entry, the bundled article at its old address', async () => {
    const { readerUrl } = await import('../../src/shared/reader-url');
    expect(readerUrl({ source: 'bundled', entity: 'macron', sentence: 3, entry: null })).toBe('article.html?entity=macron#s3');
    expect(readerUrl({ source: 'src-1', entity: 'ent-2', sentence: 0, entry: null })).toBe('article.html?source=src-1&entity=ent-2#s0');
    expect(readerUrl({ source: 'src-1', entity: null, sentence: null, entry: 'a b&c' })).toBe('article.html?source=src-1&entry=a+b%26c');
  });
});
