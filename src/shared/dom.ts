// Building DOM node by node: text always goes in as text, never parsed as markup.
type Attrs = Readonly<Record<string, string>>;

/** An element of `doc` with attributes and children (strings become text nodes). */
export function elIn<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The same, in this page's document (the extension's own pages). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  return elIn(document, tag, attrs, ...children);
}
