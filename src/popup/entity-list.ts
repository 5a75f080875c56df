// The popup's list of the names found on the page: one button per entity, with its count and what it is.
import pack from 'backstory:pack';
import type { EntityId } from '../knowledge/entities';
import { el } from '../shared/dom';
import { t } from '../shared/i18n';
import type { Found } from './popup-state';

function mentionsText(count: number): string {
  return count === 1 ? t('popupMentionsOne') : t('popupMentionsMany', [String(count)]);
}

function entityButton({ entity, count }: Found, onChoose: (entity: EntityId) => void): HTMLLIElement {
  const card = pack.cards[entity];
  const button = el('button', { type: 'button', class: 'entity', 'data-entity': entity },
    el('span', { class: 'entity-head' },
      el('span', { class: 'name' }, card.name),
      // The pill shows the number; screen readers get it in words instead.
      el('span', { class: 'count', 'aria-hidden': 'true' }, String(count)),
      el('span', { class: 'sr-only' }, `, ${mentionsText(count)}`)),
    el('span', { class: 'about' },
      t(`kind_${card.kind}`), ' · ',
      // The description is the article's own words, in English whatever the interface language.
      el('span', { lang: 'en' }, card.description.text)));
  button.addEventListener('click', () => onChoose(entity));
  return el('li', {}, button);
}

/** Replaces the list's items, keeping focus on the same entity's button if it had it. */
export function renderEntityList(list: HTMLUListElement, found: readonly Found[], onChoose: (entity: EntityId) => void): void {
  const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-entity]')?.dataset['entity'];
  list.replaceChildren(...found.map((f) => entityButton(f, onChoose)));
  if (focused) list.querySelector<HTMLElement>(`[data-entity="${focused}"]`)?.focus();
}
