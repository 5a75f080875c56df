// Sites in settings: what "add a site" accepts, a tab's host, and switching a site off and on.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isActiveOn } from '../../src/shared/settings';
import { hostOf, normalizeSite, withSiteOff } from '../../src/shared/sites';

describe('normalizeSite', () => {
  it.each([
    ['news.example.com', 'news.example.com'],
    ['  News.Example.COM. ', 'news.example.com'],
    ['https://news.example.com/world/a.html?x=1#top', 'news.example.com'],
    ['http://127.0.0.1:8080/demo.html', '127.0.0.1'],
    ['example.com/path', 'example.com'],
    ['localhost', 'localhost'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['[::1]', '[::1]'],
  ])('%j -> %j', (input, host) => expect(normalizeSite(input)).toBe(host));

  it.each(['', '   ', 'two words.com', 'http://', 'exa mple.com', '-bad-.com', 'a..b', 'javascript:alert(1)', 'file:///etc/passwd', '*.example.com', 'example_site.com'])(
    'rejects %j', (input) => expect(normalizeSite(input)).toBeNull());
});

describe('hostOf', () => {
  it('gives the host of web pages only', () => {
    expect(hostOf('https://www.example.org/a')).toBe('www.example.org');
    expect(hostOf('http://127.0.0.1:4000/demo.html')).toBe('127.0.0.1');
    for (const url of [undefined, '', 'about:blank', 'chrome://extensions', 'moz-extension://x/popup.html', 'file:///tmp/a.html', 'nonsense']) {
      expect(hostOf(url), String(url)).toBeNull();
    }
  });
});

describe('withSiteOff', () => {
  it('switches a site off once and back on, leaving the others', () => {
    const base = { ...DEFAULT_SETTINGS, disabledSites: ['a.org'] };
    const off = withSiteOff(withSiteOff(base, 'b.org', true), 'b.org', true);
    expect(off.disabledSites).toEqual(['a.org', 'b.org']);
    expect(isActiveOn(off, 'b.org')).toBe(false);
    const on = withSiteOff(off, 'b.org', false);
    expect(on.disabledSites).toEqual(['a.org']);
    expect(isActiveOn(on, 'b.org')).toBe(true);
    expect(base.disabledSites).toEqual(['a.org']); // not mutated
  });
});
