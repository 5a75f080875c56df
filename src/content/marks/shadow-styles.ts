// The stylesheet injected with the content script does not reach into shadow roots: a web component's marks
// get the same rules, adopted by its root. An adopted sheet adds no node, so the component's DOM and text
// stay exactly its own; where adopting is refused, a <style> of ours (ignored by the scanner) does it.
import { MARK_ATTR } from './mark-attr';
import { markCss } from './mark-css';

let sheet: CSSStyleSheet | null = null;

export function styleShadowRoot(root: ShadowRoot): void {
  try {
    sheet ??= new CSSStyleSheet();
    if (sheet.cssRules.length === 0) sheet.replaceSync(markCss());
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    const style = root.ownerDocument.createElement('style');
    style.setAttribute(MARK_ATTR, '');
    style.textContent = markCss();
    root.append(style);
  }
}
