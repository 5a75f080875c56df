// The bundled article as a page of the extension: its paragraphs with every sentence addressable (#sN), the
// names Backstory recognises highlighted, and the sentence a card linked to scrolled into view.
import pack from 'backstory:pack';
import browser from '../shared/browser';
import { ENTITY_IDS, type EntityId } from '../knowledge/entities';

const t = (key: string, subs?: string[]): string => browser.i18n.getMessage(key, subs) || key;

function sentenceNodes(id: number, focus: EntityId | null): HTMLElement {
  const sentence = pack.article.sentences[id]!;
  const span = document.createElement('span');
  span.className = 'sentence';
  span.id = `s${id}`;
  span.tabIndex = -1;
  let at = 0;
  for (const m of pack.mentions[id] ?? []) {
    span.append(sentence.text.slice(at, m.start));
    const mark = document.createElement('mark');
    mark.dataset['entity'] = m.entity;
    if (m.entity === focus) mark.className = 'focus-entity';
    mark.textContent = sentence.text.slice(m.start, m.end);
    span.append(mark);
    at = m.end;
  }
  span.append(sentence.text.slice(at), ' ');
  return span;
}

function render(): void {
  const params = new URLSearchParams(location.search);
  const raw = params.get('entity');
  const focus = raw && (ENTITY_IDS as readonly string[]).includes(raw) ? (raw as EntityId) : null;
  document.documentElement.lang = browser.i18n.getUILanguage().startsWith('fr') ? 'fr' : 'en';
  document.title = t('articlePageTitle');

  const main = document.getElementById('article')!;
  const article = document.createElement('article');
  article.lang = 'en'; // the article itself is in English whatever the UI language
  const title = document.createElement('h1');
  title.textContent = t('articleHeading');
  const byline = document.createElement('p');
  byline.className = 'byline';
  byline.textContent = t('cardSource', [String(pack.source.year)]);
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = t('articleMentions');
  const summaryHeading = document.createElement('h2');
  summaryHeading.textContent = t('articleSummary');
  const summary = document.createElement('p');
  summary.className = 'summary';
  summary.textContent = pack.article.summary;
  article.append(title, byline, note, summaryHeading, summary);
  for (const ids of pack.article.paragraphs) {
    const p = document.createElement('p');
    p.append(...ids.map((id) => sentenceNodes(id, focus)));
    article.append(p);
  }
  main.replaceChildren(article);

  const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (target) {
    target.classList.add('target');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }
}

render();
