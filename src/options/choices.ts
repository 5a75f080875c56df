// The options page's checkboxes (one per entity) and radio buttons (one per highlight style), built from the
// pack and the style presets so that a new entity or style needs no change here.
import pack from 'backstory:pack';
import { ENTITY_IDS, type EntityId } from '../knowledge/entities';
import { el } from '../shared/dom';
import { t } from '../shared/i18n';
import { HIGHLIGHT_STYLES, type HighlightStyle } from '../shared/settings';
import { HIGHLIGHT_LOOKS } from '../shared/highlight-styles';

export function entityChoices(onChange: (entity: EntityId, on: boolean) => void): HTMLElement {
  return el('div', { class: 'choices' }, ...ENTITY_IDS.map((id) => {
    const card = pack.cards[id];
    const input = el('input', { type: 'checkbox', id: `entity-${id}`, 'data-entity': id, 'aria-describedby': `entity-${id}-about` });
    input.addEventListener('change', () => onChange(id, input.checked));
    return el('div', { class: 'choice' },
      input,
      el('label', { for: input.id, class: 'title' }, card.name),
      el('p', { class: 'hint', id: `entity-${id}-about` },
        t(`kind_${card.kind}`), ' · ', el('span', { lang: 'en' }, card.description.text)));
  }));
}

function styleName(style: HighlightStyle): string {
  switch (style) {
    case 'yellow': return t('styleYellow');
    case 'blue': return t('styleBlue');
    case 'pink': return t('stylePink');
    case 'underline': return t('styleUnderline');
  }
}

export function styleChoices(onChange: (style: HighlightStyle) => void): HTMLElement {
  const sampleName = pack.cards['pawn-storm'].name;
  return el('div', { class: 'choices' }, ...HIGHLIGHT_STYLES.map((style) => {
    const input = el('input', { type: 'radio', name: 'highlight-style', value: style });
    input.addEventListener('change', () => input.checked && onChange(style));
    // A sample of the mark in this style, for both colour schemes (the stylesheet picks one).
    const sample = el('span', { class: 'sample', lang: 'en', 'aria-hidden': 'true' }, sampleName);
    const { light, dark } = HIGHLIGHT_LOOKS[style];
    sample.style.setProperty('--fill-light', light.fill);
    sample.style.setProperty('--line-light', light.line);
    sample.style.setProperty('--fill-dark', dark.fill);
    sample.style.setProperty('--line-dark', dark.line);
    return el('label', { class: 'choice' }, input, el('span', { class: 'title' }, styleName(style)), sample);
  }));
}
