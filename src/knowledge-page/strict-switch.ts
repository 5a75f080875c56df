// The strict switch of a source or an entity: its names recognised only with evidence nearby (a word of the
// trade, a group or a malware named), as a catalogue's ordinary words are. For a catalogue whose names collide
// with everyday words on the pages the user reads.
import { el } from '../shared/dom';
import { t } from '../shared/i18n';

export function strictSwitch(className: string, label: string, checked: boolean, onChange: (strict: boolean) => void): HTMLLabelElement {
  const box = el('input', { type: 'checkbox', class: className, 'aria-label': label, title: t('kpStrictHelp') });
  box.checked = checked;
  box.addEventListener('change', () => onChange(box.checked));
  return el('label', { class: 'switch strict' }, box, el('span', { 'aria-hidden': 'true' }, t('kpStrict')));
}
