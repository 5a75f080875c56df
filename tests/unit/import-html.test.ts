// Web pages as articles through Readability, on real news pages of the corpus (outside the repository) and
// small pages made here. happy-dom stands in for the browser's DOM.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { importHtml } from '../../src/knowledge/import/html';
import type { ArticleSource } from '../../src/knowledge/source';
import { failure } from '../support/import-failure';

const pages = path.join(process.env['BACKSTORY_ROOT']!, '..', 'shared', 'corpus', 'pages');
const windows: Window[] = [];
afterAll(async () => {
  for (const w of windows) await w.happyDOM.close();
});

/**
 * happy-dom 21 closes a raw-text element only when the end tag matches its upper-case tag name, and an SVG
 * <style> is named "style": the rest of the page is swallowed as CSS (24-kxan-large.html kept 294 of its
 * 1,973 elements). Browsers parse it correctly and Readability drops every <style> anyway, so removing the
 * ones inside <svg> changes nothing but the bug.
 */
const withoutSvgStyles = (html: string): string =>
  html.replace(/<svg\b[\s\S]*?<\/svg>/giu, (svg) => svg.replace(/<style\b[^>]*>[\s\S]*?<\/style>/giu, ''));

function load(html: string, url = 'https://example.org/page'): Document {
  const w = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  windows.push(w);
  return new w.DOMParser().parseFromString(withoutSvgStyles(html), 'text/html') as unknown as Document;
}
const corpusPage = (name: string): Document => load(readFileSync(path.join(pages, name), 'utf8'), `https://news.example/${name}`);
/** The page's text as a browser shows it: what inline styles or `hidden` hide is left out, as Readability does. */
function visible(doc: Document): string {
  const body = doc.body.cloneNode(true) as HTMLElement;
  for (const el of Array.from(body.querySelectorAll('[hidden], [style*="display:none"], [style*="display: none"]'))) el.remove();
  return (body.textContent ?? '').replace(/\s+/gu, ' ');
}
const paragraphs = (source: ArticleSource): string[] =>
  source.body.paragraphs.map((ids) => ids.map((id) => source.body.sentences[id]!.text).join(' '));

function expectFromThePage(source: ArticleSource, doc: Document): void {
  const text = visible(doc);
  const missing = source.body.sentences.filter((s) => !text.includes(s.text)).map((s) => s.text);
  expect(missing).toEqual([]);
  expect(source.body.paragraphs.flat()).toEqual(source.body.sentences.map((s) => s.id));
}

describe.skipIf(!existsSync(pages))('news pages of the corpus (skipped without ../shared/corpus)', () => {
  it('reads 18-positive-news: title, date, site, byline and its paragraphs', () => {
    const doc = corpusPage('18-positive-news-curly-possessive.html');
    const elements = doc.getElementsByTagName('*').length;
    const source = importHtml(doc, { url: 'https://www.positive.news/society/what-went-right-this-week/' });
    expect(source.title).toBe('What went right this week: the good news you should know about');
    expect(source.date).toBe('2023-11-02');
    expect(source.origin).toEqual({ site: 'Positive News', url: 'https://www.positive.news/society/what-went-right-this-week/' });
    expect(source.body.byline).toBe('Robin Eveleigh');
    expect(source.body.lang).toBe('en');
    expect(source.body.paragraphs.length).toBeGreaterThan(20);
    expect(source.body.sentences.map((s) => s.text)).toContain(
      'Rishi Sunak’s administration had drawn heavy criticism from environmentalists for previously backing exploitation of the seabed for critical minerals such as cobalt and lithium.',
    );
    expect(paragraphs(source)).toContain('The UK U-turned in support of ocean conservation');
    expectFromThePage(source, doc);
    expect(doc.getElementsByTagName('*').length).toBe(elements); // Readability worked on a copy
  });

  it('reads 14-lemonde in French, non-breaking spaces and all', () => {
    const doc = corpusPage('14-lemonde-2023-nbsp.html');
    const source = importHtml(doc, { file: 'lemonde.html' });
    expect(source.title).toContain('Sophie Binet met en garde Emmanuel Macron');
    expect(source.date).toBe('2023-08-30');
    expect(source.body.lang).toBe('fr');
    expect(source.origin).toEqual({ site: 'Le Monde', file: 'lemonde.html' });
    expect(source.body.paragraphs.length).toBeGreaterThan(10);
    expect(source.body.sentences.some((s) => s.text.startsWith('Reçue mardi 29 août à l’Elysée, la secrétaire générale de la CGT'))).toBe(true);
    // Readability drops <button>s; this one sits inside a sentence and must stay in it.
    expect(source.body.sentences.map((s) => s.text)).toContain(
      'En cliquant sur « Continuer à lire ici » et en vous assurant que vous êtes la seule personne à consulter Le Monde avec ce compte.',
    );
    expectFromThePage(source, doc);
  });

  it('reads 24-kxan, a large page, down to its nine paragraphs', () => {
    const doc = corpusPage('24-kxan-large.html');
    const source = importHtml(doc, { url: 'https://www.kxan.com/news/texas/voters/' });
    expect(source.title).toBe('Voters pass increase for retired public education workers, but future shortfalls likely to emerge');
    expect(source.date).toBe('2023-11-08');
    expect(source.origin.site).toBe('KXAN Austin');
    expect(source.body.sentences[0]!.text).toMatch(/^AUSTIN \(KXAN\) — Texas voters approved an amendment to the state constitution/u);
    expect(source.body.paragraphs.length).toBeGreaterThanOrEqual(5);
    expectFromThePage(source, doc);
  });

  it('quotes only text the page shows, on every page of the corpus', () => {
    const names = readdirSync(pages).filter((name) => name.endsWith('.html'));
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const doc = corpusPage(name);
      const source = importHtml(doc, { file: name });
      expect(source.body.sentences.length, name).toBeGreaterThan(5);
      expectFromThePage(source, doc);
    }
  }, 60_000);
});

describe('pages made here', () => {
  const prose = 'Pawn Storm sent phishing mail to ministries across Europe during the spring. '.repeat(3);
  const article = (head: string, body: string): string =>
    `<!doctype html><html lang="en-GB"><head><title>Doc title</title>${head}</head><body><nav><a href="/">Home</a></nav><article>${body}</article></body></html>`;

  it('keeps headings, list items and quotes as paragraphs of their own', () => {
    const items = ['A <b>backdoor</b> named X-Agent, which records keys and sends files to its servers.', 'Credential phishing, with pages that imitate the webmail of each ministry.'];
    const body = `<h2>The first part</h2><p>${prose}</p><p>${prose}</p><h2>What they used</h2><p>${prose}</p><ul><li>${items[0]}</li><li>${items[1]}</li></ul><blockquote><p>${prose}</p></blockquote><p>Line one<br>line two.</p><p>${prose}</p>`;
    const source = importHtml(load(article('', body)), { url: 'https://www.example.org/a' });
    const p = prose.trim();
    expect(paragraphs(source)).toEqual(['The first part', p, p, 'What they used', p, items[0]!.replace(/<\/?b>/gu, ''), items[1], p, 'Line one line two.', p]);
    expect(source.origin).toEqual({ site: 'example.org', url: 'https://www.example.org/a' });
    expect(source.body.lang).toBe('en-GB');
  });

  it('finds the date in a <time> element when the metadata has none', () => {
    const source = importHtml(load(article('', `<p>Published <time datetime="2021-05-04T10:00:00Z">4 May</time></p><p>${prose}</p><p>${prose}</p>`)), { url: 'https://example.org/b' });
    expect(source.date).toBe('2021-05-04');
  });

  it('prefers the published time of the metadata', () => {
    const source = importHtml(load(article('<meta property="article:published_time" content="2019-02-03T08:00:00+01:00">', `<p>${prose}</p><p>${prose}</p><time datetime="2020-01-01">x</time>`)), { url: 'https://example.org/c' });
    expect(source.date).toBe('2019-02-03');
  });

  it("keeps the page's description as its summary, unless it only repeats the text", () => {
    const own = importHtml(load(article('<meta name="description" content="Phishing against ministries, told in short.">', `<p>${prose}</p><p>${prose}</p>`)), { url: 'https://example.org/d' });
    expect(own.body.summary).toBe('Phishing against ministries, told in short.');
    const none = importHtml(load(article('', `<p>${prose}</p><p>${prose}</p>`)), { url: 'https://example.org/e' });
    expect(none.body.summary).toBeUndefined();
  });

  it('gives the same id to the same URL, another to another', () => {
    const html = article('', `<p>${prose}</p><p>${prose}</p>`);
    const a = importHtml(load(html), { url: 'https://example.org/same' });
    expect(importHtml(load(html), { url: 'https://example.org/same' }).id).toBe(a.id);
    expect(importHtml(load(html), { url: 'https://example.org/other' }).id).not.toBe(a.id);
    expect(a.title).toBe('Doc title');
  });

  it.each([
    ['a tiny page', '<html><body><p>hi</p></body></html>'],
    ['a page of links', `<html><body><ul>${'<li><a href="/x">Section of the site</a></li>'.repeat(40)}</ul></body></html>`],
    ['an empty page', ''],
  ])('finds no article in %s, and says which page', (_name, html) => {
    expect(failure(() => importHtml(load(html), { url: 'https://example.org/tiny' })).message).toBe('https://example.org/tiny: no article found on this page');
    expect(failure(() => importHtml(load(html), { file: 'saved.html' })).message).toBe('saved.html: no article found on this page');
    expect(failure(() => importHtml(load(html), {})).file).toBe('page');
  });
});
