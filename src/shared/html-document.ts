// HTML text as an inert Document, for Readability: a page the user remembers, or a saved .html file. A
// DOMParser document has no browsing context: its scripts never run, nothing in it loads, and it is never
// inserted into any page of ours. The one place that parses HTML from a string.
export function parseHtml(html: string, url?: string): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Relative links resolve against the page they came from (Readability reads some), not the extension page.
  if (url && !doc.querySelector('base[href]')) {
    const base = doc.createElement('base');
    base.href = url;
    doc.head.prepend(base);
  }
  return doc;
}
