// The reader page's address for a source target. The bundled article keeps the address it always had
// (article.html?entity=…#s…), so links from earlier cards and bookmarks still work.
import type { SourceTarget } from './messages';
import { BUNDLED_SOURCE_ID } from '../knowledge/source';

export function readerUrl(t: SourceTarget): string {
  const q = new URLSearchParams();
  if (t.source !== BUNDLED_SOURCE_ID) q.set('source', t.source);
  if (t.entity !== null) q.set('entity', t.entity);
  if (t.entry !== null) q.set('entry', t.entry);
  const query = q.toString();
  return `article.html${query ? `?${query}` : ''}${t.sentence !== null ? `#s${t.sentence}` : ''}`;
}
