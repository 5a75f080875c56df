// The page's one status region (role="status"): what the last action did, announced by screen readers. It
// stays in the layout even when empty, since some screen readers miss a live region that just appeared.
import { el } from '../shared/dom';
import { t } from '../shared/i18n';

export interface StatusLine {
  readonly text: string;
  readonly error?: boolean;
}

export class Status {
  constructor(private readonly region: HTMLElement) {}

  /** Replaces the message; error lines are marked, and the region too when any line is an error. */
  show(lines: string | readonly StatusLine[]): void {
    const list = typeof lines === 'string' ? [{ text: lines }] : lines;
    this.region.classList.toggle('error', list.some((l) => l.error));
    this.region.classList.remove('busy');
    this.region.replaceChildren(...list.map((l) => el('p', l.error ? { class: 'error' } : {}, l.text)));
  }

  /** Work under way (reading a file): shown, not marked as an error. */
  progress(text: string): void {
    this.show(text);
    this.region.classList.add('busy');
  }

  /** A message with an Undo button after it; returns the button, for the caller to move focus there. */
  showWithUndo(text: string, undo: () => void): HTMLButtonElement {
    this.show(text);
    const button = el('button', { type: 'button', id: 'undo' }, t('kpUndo'));
    button.addEventListener('click', undo, { once: true });
    this.region.lastElementChild?.append(' ', button);
    return button;
  }
}
