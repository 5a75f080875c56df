// "Remember this article" from the popup, with the browser calls handed in: a real corpus page read with
// Readability becomes one source; a page without an article saves nothing and says why.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { rememberArticle, type RememberDeps } from '../../src/popup/remember';
import type { Collection } from '../../src/knowledge/collection';

const pages = path.join(process.env['BACKSTORY_ROOT']!, '..', 'shared', 'corpus', 'pages');
const parse = (html: string, url: string): Document => {
  const window = new Window({ url });
  // happy-dom closes <style> only on an upper-case end tag inside <svg>; Readability drops styles anyway.
  window.document.write(html.replace(/<svg[\s\S]*?<\/svg>/giu, ''));
  return window.document as unknown as Document;
};

function deps(html: string, url: string, sent: Collection[]): RememberDeps {
  return {
    readPage: async () => ({ html, url }),
    parseHtml: parse,
    addSources: async (c) => {
      sent.push(c);
      return { ok: true, value: { added: [c.sources[0]!.source.id], replaced: [], joins: [], entities: 2 } };
    },
    now: () => new Date('2026-11-28T12:00:00Z'),
  };
}

describe('remember this article', () => {
  it.skipIf(!existsSync(pages))('keeps a news page of the corpus as one article source (skipped without ../shared/corpus)', async () => {
    const sent: Collection[] = [];
    const html = readFileSync(path.join(pages, '18-positive-news-curly-possessive.html'), 'utf8');
    const result = await rememberArticle(deps(html, 'https://www.positive.news/week', sent));
    expect(result).toMatchObject({ ok: true, names: 2, again: false });
    expect(sent).toHaveLength(1);
    const stored = sent[0]!.sources[0]!;
    expect(stored).toMatchObject({ addedAt: '2026-11-28T12:00:00.000Z', enabled: true });
    expect(stored.source.origin.url).toBe('https://www.positive.news/week');
    expect(stored.source.body.type).toBe('article');
    expect(stored.source.body.type === 'article' && stored.source.body.sentences.some((s) => s.text.includes('Macron'))).toBe(true);
  });
  it('saves nothing from a page without an article, and says why', async () => {
    const sent: Collection[] = [];
    const result = await rememberArticle(deps('<html><body><nav><a href="/">Home</a></nav></body></html>', 'https://example.org/', sent));
    expect(result).toEqual({ ok: false, reason: 'no article found on this page' });
    expect(sent).toEqual([]);
  });
  it('reports a page that cannot be read (no content script there)', async () => {
    const result = await rememberArticle({ ...deps('', 'https://x.org', []), readPage: () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')) });
    expect(result).toEqual({ ok: false, reason: null });
  });
});
