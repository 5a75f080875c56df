// The Sources list: each source the user added, what it brings, a switch to leave it out of matching without
// losing it, one to make its names strict, and a Remove button (the page offers to undo).
import type { SourceSummary } from '../knowledge/summary';
import { el } from '../shared/dom';
import { t } from '../shared/i18n';
import { readerUrl } from '../shared/reader-url';
import { redrawKeepingFocus } from './focus';
import { switchControl } from './switch-control';
import { dateText, namesText } from './words';

export interface SourceActions {
  readonly setEnabled: (source: SourceSummary, enabled: boolean) => void;
  readonly setStrict: (source: SourceSummary, strict: boolean) => void;
  readonly remove: (source: SourceSummary) => void;
}

/** What to call a source: its title, or where it came from when it has none. */
export const sourceName = (s: SourceSummary): string => s.title || s.file || s.url || s.id;

function details(s: SourceSummary): string {
  const parts = [s.type === 'article' ? t('kpArticle') : t('kpCatalogue')];
  if (s.site) parts.push(s.site);
  if (s.date) parts.push(dateText(s.date));
  parts.push(namesText(s.names), t('kpAddedOn', [dateText(s.addedAt)]));
  return parts.join(' · ');
}

function item(s: SourceSummary, actions: SourceActions): HTMLLIElement {
  const name = sourceName(s);
  const remove = el('button', { type: 'button', class: 'remove', 'aria-label': t('kpRemoveSource', [name]) }, t('kpRemove'));
  remove.addEventListener('click', () => actions.remove(s));
  const href = readerUrl({ source: s.id, entity: null, sentence: null, entry: null });
  return el('li', { 'data-source-id': s.id, class: s.enabled ? 'source' : 'source off' },
    el('div', { class: 'about' },
      el('a', { class: 'title', href, target: '_blank', rel: 'noopener' }, name),
      el('span', { class: 'meta' }, details(s)),
      ...(s.licence ? [el('small', { class: 'licence' }, s.licence)] : [])),
    el('div', { class: 'controls' },
      switchControl({ className: 'source-on', role: 'switch', label: t('kpUseSource', [name]), text: t('kpUse'), checked: s.enabled, onChange: (on) => actions.setEnabled(s, on) }),
      switchControl({
        className: 'source-strict', label: t('kpStrictSource', [name]), text: t('kpStrict'), title: t('kpStrictHelp'), checked: s.strict, onChange: (on) => actions.setStrict(s, on),
      }),
      remove));
}

export class SourceList {
  constructor(
    private readonly list: HTMLUListElement,
    private readonly empty: HTMLElement,
    private readonly actions: SourceActions,
    /** Where focus goes when the last source is removed. */
    private readonly fallback: () => HTMLElement | null,
  ) {}

  render(sources: readonly SourceSummary[]): void {
    this.empty.hidden = sources.length > 0;
    redrawKeepingFocus(this.list, 'data-source-id', () => this.list.replaceChildren(...sources.map((s) => item(s, this.actions))), this.fallback);
  }

  /** Focus on a source's Remove button (after undoing its removal). */
  focus(id: string): void {
    [...this.list.querySelectorAll<HTMLElement>('li[data-source-id]')].find((li) => li.dataset['sourceId'] === id)
      ?.querySelector<HTMLElement>('.remove')?.focus();
  }
}
