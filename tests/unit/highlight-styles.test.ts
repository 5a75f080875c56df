// Every highlight style has a look for light and dark pages, drawn as one CSS background.
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_STYLES } from '../../src/shared/settings';
import { HIGHLIGHT_LOOKS, highlightBackground } from '../../src/shared/highlight-styles';

describe('highlight styles', () => {
  it('has a light and a dark look for each style, and no look without a style', () => {
    expect(Object.keys(HIGHLIGHT_LOOKS).sort()).toEqual([...HIGHLIGHT_STYLES].sort());
    for (const style of HIGHLIGHT_STYLES) {
      for (const look of [HIGHLIGHT_LOOKS[style].light, HIGHLIGHT_LOOKS[style].dark]) {
        expect(look.fill).toMatch(/^(rgba\(\d+, \d+, \d+, 0?\.\d+\)|transparent)$/u);
        expect(look.line).toMatch(/^(rgba\(\d+, \d+, \d+, 0?\.\d+\)|currentColor)$/u);
      }
    }
  });
  it('keeps tints light enough for the page text to stay readable', () => {
    const alpha = (c: string): number => (c === 'transparent' ? 0 : Number(/, (0?\.\d+)\)$/u.exec(c)![1]));
    for (const style of HIGHLIGHT_STYLES) expect(alpha(HIGHLIGHT_LOOKS[style].light.fill)).toBeLessThanOrEqual(0.35);
  });
  it('draws the line under the tint as a 2px band of the background', () => {
    expect(highlightBackground(HIGHLIGHT_LOOKS.yellow.light)).toBe('linear-gradient(to top, rgba(176, 128, 0, 0.95) 0 2px, rgba(255, 208, 0, 0.32) 2px)');
  });
});
