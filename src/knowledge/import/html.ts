// A web page as an article, through Mozilla's Readability (Firefox's Reader View): it finds the article among
// menus, comments and advertising. The one module that imports @mozilla/readability. The page is handed in
// as a DOM, never parsed here from a string.
import { Readability } from '@mozilla/readability';
import { segmentText } from '../segment';
import { normaliseDate, stableId, type ArticleSource } from '../source';
import { ImportError } from './import-error';

/** Less text than this is a teaser or a login wall: not worth keeping as a source. */
const MIN_ARTICLE_CHARS = 250;
/** More link text than this is an index or a menu. Articles of the test corpus stay under 0.4 (ATT&CK pages). */
const MAX_LINK_DENSITY = 0.6;

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'button', 'select', 'textarea']);
/** Elements whose edges are paragraph edges: everything else flows inline with its neighbours. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul',
]);

/** The article's text, one string per block, read from the elements themselves: no HTML is ever re-parsed. */
function paragraphsOf(root: Node): string[] {
  const paragraphs: string[] = [];
  let run = '';
  const flush = (): void => {
    const paragraph = run.replace(/\s+/gu, ' ').trim();
    if (paragraph !== '') paragraphs.push(paragraph);
    run = '';
  };
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === TEXT || child.nodeType === CDATA) {
        run += child.nodeValue ?? '';
      } else if (child.nodeType === ELEMENT) {
        const tag = (child as Element).localName.toLowerCase();
        if (SKIPPED.has(tag)) continue;
        if (tag === 'br') run += '\n';
        else if (BLOCKS.has(tag)) {
          flush();
          walk(child);
          flush();
        } else walk(child);
      }
    }
  };
  walk(root);
  flush();
  return paragraphs;
}

/**
 * Readability drops every <button>, also one inside a sentence (Le Monde: "En cliquant sur « <button>Continuer
 * à lire ici</button> »"), which would leave a quote the page never showed. A button with prose beside it
 * becomes its text; a button on its own is a control and goes.
 */
function keepButtonsInProse(doc: Document): void {
  for (const button of Array.from(doc.getElementsByTagName('button'))) {
    const parent = button.parentNode;
    if (!parent) continue;
    const inProse = Array.from(parent.childNodes).some((node) => node.nodeType === TEXT && (node.nodeValue ?? '').trim() !== '');
    if (!inProse) continue;
    while (button.firstChild) parent.insertBefore(button.firstChild, button);
    parent.removeChild(button);
  }
}

/** The share of the text that is link text: a page of links (an index, a menu) is no article. */
function linkDensity(root: Node): number {
  const length = (node: Node): number => (node.textContent ?? '').replace(/\s+/gu, '').length;
  const total = length(root);
  if (total === 0 || !('getElementsByTagName' in root)) return 0;
  const links = Array.from((root as Element).getElementsByTagName('a')).reduce((sum, a) => sum + length(a), 0);
  return links / total;
}

/** The publication date from the page's own metadata, when Readability found none. */
function pageDate(doc: Document, article: Node | undefined): string | undefined {
  const meta = doc.querySelector(
    'meta[property="article:published_time"], meta[itemprop="datePublished"], meta[name="date"], meta[name="pubdate"], meta[name="dc.date"], meta[name="DC.date.issued"]',
  );
  const candidates = [
    meta?.getAttribute('content'),
    doc.querySelector('[itemprop="datePublished"][datetime]')?.getAttribute('datetime'),
    article && 'querySelector' in article ? (article as Element).querySelector('time[datetime]')?.getAttribute('datetime') : undefined,
    doc.querySelector('time[datetime]')?.getAttribute('datetime'),
  ];
  for (const candidate of candidates) {
    const date = normaliseDate(candidate);
    if (date) return date;
  }
  return undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./u, '') || undefined;
  } catch {
    return undefined;
  }
}

const clean = (value: string | null | undefined): string | undefined => value?.replace(/\s+/gu, ' ').trim() || undefined;

export function importHtml(doc: Document, origin: { url?: string | undefined; file?: string | undefined }): ArticleSource {
  const url = clean(origin.url);
  const file = clean(origin.file);
  const name = url ?? file ?? 'page';
  // Readability rewrites the DOM it reads; the caller's page must stay as it was.
  const copy = doc.cloneNode(true) as Document;
  keepButtonsInProse(copy);
  const result = new Readability<Node>(copy, { serializer: (node) => node }).parse();
  const root = result?.content ?? undefined;
  const paragraphs = root ? paragraphsOf(root) : [];
  const text = paragraphs.join('\n\n');
  if (!result || !root || text.length < MIN_ARTICLE_CHARS || linkDensity(root) > MAX_LINK_DENSITY) throw new ImportError(name, 'no article found on this page');

  const lang = clean(result.lang) ?? clean(doc.documentElement?.getAttribute('lang'));
  const { paragraphs: ids, sentences } = segmentText(text, lang);
  const title = clean(result.title) ?? clean(doc.title) ?? name;
  const date = normaliseDate(clean(result.publishedTime)) ?? pageDate(doc, root);
  const site = clean(result.siteName) ?? hostOf(url);
  const byline = clean(result.byline);
  // Readability falls back to the first paragraph when a page has no description; a description that only
  // repeats the text is no summary either.
  const excerpt = clean(result.excerpt);
  const stem = excerpt?.replace(/(?:…|\.\.\.)$/u, '');
  const summary = stem && !paragraphs.some((paragraph) => paragraph.startsWith(stem)) ? excerpt : undefined;
  return {
    id: stableId('src', 'article', name),
    title,
    origin: { ...(site ? { site } : {}), ...(url ? { url } : {}), ...(file ? { file } : {}) },
    ...(date ? { date } : {}),
    body: {
      type: 'article',
      paragraphs: ids,
      sentences,
      ...(byline ? { byline } : {}),
      ...(summary ? { summary } : {}),
      ...(lang ? { lang } : {}),
    },
  };
}
