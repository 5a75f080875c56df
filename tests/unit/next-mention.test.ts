// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MentionCursor } from '../../src/content/report/next-mention';
import type { MarkedMention } from '../../src/content/marks/highlighter';
import type { EntityId } from '../../src/knowledge/entities';

function page(entities: EntityId[]): MarkedMention[] {
  document.body.replaceChildren();
  return entities.map((entity, i) => {
    const mark = document.createElement('mark');
    mark.id = `m${i}`;
    document.body.append(mark);
    return { id: `bs${i}`, entity, pieces: [mark] };
  });
}

describe('MentionCursor', () => {
  it('walks mentions in document order, whatever order they were marked in, and wraps around', () => {
    const mentions = page(['macron', 'pawn-storm', 'macron']).reverse(); // marked last-first, as the highlighter does
    const cursor = new MentionCursor();
    const ids = [1, 2, 3, 4].map(() => cursor.next(mentions, null)?.id);
    expect(ids).toEqual(['m0', 'm1', 'm2', 'm0']);
  });
  it('keeps to one entity when asked', () => {
    const mentions = page(['macron', 'pawn-storm', 'macron', 'pawn-storm']);
    const cursor = new MentionCursor();
    expect([cursor.next(mentions, 'pawn-storm')?.id, cursor.next(mentions, 'pawn-storm')?.id, cursor.next(mentions, 'pawn-storm')?.id]).toEqual(['m1', 'm3', 'm1']);
  });
  it('finds nothing when there is nothing', () => {
    expect(new MentionCursor().next(page(['macron']), 'trend-micro')).toBeNull();
  });
});
