// A switch in the Sources and Names lists: a checkbox with its accessible name (which says what it switches for
// which source or name), a short visible label, and what a change does. The on/off switches are switches to
// screen readers (role="switch"); the strict one is a checkbox, with its meaning as a tooltip.
import { el } from '../shared/dom';

export interface SwitchOptions {
  readonly className: string;
  /** The accessible name: the visible label alone would not say which row it belongs to. */
  readonly label: string;
  readonly text: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly role?: 'switch';
  readonly title?: string;
}

export function switchControl(o: SwitchOptions): HTMLLabelElement {
  const box = el('input', {
    type: 'checkbox', class: o.className, 'aria-label': o.label, ...(o.role ? { role: o.role } : {}), ...(o.title ? { title: o.title } : {}),
  });
  box.checked = o.checked;
  box.addEventListener('change', () => o.onChange(box.checked));
  return el('label', { class: 'switch' }, box, el('span', { 'aria-hidden': 'true' }, o.text));
}
