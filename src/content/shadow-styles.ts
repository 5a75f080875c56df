// The stylesheet injected with the content script does not reach into shadow roots: a web component's marks
// get the same rules from a <style> we add to its root (ours, ignored by the scanner like any style).
import { MARK_ATTR } from './mark-attr';
import { markCss } from './mark-css';

let css: string | null = null;

export function styleShadowRoot(root: ShadowRoot): void {
  const style = root.ownerDocument.createElement('style');
  style.setAttribute(MARK_ATTR, '');
  style.textContent = css ??= markCss();
  root.append(style);
}
