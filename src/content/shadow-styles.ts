// The stylesheet injected with the content script does not reach into shadow roots: a web component's marks
// get the same rules from a <style> we add to its root (ours, ignored by the scanner like any style).
import { MARK_ATTR } from './highlighter';

// Kept short on purpose: the look of a mark, not the full hostile-CSS armour of marks.css, which a shadow
// root's own styles cannot attack from outside anyway.
const CSS = `mark[${MARK_ATTR}] { background: linear-gradient(to top, rgba(176, 128, 0, .95) 0 2px, rgba(255, 208, 0, .32) 2px) !important;
  color: inherit !important; padding: 0 !important; display: inline !important; cursor: help !important; }`;

export function styleShadowRoot(root: ShadowRoot): void {
  const style = root.ownerDocument.createElement('style');
  style.setAttribute(MARK_ATTR, '');
  style.textContent = CSS;
  root.append(style);
}
