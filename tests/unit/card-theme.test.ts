// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { luminance, pageTheme } from '../../src/content/card/card-theme';

describe('card theme', () => {
  it('reads luminance of opaque colours only', () => {
    expect(luminance('rgb(255, 255, 255)')).toBeCloseTo(1);
    expect(luminance('rgb(0, 0, 0)')).toBe(0);
    expect(luminance('rgba(0, 0, 0, 0)')).toBeNull();
    expect(luminance('rgba(20, 20, 20, 0.5)')).toBeNull();
    expect(luminance('transparent')).toBeNull();
  });
  it('follows a dark page', () => {
    document.body.style.backgroundColor = 'rgb(18, 18, 18)';
    expect(pageTheme(document)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(pageTheme(document)).toBe('light');
  });
});
