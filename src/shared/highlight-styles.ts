// What each highlight style looks like: a tint behind the name and a 2px line under it, for light and dark
// pages. Pure data, so the options page's previews and the content script's marks can share it.
// Tints are light enough that the page's own text keeps its contrast; "underline" adds no colour at all
// and draws the line in the text's colour (for readers who find tints distracting or hard to tell apart).
import type { HighlightStyle } from './settings';

export interface HighlightLook {
  /** Behind the text. */
  readonly fill: string;
  /** The line under it. */
  readonly line: string;
}

export const HIGHLIGHT_LOOKS: Readonly<Record<HighlightStyle, { readonly light: HighlightLook; readonly dark: HighlightLook }>> = {
  yellow: {
    light: { fill: 'rgba(255, 208, 0, 0.32)', line: 'rgba(176, 128, 0, 0.95)' },
    dark: { fill: 'rgba(255, 208, 0, 0.22)', line: 'rgba(255, 208, 0, 0.9)' },
  },
  blue: {
    light: { fill: 'rgba(66, 133, 244, 0.2)', line: 'rgba(26, 86, 196, 0.95)' },
    dark: { fill: 'rgba(138, 180, 248, 0.24)', line: 'rgba(138, 180, 248, 0.95)' },
  },
  pink: {
    light: { fill: 'rgba(214, 51, 132, 0.16)', line: 'rgba(173, 20, 87, 0.95)' },
    dark: { fill: 'rgba(244, 143, 177, 0.24)', line: 'rgba(244, 143, 177, 0.95)' },
  },
  underline: {
    light: { fill: 'transparent', line: 'currentColor' },
    dark: { fill: 'transparent', line: 'currentColor' },
  },
};

/**
 * The CSS background that draws a look. The line is part of the background, not a border or a box-shadow,
 * so it follows a name that wraps onto two lines.
 */
export function highlightBackground(look: HighlightLook): string {
  return `linear-gradient(to top, ${look.line} 0 2px, ${look.fill} 2px)`;
}
