// What a content script needs to find names on a page, and nothing more: every name once, ready for the
// trie (folded and sorted: see ./matcher's MatcherData), which entity it belongs to, and the context rules.
// No description and no article text: a page's script world never holds the user's sources, and the pack stays
// small. The background compiles it after every change of the knowledge; content scripts load it at start.
// It is stored as a few long strings (StoredMatchingPack), not as arrays of thousands of strings and numbers:
// storage hands a content script one long string about ten times faster (measured: 1 ms against 10 ms for
// 7,400 names, in both browsers), and numbers as base64 are decoded natively.
import type { Exclusion } from './entities';
import type { Knowledge, KnownEntity } from './knowledge';
import { loadMatcher, matcherData, type Matcher } from './matcher';
import { decodeInts, encodeInts } from './base64';

export interface MatchingPack {
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
  /** Entities whose card a content script builds itself: the built-in ones while only the bundled article speaks of them. */
  readonly local: readonly string[];
}

/** The pack as stored: lists of text as lines, lists of numbers as base64 (./base64). */
export interface StoredMatchingPack {
  readonly version: 3;
  /** Entity ids, one per line (ids hold no line break). */
  readonly ids: string;
  /** Forms, one per line (folded forms hold none: white space is one space). */
  readonly forms: string;
  readonly owners: string;
  readonly guarded: string;
  readonly witnesses: string;
  readonly exclusions: Readonly<Record<number, readonly Exclusion[]>>;
  readonly local: readonly string[];
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
    ids: on.map((e) => e.id),
    forms: data.forms,
    owners: data.owners.map((id) => index.get(id)!),
    guarded: data.guarded,
    witnesses: data.witnesses.map((id) => index.get(id)!),
    exclusions,
    local: on.filter(local).map((e) => e.id),
  };
}

const lines = (xs: readonly string[]): string => xs.join('\n');

/** The pack as stored. Ids or forms with a line break in them cannot be stored (none are made). */
export function storeMatchingPack(pack: MatchingPack): StoredMatchingPack {
  return {
    version: 3, ids: lines(pack.ids), forms: lines(pack.forms), owners: encodeInts(pack.owners), guarded: encodeInts(pack.guarded),
    witnesses: encodeInts(pack.witnesses), exclusions: pack.exclusions, local: pack.local,
  };
}

/** A matcher from a pack: the automaton is all that is built (no folding, no sorting on the page); `whole`: see loadMatcher. */
export function packMatcher(pack: MatchingPack, whole = true): Matcher<string> {
  const rules = new Map(Object.entries(pack.exclusions).map(([i, xs]) => [pack.ids[Number(i)]!, xs]));
  return loadMatcher({ forms: pack.forms, owners: pack.owners.map((i) => pack.ids[i]!), guarded: pack.guarded, witnesses: pack.witnesses.map((i) => pack.ids[i]!) }, rules, whole);
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Numbers as stored; null when one is not in [0, below). */
function readNumbers(v: unknown, below: number): number[] | null {
  const out = typeof v === 'string' ? decodeInts(v) : null;
  if (!out) return null;
  for (const i of out) if (i < 0 || i >= below) return null;
  return out;
}

const readLines = (v: unknown): string[] | null => (typeof v !== 'string' ? null : v === '' ? [] : v.split('\n'));

/** Reads a stored pack defensively: anything malformed counts as no pack (the built-in names still work). */
export function parseMatchingPack(raw: unknown): MatchingPack | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Partial<Record<keyof StoredMatchingPack, unknown>>;
  const ids = readLines(o.ids);
  const forms = readLines(o.forms);
  if (o.version !== 3 || !ids || !forms || !isStrings(o.local)) return null;
  const owners = readNumbers(o.owners, ids.length);
  const guarded = readNumbers(o.guarded, forms.length);
  const witnesses = readNumbers(o.witnesses, ids.length);
  if (!owners || owners.length !== forms.length || !guarded || !witnesses) return null;
  if (typeof o.exclusions !== 'object' || o.exclusions === null) return null;
  return { ids, forms, owners, guarded, witnesses, exclusions: o.exclusions as MatchingPack['exclusions'], local: o.local };
}
