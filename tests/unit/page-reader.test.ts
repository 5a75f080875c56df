// @vitest-environment happy-dom
// What the reader does with the blocks its first pass finds: the one that reaches into the viewport first.
import { describe, expect, it } from 'vitest';
import { inViewFirst } from '../../src/content/reader/page-reader';

/** A stand-in block whose box ends `bottom` px below the top of the viewport. */
const block = (bottom: number): Node => ({ nodeType: 1, getBoundingClientRect: () => ({ bottom }) }) as unknown as Node;

describe('inViewFirst', () => {
  it('starts with the first block that reaches into the view, then goes on in document order and wraps round', () => {
    const blocks = [-900, -500, -10, 5, 300, 900, 2000].map(block);
    expect(inViewFirst(blocks)).toEqual([...blocks.slice(3), ...blocks.slice(0, 3)]);
  });
  it('keeps the order when the page is at its top, or when every block is above the view', () => {
    const top = [20, 400, 1200].map(block);
    expect(inViewFirst(top)).toEqual(top);
    // Every block above the view (scrolled past them all): the nearest, the last, comes first.
    const above = [-300, -200, -100].map(block);
    expect(inViewFirst(above)).toEqual([above[2], above[0], above[1]]);
  });
});
