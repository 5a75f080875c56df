// "A name of your own": a name, its other names, what it is and the user's note (shown in cards as their words,
// never as a source's). The "Add to Backstory" menu opens the page with the selected text as the name.
import { ENTITY_KINDS, type EntityKind } from '../knowledge/source';
import { el } from '../shared/dom';
import { t } from '../shared/i18n';
import { splitAliases } from './text-input';

export interface NameInput {
  readonly name: string;
  readonly aliases: string[];
  readonly kind: EntityKind;
  readonly note: string;
}

const DEFAULT_KIND: EntityKind = 'group';

export class NameForm {
  private readonly name: HTMLInputElement;
  private readonly aliases: HTMLTextAreaElement;
  private readonly kind: HTMLSelectElement;
  private readonly note: HTMLTextAreaElement;

  /** `add` resolves true when the name was added (the form is then emptied for the next one). */
  constructor(private readonly form: HTMLFormElement, add: (input: NameInput) => Promise<boolean>) {
    const field = <T extends Element>(id: string): T => form.querySelector<T>(`#${id}`)!;
    this.name = field('name');
    this.aliases = field('aliases');
    this.kind = field('kind');
    this.note = field('note');
    this.kind.replaceChildren(...ENTITY_KINDS.map((k) => el('option', { value: k }, t(`kind_${k}`))));
    this.kind.value = DEFAULT_KIND;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = this.name.value.replace(/\s+/gu, ' ').trim();
      // `required` lets a name of spaces through.
      if (name === '') {
        this.name.setCustomValidity(t('kpNameRequired'));
        this.name.reportValidity();
        return;
      }
      const input = { name, aliases: splitAliases(this.aliases.value, name), kind: this.kind.value as EntityKind, note: this.note.value.trim() };
      this.busy(true);
      void add(input).then((added) => {
        if (added) this.reset();
      }).finally(() => {
        this.busy(false);
        this.name.focus();
      });
    });
    this.name.addEventListener('input', () => this.name.setCustomValidity(''));
  }

  private busy(on: boolean): void {
    for (const control of this.form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, textarea, select, button')) control.disabled = on;
  }

  private reset(): void {
    this.form.reset();
    this.kind.value = DEFAULT_KIND;
  }

  /** Opened from the "Add to Backstory" menu: the selection as the name, ready to complete. */
  prefill(name: string): void {
    this.name.value = name.replace(/\s+/gu, ' ').trim();
    this.form.scrollIntoView({ block: 'center' });
    this.name.focus();
  }
}
