// Catalogue text (see ../knowledge/rich-text) as DOM nodes: links to web addresses as links, citation markers
// as small labels, everything else as text. Shared by the card and the reader page.
import { isWebUrl, type Run } from '../knowledge/rich-text';
import { elIn as el } from './dom';

export function richTextNodes(doc: Document, citationTitle: (name: string) => string, runs: readonly Run[]): (Node | string)[] {
  return runs.map((r) => {
    if (r.type === 'link' && isWebUrl(r.url)) return el(doc, 'a', { href: r.url, target: '_blank', rel: 'noopener noreferrer', class: 'ext' }, r.text);
    if (r.type === 'citation') return el(doc, 'span', { class: 'cite', title: citationTitle(r.text) }, `[${r.text}]`);
    return r.text;
  });
}
