// After an import: which entries of the new catalogues joined a name already known, and through which name,
// so that the user can see (and question) every merge the import made.
import type { Join } from '../knowledge/merge';
import { el } from '../shared/dom';
import { t } from '../shared/i18n';
import { number } from './words';

export function showJoins(details: HTMLDetailsElement, joins: readonly Join[], nameOf: (entity: string) => string): void {
  details.hidden = joins.length === 0;
  details.open = false;
  details.querySelector('summary')!.textContent = t('kpJoinsSummary', [number(joins.length)]);
  details.querySelector('ul')!.replaceChildren(...joins.map((j) =>
    el('li', {}, t('kpJoin', [j.entry, j.sourceTitle, nameOf(j.entity), j.via]))));
}
