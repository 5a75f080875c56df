import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isActiveOn, parseSettings } from '../../src/shared/settings';
import { BACKGROUND_API, TAB_API, parseRequest } from '../../src/shared/messages';

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
  it('is off on listed sites and when switched off', () => {
    const s = parseSettings({ disabledSites: ['news.example'] });
    expect(isActiveOn(s, 'news.example')).toBe(false);
    expect(isActiveOn(s, 'other.example')).toBe(true);
    expect(isActiveOn({ ...s, enabled: false }, 'other.example')).toBe(false);
  });
});

describe('message contract', () => {
  it('accepts well-formed requests', () => {
    expect(parseRequest({ type: 'openArticle', params: { entity: 'macron', sentence: 3 } }, BACKGROUND_API)).not.toBeNull();
    expect(parseRequest({ type: 'reportMentions', params: { counts: { 'pawn-storm': 1, macron: 0, 'trend-micro': 2 } } }, BACKGROUND_API)).not.toBeNull();
    expect(parseRequest({ type: 'showNextMention', params: { entity: null } }, TAB_API)).not.toBeNull();
  });
  it('takes each request only where it belongs', () => {
    expect(parseRequest({ type: 'showNextMention', params: { entity: null } }, BACKGROUND_API)).toBeNull();
    expect(parseRequest({ type: 'openArticle', params: { entity: 'macron', sentence: 3 } }, TAB_API)).toBeNull();
  });
  it.each([
    null, 'openArticle', {}, { type: 'openArticle' }, { type: 'openArticle', params: { entity: 'putin', sentence: 1 } },
    { type: 'openArticle', params: { entity: 'macron', sentence: -1 } }, { type: 'toString', params: {} },
    { type: 'reportMentions', params: { counts: { macron: 1 } } }, { type: 'eval', params: 'alert(1)' },
    { type: 'showNextMention', params: { entity: 'nobody' } },
  ])('rejects %j', (message) => expect(parseRequest(message, [...BACKGROUND_API, ...TAB_API])).toBeNull());
});
