// The list of sites where Backstory is off, with a form to add one; keyboard focus stays somewhere sensible
// when a site leaves the list.
import { el } from '../shared/dom';
import { t } from '../shared/i18n';
import { normalizeSite } from '../shared/sites';

export interface SiteListActions {
  readonly add: (host: string) => void;
  readonly remove: (host: string) => void;
}

export class SiteList {
  private sites: readonly string[] = [];
  /** After a removal: the index whose button should get focus once the list is drawn again. */
  private focusAfterRemoval: number | null = null;

  constructor(
    private readonly list: HTMLUListElement,
    private readonly empty: HTMLElement,
    private readonly form: HTMLFormElement,
    private readonly input: HTMLInputElement,
    private readonly error: HTMLElement,
    private readonly actions: SiteListActions,
  ) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    input.addEventListener('input', () => this.showError(''));
  }

  render(sites: readonly string[]): void {
    if (sites.join('\n') !== this.sites.join('\n')) {
      this.sites = sites;
      this.list.replaceChildren(...sites.map((host, index) => this.item(host, index)));
      this.empty.hidden = sites.length > 0;
    }
    if (this.focusAfterRemoval !== null) {
      const buttons = this.list.querySelectorAll('button');
      (buttons[Math.min(this.focusAfterRemoval, buttons.length - 1)] ?? this.input).focus();
      this.focusAfterRemoval = null;
    }
  }

  private item(host: string, index: number): HTMLLIElement {
    // The visible "Remove" starts the accessible name, which names the site as well.
    const remove = el('button', { type: 'button', 'aria-label': t('optionsRemoveSite', [host]) }, t('optionsRemove'));
    remove.addEventListener('click', () => {
      this.focusAfterRemoval = index;
      this.actions.remove(host);
    });
    return el('li', {}, el('span', { class: 'host' }, host), remove);
  }

  private submit(): void {
    const host = normalizeSite(this.input.value);
    if (host === null) return this.showError(t('optionsSiteInvalid'));
    if (this.sites.includes(host)) return this.showError(t('optionsSiteExists', [host]));
    this.input.value = '';
    this.showError('');
    this.actions.add(host);
  }

  private showError(message: string): void {
    this.error.textContent = message;
    if (message) {
      this.input.setAttribute('aria-invalid', 'true');
      this.input.focus();
    } else {
      this.input.removeAttribute('aria-invalid');
    }
  }
}
