// Which elements end a line of text and which hide their text: the rules that decide where a name may
// continue across elements ("Trend <b>Micro</b>") and where it may not (blocks, line breaks, controls).
// Decided by tag name (localName: lowercase in HTML and XHTML alike), not computed style, so scanning never
// forces a style recalculation.
import { DOCUMENT_FRAGMENT_NODE, ELEMENT_NODE } from '../node-types';

/** Elements whose start or end breaks the flow of text. */
export const BREAKING = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'button', 'canvas', 'caption', 'center', 'col',
  'colgroup', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html',
  'iframe', 'img', 'input', 'legend', 'li', 'listing', 'main', 'menu', 'meter', 'nav', 'object', 'ol', 'optgroup',
  'option', 'p', 'picture', 'plaintext', 'pre', 'progress', 'rp', 'rt', 'search', 'section', 'select', 'summary',
  'table', 'tbody', 'td', 'textarea', 'tfoot', 'th', 'thead', 'tr', 'ul', 'video', 'audio', 'xmp', 'svg',
]);

/** Elements whose text is not visible page text (or belongs to the user, as in form fields). */
export const HIDDEN_TEXT = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'iframe', 'noembed', 'noframes', 'input', 'select',
  'option', 'head', 'title', 'desc',
]);

/** The same sets as selectors, for the browser to test an element and its ancestors in one call (closest). */
export const BREAKING_SELECTOR = [...BREAKING].join(',');
export const HIDDEN_SELECTOR = [...HIDDEN_TEXT].join(',');

/** True for elements whose content the user edits: we never touch what the user types. */
export function isEditable(el: Element): boolean {
  const attr = el.getAttribute('contenteditable');
  return attr !== null && attr.toLowerCase() !== 'false';
}

/**
 * Whether an element or one above it is editable, asked of the browser (closest) rather than climbed in a
 * script. Its value is read here, not in the selector: `contenteditable="FALSE"` is not editable either, and
 * the selector's case flag is not understood by every DOM (happy-dom's, which the unit tests run in).
 */
export function editableAt(el: Element | null): boolean {
  for (let at = el?.closest('[contenteditable]'); at; at = at.parentElement?.closest('[contenteditable]')) {
    if (isEditable(at)) return true;
  }
  return false;
}

/** True when a node is inside content the user edits (contenteditable anywhere above it, or designMode). */
export function insideEditable(node: Node): boolean {
  if (node.ownerDocument?.designMode === 'on') return true;
  return editableAt(node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement);
}

/** The nearest block around a node: a name may continue from the node into its neighbours, never beyond. */
export function blockAround(node: Node): Node | null {
  for (let n: Node | null = node.nodeType === ELEMENT_NODE ? node : node.parentNode; n; n = n.parentNode) {
    if (n.nodeType !== ELEMENT_NODE) return n.nodeType === DOCUMENT_FRAGMENT_NODE ? n : null;
    if (BREAKING.has((n as Element).localName)) return n;
  }
  return null;
}

/** Elements that can hold a shadow root besides custom elements (the DOM spec's list for attachShadow). */
export const SHADOW_HOSTS = new Set([
  'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main',
  'nav', 'p', 'section', 'span',
]);
