// The popup's list of the names found on the page: one button per entity, with its count and what it is.
import pack from 'backstory:pack';
import { isBuiltinId } from '../knowledge/entities';
import { el } from '../shared/dom';
import { t } from '../shared/i18n';
import type { Found } from './popup-state';

function mentionsText(count: number): string {
  return count === 1 ? t('popupMentionsOne') : t('popupMentionsMany', [String(count)]);
}

function entityButton({ entity, count, name, kind }: Found, onChoose: (found: Found) => void): HTMLLIElement {
  const description = isBuiltinId(entity) ? pack.cards[entity].description.text : null;
  const button = el('button', { type: 'button', class: 'entity', 'data-entity': entity },
    el('span', { class: 'entity-head' },
      el('span', { class: 'name' }, name),
      // The pill shows the number; screen readers get it in words instead.
      el('span', { class: 'count', 'aria-hidden': 'true' }, String(count)),
      el('span', { class: 'sr-only' }, `, ${mentionsText(count)}`)),
    el('span', { class: 'about' },
      t(`kind_${kind}`),
      // A built-in name's description is the bundled article's own words, in English whatever the UI language.
      ...(description ? [' · ', el('span', { lang: 'en' }, description)] : [])));
  button.addEventListener('click', () => onChoose({ entity, count, name, kind }));
  return el('li', {}, button);
}

/** Replaces the list's items, keeping focus on the same entity's button if it had it. */
export function renderEntityList(list: HTMLUListElement, found: readonly Found[], onChoose: (found: Found) => void): void {
  const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-entity]')?.dataset['entity'];
  list.replaceChildren(...found.map((f) => entityButton(f, onChoose)));
  if (focused) list.querySelector<HTMLElement>(`[data-entity="${focused}"]`)?.focus();
}
