// What a content script needs to find names on a page, and nothing more: each entity's names and rules. No
// description and no article text: a page's script world never holds the user's sources, and the pack stays
// small. The background writes it after every change of the knowledge; content scripts read it at start.
import type { Alias } from './entities';
import type { Knowledge, KnownEntity, MatchingEntity } from './knowledge';

export interface MatchingPack {
  readonly version: 1;
  readonly entities: readonly MatchingEntity[];
  /** Entities whose card only the background can give (sources beyond the bundled article). */
  readonly remote: readonly string[];
}

export const MATCHING_KEY = 'matching';

/**
 * The pack for the entities switched on. `local` says which cards a content script can build alone (the
 * built-in names while the bundled article is all that speaks of them).
 */
export function matchingPack(knowledge: Knowledge, isOn: (e: KnownEntity) => boolean, local: (e: KnownEntity) => boolean): MatchingPack {
  const on = knowledge.entities.filter((e) => isOn(e) && e.aliases.length > 0);
  return {
    version: 1,
    entities: on.map(({ id, name, kind, aliases, exclusions }) => ({ id, name, kind, aliases, exclusions })),
    remote: on.filter((e) => !local(e)).map((e) => e.id),
  };
}

/** Reads a stored pack defensively: anything malformed counts as no pack (the built-in names still work). */
export function parseMatchingPack(raw: unknown): MatchingPack | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Partial<MatchingPack>;
  if (o.version !== 1 || !Array.isArray(o.entities) || !Array.isArray(o.remote)) return null;
  const ok = o.entities.every((e) => typeof e?.id === 'string' && typeof e.name === 'string' && Array.isArray(e.aliases)
    && e.aliases.every((a: Partial<Alias> | null) => typeof a?.text === 'string' && a.text !== '') && Array.isArray(e.exclusions));
  return ok ? (o as MatchingPack) : null;
}
