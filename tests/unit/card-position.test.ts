import { describe, expect, it } from 'vitest';
import { GAP, MARGIN, MIN_HEIGHT, placeCard } from '../../src/content/card/card-position';

const viewport = { width: 1000, height: 800 };
const card = { width: 380, height: 300 };
const anchor = (left: number, top: number, width = 60, height = 20) => ({ left, top, right: left + width, bottom: top + height });

describe('placeCard', () => {
  it('goes below the mention when there is room', () => {
    expect(placeCard(anchor(100, 100), card, viewport)).toEqual({ side: 'below', left: 100, top: 120 + GAP, maxHeight: null });
  });
  it('flips above near the bottom edge', () => {
    const p = placeCard(anchor(100, 700), card, viewport);
    expect(p.side).toBe('above');
    expect(p.top + card.height).toBe(700 - GAP);
  });
  it('stays inside the right edge', () => {
    expect(placeCard(anchor(950, 100), card, viewport).left).toBe(viewport.width - MARGIN - card.width);
  });
  it('stays inside the left and top edges', () => {
    const p = placeCard(anchor(-50, -10), card, viewport);
    expect(p.left).toBe(MARGIN);
    expect(p.top).toBeGreaterThanOrEqual(MARGIN);
  });
  it('aligns to the right edge of the mention on right-to-left pages', () => {
    expect(placeCard(anchor(600, 100), card, viewport, 'rtl').left).toBe(660 - card.width);
  });
  it('shrinks rather than cover the mention when neither side has room', () => {
    const p = placeCard(anchor(300, 270), { width: 380, height: 420 }, { width: 800, height: 600 });
    expect(p.side).toBe('below');
    expect(p.top).toBe(290 + GAP);
    expect(p.maxHeight).toBe(600 - 290 - GAP - MARGIN);
  });
  it('a card taller than the viewport shrinks to the room below the mention', () => {
    const p = placeCard(anchor(10, 10), { width: 300, height: 2000 }, { width: 320, height: 480 });
    expect(p.top).toBe(30 + GAP);
    expect(p.maxHeight).toBe(480 - 30 - GAP - MARGIN);
    expect(p.left).toBe(10);
  });
  it('on a tiny viewport it keeps a readable height and stays on screen, even over the mention', () => {
    const p = placeCard(anchor(10, 100), { width: 300, height: 600 }, { width: 320, height: 220 });
    expect(p.maxHeight).toBe(MIN_HEIGHT);
    expect(p.top).toBeGreaterThanOrEqual(MARGIN);
    expect(p.top + MIN_HEIGHT).toBeLessThanOrEqual(220 - MARGIN);
  });
});
