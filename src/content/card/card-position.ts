// Where the card goes: next to the mention, below it when there is room (else above, whichever side has
// more), kept inside the viewport. Pure arithmetic so it is tested in Node.

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface Placement {
  readonly left: number;
  readonly top: number;
  readonly side: 'below' | 'above';
  /** Set when the card must be shorter than it wants to be (its quotes scroll) so as not to cover the mention. */
  readonly maxHeight: number | null;
}

export const GAP = 6;
export const MARGIN = 8;
/** Below this, a card would be too short to read: it may then cover the mention rather than shrink. */
export const MIN_HEIGHT = 160;

export function placeCard(
  anchor: Box,
  card: { readonly width: number; readonly height: number },
  viewport: { readonly width: number; readonly height: number },
  direction: 'ltr' | 'rtl' = 'ltr',
): Placement {
  const roomBelow = viewport.height - anchor.bottom - GAP - MARGIN;
  const roomAbove = anchor.top - GAP - MARGIN;
  const side = card.height <= roomBelow || roomBelow >= roomAbove ? 'below' : 'above';
  const room = side === 'below' ? roomBelow : roomAbove;
  const height = card.height > room ? Math.max(room, MIN_HEIGHT) : card.height;
  const rawTop = side === 'below' ? anchor.bottom + GAP : anchor.top - GAP - height;
  // Right-to-left pages read from the right: align the card's right edge with the mention's.
  const rawLeft = direction === 'rtl' ? anchor.right - card.width : anchor.left;
  return {
    side,
    left: clamp(rawLeft, MARGIN, viewport.width - MARGIN - card.width),
    top: clamp(rawTop, MARGIN, viewport.height - MARGIN - height),
    maxHeight: height < card.height ? height : null,
  };
}

/** Like Math.min(max(v, lo), hi) but a too-big card sticks to the low edge, where its start is. */
function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(v, hi));
}
