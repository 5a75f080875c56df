// The keyboard shortcut and the popup's "go to": the next mention in document order after the last one
// shown (of one entity, or of any), wrapping around at the end.
import type { EntityId } from '../../knowledge/entities';
import type { MarkedMention } from '../marks/highlighter';

export class MentionCursor {
  private last: Element | null = null;

  /** The first piece of the next mention, or null when there is none. */
  next(mentions: readonly MarkedMention[], entity: EntityId | null): Element | null {
    const firsts = mentions
      .filter((m) => entity === null || m.entity === entity)
      .map((m) => m.pieces.find((p) => p.isConnected))
      .filter((p): p is Element => p !== undefined)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const last = this.last;
    const after = last?.isConnected
      ? firsts.find((m) => last.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING)
      : undefined;
    this.last = after ?? firsts[0] ?? null;
    return this.last;
  }
}
