// Export: the collection as the background writes it (the same bytes every time), saved as a download. A
// temporary link with `download` works in both browsers without the downloads permission.
import { el } from '../shared/dom';
import { exportFileName } from './text-input';

export function saveExport(text: string, now = new Date()): string {
  const name = exportFileName(now);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = el('a', { href: url, download: name, hidden: '' });
  // Firefox follows only a link that is in the document.
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser may still be reading the Blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
