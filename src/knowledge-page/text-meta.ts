// A plain text or Markdown file says nothing of itself: before importing one, the page asks for its title
// (the file's name by default), its date and where it is from, in a modal dialog.
import type { TextMeta } from '../knowledge/import/text';
import { t } from '../shared/i18n';
import { sourceField } from './text-input';

export function textMetaDialog(dialog: HTMLDialogElement): (file: string, suggestedTitle: string) => Promise<TextMeta | null> {
  const field = (id: string): HTMLInputElement => dialog.querySelector<HTMLInputElement>(`#${id}`)!;
  const [title, date, source] = [field('meta-title'), field('meta-date'), field('meta-source')];
  const heading = dialog.querySelector<HTMLElement>('#text-meta-heading')!;
  dialog.querySelector('#meta-cancel')!.addEventListener('click', () => dialog.close('cancel'));

  return (file, suggestedTitle) => new Promise((resolve) => {
    heading.textContent = t('kpMetaHeading', [file]);
    title.value = suggestedTitle;
    date.value = '';
    source.value = '';
    // Escape closes the dialog without a return value: only the OK button's "ok" imports.
    dialog.returnValue = '';
    dialog.addEventListener('close', () => {
      if (dialog.returnValue !== 'ok' || title.value.trim() === '') resolve(null);
      else resolve({ title: title.value.trim(), ...(date.value ? { date: date.value } : {}), ...sourceField(source.value) });
    }, { once: true });
    dialog.showModal();
    title.select();
  });
}
