// What a content script needs to find names on a page, and nothing more: every name once, ready for the
// trie (folded and sorted: see ./matcher's MatcherData), which entity it belongs to, and the context rules.
// No description and no article text: a page's script world never holds the user's sources, and the pack stays
// small. The background compiles it after every change of the knowledge; content scripts load it at start.
import type { Exclusion } from './entities';
import type { Knowledge, KnownEntity } from './knowledge';
import { loadMatcher, matcherData, type Matcher } from './matcher';

export interface MatchingPack {
  readonly version: 2;
  /** The entities switched on that have a name to match, by index. */
  readonly ids: readonly string[];
  /** Every form, longest first; owners[i] is the index in `ids` of forms[i]'s entity. */
  readonly forms: readonly string[];
  readonly owners: readonly number[];
  /** Indices of forms recognised only with evidence nearby (ordinary words: see ./ordinary-names). */
  readonly guarded: readonly number[];
  /** Indices (in `ids`) of the entities whose mention is evidence for them. */
  readonly witnesses: readonly number[];
  /** Context rules, for the few entities that have any (by index in `ids`). */
  readonly exclusions: Readonly<Record<number, readonly Exclusion[]>>;
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
  const index = new Map(on.map((e, i) => [e.id, i]));
  const data = matcherData(on);
  const exclusions: Record<number, readonly Exclusion[]> = {};
  on.forEach((e, i) => {
    if (e.exclusions.length) exclusions[i] = e.exclusions;
  });
  return {
    version: 2,
    ids: on.map((e) => e.id),
    forms: data.forms,
    owners: data.owners.map((id) => index.get(id)!),
    guarded: data.guarded,
    witnesses: data.witnesses.map((id) => index.get(id)!),
    exclusions,
    remote: on.filter((e) => !local(e)).map((e) => e.id),
  };
}

/** A matcher from a pack: the trie is all that is built (no folding, no sorting on the page). */
export function packMatcher(pack: MatchingPack): Matcher<string> {
  const rules = new Map(Object.entries(pack.exclusions).map(([i, xs]) => [pack.ids[Number(i)]!, xs]));
  return loadMatcher({ forms: pack.forms, owners: pack.owners.map((i) => pack.ids[i]!), guarded: pack.guarded, witnesses: pack.witnesses.map((i) => pack.ids[i]!) }, rules);
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Reads a stored pack defensively: anything malformed counts as no pack (the built-in names still work). */
export function parseMatchingPack(raw: unknown): MatchingPack | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Partial<Record<keyof MatchingPack, unknown>>;
  if (o.version !== 2 || !isStrings(o.ids) || !isStrings(o.forms) || !isStrings(o.remote) || !Array.isArray(o.owners)) return null;
  const ids = o.ids.length;
  if (o.owners.length !== o.forms.length || !o.owners.every((i) => Number.isInteger(i) && i >= 0 && i < ids)) return null;
  const forms = o.forms.length;
  if (!Array.isArray(o.guarded) || !o.guarded.every((i) => Number.isInteger(i) && i >= 0 && i < forms)) return null;
  if (!Array.isArray(o.witnesses) || !o.witnesses.every((i) => Number.isInteger(i) && i >= 0 && i < ids)) return null;
  if (typeof o.exclusions !== 'object' || o.exclusions === null) return null;
  return o as MatchingPack;
}
