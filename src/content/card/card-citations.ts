// The card's body: what each source says, under that source's title and date. Article quotes link to the very
// sentence in the reader page; catalogue descriptions show Markdown links as links (web addresses only) and
// ATT&CK citation markers as small labels. Everything is built as nodes: imported text is never markup.
import type { Citation, EntityCard, QuotedSentence, SourceLine } from '../../knowledge/entity-card';
import { BUNDLED_SOURCE_ID } from '../../knowledge/source';
import { elIn as el } from '../../shared/dom';
import { richTextNodes } from '../../shared/rich-text-nodes';
import type { SourceTarget } from '../../shared/messages';

export type { SourceTarget } from '../../shared/messages';

export type Translate = (key: string, substitutions?: string[]) => string;


export interface CitationActions {
  readonly href: (target: SourceTarget) => string;
  readonly open: (target: SourceTarget) => void;
}

/** The bundled article has no title of its own; the card names it by what it is. */
export function sourceLabel(t: Translate, s: SourceLine): string {
  if (s.id === BUNDLED_SOURCE_ID) return t('cardBundled', [s.date ?? '']);
  return [s.title || s.site || s.file || s.url || '', s.date].filter(Boolean).join(' · ');
}

/** A link that the page opens through the background (a new tab beside this one), not by navigating. */
function opener(doc: Document, actions: CitationActions, target: SourceTarget, ...children: (Node | string)[]): HTMLAnchorElement {
  const a = el(doc, 'a', { href: actions.href(target), target: '_blank', rel: 'noopener' }, ...children);
  a.addEventListener('click', (event) => {
    event.preventDefault();
    actions.open(target);
  });
  return a;
}

/** A sentence with the entity's mentions in <strong>. */
function sentence(doc: Document, q: QuotedSentence): (Node | string)[] {
  const out: (Node | string)[] = [];
  let at = 0;
  for (const m of q.marks) {
    out.push(q.text.slice(at, m.start), el(doc, 'strong', {}, q.text.slice(m.start, m.end)));
    at = m.end;
  }
  out.push(q.text.slice(at));
  return out;
}

function citation(doc: Document, t: Translate, actions: CitationActions, entity: string, c: Citation): HTMLElement {
  const heading = el(doc, 'h3', {}, sourceLabel(t, c.source));
  if (c.type === 'article') {
    const list = el(doc, 'ul', { class: 'facts' });
    for (const q of c.quotes) {
      const target = { source: c.source.id, entity, sentence: q.sentence, entry: null };
      list.append(el(doc, 'li', { 'data-sentence': String(q.sentence) },
        el(doc, 'blockquote', {}, opener(doc, actions, target, ...sentence(doc, q)))));
    }
    return el(doc, 'section', { class: 'citation', 'data-source': c.source.id }, heading, list);
  }
  const target = { source: c.source.id, entity, sentence: null, entry: c.entry };
  const body = c.description.length
    ? el(doc, 'blockquote', { class: 'entry' }, ...richTextNodes(doc, (name) => t('cardCitation', [name]), c.description))
    : el(doc, 'p', { class: 'empty' }, t('cardNoDescription'));
  return el(doc, 'section', { class: 'citation', 'data-source': c.source.id }, heading, body,
    el(doc, 'p', { class: 'open' }, opener(doc, actions, target, t('cardOpenEntry', [c.name]))));
}

/** The aliases on one line, collapsed past a few: "Also called APT28, Fancy Bear, Sofacy (+8)". */
export function aliasLine(doc: Document, t: Translate, aliases: readonly string[], shown = 4): HTMLElement | null {
  if (aliases.length === 0) return null;
  const line = el(doc, 'p', { class: 'aliases' }, t('cardAlsoCalled', [aliases.slice(0, shown).join(', ')]));
  if (aliases.length > shown) {
    const more = el(doc, 'button', { type: 'button', class: 'more', 'aria-expanded': 'false' }, t('cardMoreNames', [String(aliases.length - shown)]));
    more.addEventListener('click', () => {
      line.replaceChildren(t('cardAlsoCalled', [aliases.join(', ')]));
    });
    line.append(' ', more);
  }
  return line;
}

/** The card's scrolling body: the user's note (as theirs), then each source's words. */
export function citationsBody(doc: Document, t: Translate, actions: CitationActions, card: EntityCard): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (card.note) parts.push(el(doc, 'section', { class: 'note' }, el(doc, 'h3', {}, t('cardYourNote')), el(doc, 'p', {}, card.note)));
  for (const c of card.citations) parts.push(citation(doc, t, actions, card.entity, c));
  if (card.moreSources > 0) parts.push(el(doc, 'p', { class: 'more-sources' }, t('cardMoreSources', [String(card.moreSources)])));
  return parts;
}
