// The first pass when the user has added knowledge: the page's texts go to the background, which searches
// them with the automaton of every name (../../knowledge/page-names) and answers with the candidates and the
// names they hold. The page pays for reading its text and sending it, not for the search; the reading waits
// for the answer without holding the page's thread.
import type { CandidateSearch, Candidates, PageSoFar, Span } from '../../knowledge/matcher';
import type { NameSet } from '../../knowledge/matching-pack';
import { MAX_TEXTS, MESSAGE_CHARS, PIECE_CHARS, PIECE_OVERLAP_CHARS, spansOf, type PageNames } from '../../knowledge/page-names';

interface Piece {
  /** Which text it is from, and where in it it starts. */
  readonly text: number;
  readonly offset: number;
  readonly chars: string;
}

/** Texts cut into pieces (see PIECE_CHARS), and the pieces grouped into messages. */
function messages(texts: readonly string[]): Piece[][] {
  const groups: Piece[][] = [];
  let group: Piece[] = [];
  let size = 0;
  texts.forEach((text, t) => {
    for (let offset = 0; ; offset += PIECE_CHARS - PIECE_OVERLAP_CHARS) {
      const chars = text.length <= PIECE_CHARS ? text : text.slice(offset, offset + PIECE_CHARS);
      if ((size + chars.length > MESSAGE_CHARS || group.length >= MAX_TEXTS) && group.length > 0) {
        groups.push(group);
        group = [];
        size = 0;
      }
      group.push({ text: t, offset, chars });
      size += chars.length;
      if (offset + PIECE_CHARS >= text.length) break;
    }
  });
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * `ask` sends texts to the background; `learn` is told the names each answer holds, and what its texts add to the
 * page's reading (before the candidates are handed out); `failed` is told when an answer does not come (the
 * background is gone: an update).
 */
export function remoteCandidates(
  ask: (texts: string[]) => Promise<PageNames>, learn: (names: NameSet, read: PageSoFar) => void, failed: (error: unknown) => void,
): Candidates {
  return {
    everyOccurrence: true,
    search(texts): CandidateSearch {
      const groups = messages(texts);
      const asked: Promise<PageNames>[] = [];
      let found: Span[][] | null = null;
      let waiting: Promise<unknown> | null = null;
      const answers = (): Promise<unknown> => Promise.all(asked).then((all) => {
        const per: Span[][] = texts.map(() => []);
        all.forEach((answer, a) => {
          learn(answer.names, answer.read);
          groups[a]!.forEach((piece, p) => {
            const into = per[piece.text]!;
            for (const span of spansOf(answer.spans[p] ?? [], piece.offset)) into.push(span);
          });
        });
        // Pieces overlap: the same occurrence may come twice.
        found = per.map((spans) => spans.sort((x, y) => x.start - y.start || y.end - x.end)
          .filter((s, i, all) => i === 0 || s.start !== all[i - 1]!.start || s.end !== all[i - 1]!.end));
      }, (error: unknown) => {
        found = texts.map(() => []);
        failed(error);
      }).finally(() => {
        waiting = null;
      });
      return {
        next(deadline) {
          if (found || waiting) return found;
          // Sent in steps, one message per piece: copying a message costs a few ms per MB, and a page of many
          // MB in one message would be one long task.
          while (asked.length < groups.length) {
            const texts = groups[asked.length]!.map((p) => p.chars);
            try {
              asked.push(ask(texts));
            } catch (error) {
              asked.push(Promise.reject(error)); // (an extension reloaded under the page throws at once)
            }
            if (asked.length < groups.length && performance.now() >= deadline) return null;
          }
          waiting = answers();
          return null;
        },
        get waiting() {
          return waiting;
        },
      };
    },
  };
}
