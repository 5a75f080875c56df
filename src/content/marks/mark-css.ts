// The stylesheet of marks, made from the highlight presets (src/shared/highlight-styles.ts): the build writes it
// as content.css, injected with the content script, and shadow-styles.ts puts it into open shadow roots.
// Specific selectors and !important, so that page rules such as `mark { display: none !important }` or
// `* { all: unset }` cannot hide a mention's text.
import { HIGHLIGHT_LOOKS, highlightBackground } from '../../shared/highlight-styles';
import { MARK_ATTR } from './mark-attr';

const ARMOUR = `
  display: inline !important; visibility: visible !important; opacity: 1 !important; position: static !important;
  color: inherit !important; font: inherit !important; padding: 0 !important; margin: 0 !important;
  border: 0 !important; border-radius: 2px !important; box-shadow: none !important; cursor: help !important;
  text-decoration: inherit !important; clip-path: none !important; transform: none !important;`;

export function markCss(): string {
  const rules = [`mark[${MARK_ATTR}] {${ARMOUR}\n}`];
  const dark: string[] = [];
  for (const [style, looks] of Object.entries(HIGHLIGHT_LOOKS)) {
    // The default look also applies to marks made before a style was chosen (attribute empty).
    const selector = style === 'yellow' ? `mark[${MARK_ATTR}=""], mark[${MARK_ATTR}="yellow"]` : `mark[${MARK_ATTR}="${style}"]`;
    rules.push(`${selector} { background: ${highlightBackground(looks.light)} !important; }`);
    dark.push(`  ${selector} { background: ${highlightBackground(looks.dark)} !important; }`);
  }
  return `${rules.join('\n')}\n@media (prefers-color-scheme: dark) {\n${dark.join('\n')}\n}\n`;
}
