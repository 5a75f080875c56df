// The reader page: any source as the user added it, every sentence addressable (#sN) so that a card's quote
// opens at that very sentence, the names Backstory recognises highlighted. The bundled article ships with the
// page (?entity=…#sN); the user's sources come from the background (?source=…, and &entry=… for a catalogue).
import pack from 'backstory:pack';
import { send } from '../shared/messaging';
import type { SourceView } from '../shared/messages';
import { el } from '../shared/dom';
import { localizePage, t } from '../shared/i18n';
import { richTextNodes } from '../shared/rich-text-nodes';
import { isEntityId } from '../knowledge/entities';
import { parseRichText } from '../knowledge/rich-text';
import type { ArticleBody, CatalogueEntry, Source } from '../knowledge/source';

interface Marked {
  readonly entity: string;
  readonly start: number;
  readonly end: number;
}

function sentenceNodes(id: number, text: string, mentions: readonly Marked[], focus: string | null): HTMLElement {
  const span = el('span', { class: 'sentence', id: `s${id}`, tabindex: '-1' });
  let at = 0;
  for (const m of mentions) {
    span.append(text.slice(at, m.start));
    span.append(el('mark', { 'data-entity': m.entity, ...(m.entity === focus ? { class: 'focus-entity' } : {}) }, text.slice(m.start, m.end)));
    at = m.end;
  }
  span.append(text.slice(at), ' ');
  return span;
}

function articleBody(body: ArticleBody, mentions: readonly (readonly Marked[])[], focus: string | null): HTMLElement[] {
  return body.paragraphs.map((ids) => el('p', {}, ...ids.map((id) => sentenceNodes(id, body.sentences[id]!.text, mentions[id] ?? [], focus))));
}

function bundled(focus: string | null): HTMLElement {
  document.title = t('articlePageTitle');
  const article = el('article', { lang: 'en' }, // the article itself is in English whatever the UI language
    el('h1', {}, t('articleHeading')),
    el('p', { class: 'byline' }, t('cardSource', [String(pack.source.year)])),
    el('p', { class: 'note' }, t('articleMentions')),
    el('h2', {}, t('articleSummary')),
    el('p', { class: 'summary' }, pack.article.summary));
  article.append(...articleBody(pack.article, pack.mentions, focus));
  return article;
}

function origin(source: Source): HTMLElement[] {
  const parts = [source.origin.site, source.date, source.body.type === 'article' ? source.body.byline : undefined].filter(Boolean);
  const out = [el('p', { class: 'byline' }, parts.join(' · '))];
  if (source.origin.url && /^https?:/iu.test(source.origin.url)) {
    out.push(el('p', { class: 'note' }, el('a', { href: source.origin.url, rel: 'noopener noreferrer' }, t('readerOriginal'))));
  } else if (source.origin.file) out.push(el('p', { class: 'note' }, t('readerImportedFrom', [source.origin.file])));
  if (source.licence) out.push(el('p', { class: 'note licence' }, `${t('readerLicence')}: ${source.licence}`));
  return out;
}

function entryView(source: Source, entry: CatalogueEntry): HTMLElement {
  const refs = entry.references.filter((r) => r.url && /^https?:/iu.test(r.url));
  return el('section', { class: 'entry', id: 'entry', tabindex: '-1' },
    el('h2', {}, entry.name),
    el('p', { class: 'byline' }, t(`kind_${entry.kind}`)),
    ...(entry.aliases.length ? [el('p', { class: 'note' }, t('cardAlsoCalled', [entry.aliases.join(', ')]))] : []),
    entry.description
      ? el('p', { class: 'description' }, ...richTextNodes(document, (name) => t('cardCitation', [name]), parseRichText(entry.description)))
      : el('p', { class: 'note' }, t('cardNoDescription')),
    ...(refs.length ? [el('h3', {}, t('readerReferences')),
      el('ul', { class: 'refs' }, ...refs.map((r) => el('li', {}, el('a', { href: r.url!, rel: 'noopener noreferrer' }, r.externalId ?? r.label ?? r.url!))))] : []),
    el('p', { class: 'note' }, t('readerFrom', [source.title])));
}

function userSource(view: SourceView, focus: string | null, entryKey: string | null): HTMLElement {
  const { source } = view;
  document.title = `${source.title} · Backstory`;
  const article = el('article', {}, el('h1', {}, source.title), ...origin(source));
  if (source.body.type === 'article') {
    if (source.body.lang) article.lang = source.body.lang;
    if (source.body.summary) article.append(el('h2', {}, t('articleSummary')), el('p', { class: 'summary' }, source.body.summary));
    article.append(el('p', { class: 'note' }, t('articleMentions')), ...articleBody(source.body, view.mentions, focus));
    return article;
  }
  const entry = source.body.entries.find((e) => e.key === entryKey);
  if (entry) return article.appendChild(entryView(source, entry)).parentElement!;
  article.append(el('p', { class: 'note' }, t('readerEntries', [String(source.body.entries.length)])));
  const list = el('ul', { class: 'entries' });
  for (const e of source.body.entries) {
    const q = new URLSearchParams({ source: source.id, entry: e.key });
    list.append(el('li', {}, el('a', { href: `article.html?${q}` }, e.name)));
  }
  article.append(list);
  return article;
}

async function render(): Promise<void> {
  localizePage(document);
  const params = new URLSearchParams(location.search);
  const raw = params.get('entity');
  const focus = isEntityId(raw) ? raw : null;
  const id = params.get('source');
  const main = document.getElementById('article')!;
  if (id === null) main.replaceChildren(bundled(focus));
  else {
    const { view } = await send('getSource', { id }).catch(() => ({ view: null }));
    main.replaceChildren(view ? userSource(view, focus, params.get('entry')) : el('p', { class: 'note' }, t('readerMissing')));
  }
  const target = location.hash ? document.getElementById(location.hash.slice(1)) : document.getElementById('entry');
  if (target) {
    target.classList.add('target');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }
}

void render();
