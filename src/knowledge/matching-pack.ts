// What matching needs, compiled by the background after every change of the knowledge: every name once,
// ready for the trie (folded and sorted: see ./matcher's MatcherData), which entity it belongs to, and the
// context rules. No description and no article text: a page's script world never holds the user's sources.
// The background keeps it in storage.local (StoredMatchingPack: a few long strings, which storage hands over
// about ten times faster than arrays of thousands of strings and numbers) to build its automaton again when it
// wakes, and searches pages with it (./page-names). Content scripts read only PageMatching: a revision, the
// cards they build themselves, and the pack itself when it is small enough to search in the page.
import type { Exclusion } from './entities';
import type { Knowledge, KnownEntity } from './knowledge';
import { loadMatcher, matcherData, searchedByRegex, type Matcher } from './matcher';
import { decodeInts, encodeInts } from './base64';

/** Names to match and the entities they belong to: a whole pack, or the part of one a page's text holds. */
export interface NameSet {
  /** The entities switched on that have a name to match, by index. */
  readonly ids: readonly string[];
  /** Every form, in code unit order (as the automaton is built); owners[i] is the index in `ids` of forms[i]'s entity. */
  readonly forms: readonly string[];
  readonly owners: readonly number[];
  /** Indices of forms recognised only with evidence (ordinary words: see ./ordinary-names). */
  readonly guarded: readonly number[];
  /** Of those, the ones recognised only with evidence nearby, even on a page about security (made strict by the user). */
  readonly strict: readonly number[];
  /**
   * Indices of forms whose name is recognised in other cases too (catalogues' names: see ./matcher's resolveCase).
   * In the part of a pack a page is sent, only those its text writes in another case (./page-names' nameSubset).
   */
  readonly anyCase: readonly number[];
  /** Indices (in `ids`) of the entities whose mention is evidence for them. */
  readonly witnesses: readonly number[];
  /** Context rules, for the few entities that have any (by index in `ids`). */
  readonly exclusions: Readonly<Record<number, readonly Exclusion[]>>;
}

export interface MatchingPack extends NameSet {
  /** Entities whose card a content script builds itself: the built-in ones while only the bundled article speaks of them. */
  readonly local: readonly string[];
}

/** The pack as stored: lists of text as lines, lists of numbers as base64 (./base64). */
export interface StoredMatchingPack {
  readonly version: 5;
  /** Entity ids, one per line (ids hold no line break). */
  readonly ids: string;
  /** Forms, one per line (folded forms hold none: white space is one space). */
  readonly forms: string;
  readonly owners: string;
  readonly guarded: string;
  readonly strict: string;
  readonly anyCase: string;
  readonly witnesses: string;
  readonly exclusions: Readonly<Record<number, readonly Exclusion[]>>;
  readonly local: readonly string[];
}

export const MATCHING_KEY = 'matching';

/** What a content script reads at start (under PAGE_MATCHING_KEY), once the background has published a pack. */
export interface PageMatching {
  /** Changes with the pack: a page reads itself again when it does. */
  readonly revision: string;
  /** Entities whose card a content script builds itself (see MatchingPack). */
  readonly local: readonly string[];
  /**
   * The pack itself when a native RegExp searches it (the built-in names and a few of the user's own): matched
   * in the page, with no answer to wait for. Null: the background searches the page's text (./page-names).
   */
  readonly small: MatchingPack | null;
}

export const PAGE_MATCHING_KEY = 'pageMatching';

/** PageMatching as stored: the small pack as storeMatchingPack stores it (read back by the one parser of packs). */
export interface StoredPageMatching {
  readonly revision: string;
  readonly local: readonly string[];
  readonly small: StoredMatchingPack | null;
}

/** What content scripts read, for a pack (and that pack as stored). */
export function pageMatching(pack: MatchingPack, stored: StoredMatchingPack): StoredPageMatching {
  return { revision: revisionOf(JSON.stringify(stored)), local: pack.local, small: searchedByRegex(pack) ? stored : null };
}

/** FNV-1a over the text, as hex: the same pack gives the same revision, so republishing it restarts no page. */
function revisionOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length.toString(36)}-${(h >>> 0).toString(16)}`;
}

/** Reads what content scripts read defensively: anything malformed counts as nothing published (the built-in names still work). */
export function parsePageMatching(raw: unknown): PageMatching | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Partial<Record<keyof StoredPageMatching, unknown>>;
  const { revision, local } = o;
  if (typeof revision !== 'string' || !isStrings(local)) return null;
  if (o.small === null) return { revision, local, small: null };
  const small = parseMatchingPack(o.small);
  return small && { revision, local, small };
}

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
    strict: data.strict ?? [],
    anyCase: data.anyCase ?? [],
    witnesses: data.witnesses.map((id) => index.get(id)!),
    exclusions,
    local: on.filter(local).map((e) => e.id),
  };
}

const lines = (xs: readonly string[]): string => xs.join('\n');

/** The pack as stored. Ids or forms with a line break in them cannot be stored (none are made). */
export function storeMatchingPack(pack: MatchingPack): StoredMatchingPack {
  return {
    version: 5, ids: lines(pack.ids), forms: lines(pack.forms), owners: encodeInts(pack.owners), guarded: encodeInts(pack.guarded),
    strict: encodeInts(pack.strict), anyCase: encodeInts(pack.anyCase), witnesses: encodeInts(pack.witnesses), exclusions: pack.exclusions, local: pack.local,
  };
}

/** A matcher from a pack: the automaton is all that is built (no folding; sorting only in small letters, for names recognised in any case). */
export function packMatcher(pack: NameSet): Matcher<string> {
  const rules = new Map(Object.entries(pack.exclusions).map(([i, xs]) => [pack.ids[Number(i)]!, xs]));
  return loadMatcher({
    forms: pack.forms, owners: pack.owners.map((i) => pack.ids[i]!), guarded: pack.guarded, strict: pack.strict, anyCase: pack.anyCase,
    witnesses: pack.witnesses.map((i) => pack.ids[i]!),
  }, rules);
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
  // (An earlier version's pack reads as none: the background publishes the pack again when the extension is updated.)
  if (o.version !== 5 || !ids || !forms || !isStrings(o.local)) return null;
  const owners = readNumbers(o.owners, ids.length);
  const guarded = readNumbers(o.guarded, forms.length);
  const strict = readNumbers(o.strict, forms.length);
  const anyCase = readNumbers(o.anyCase, forms.length);
  const witnesses = readNumbers(o.witnesses, ids.length);
  if (!owners || owners.length !== forms.length || !guarded || !strict || !anyCase || !witnesses) return null;
  if (typeof o.exclusions !== 'object' || o.exclusions === null) return null;
  return { ids, forms, owners, guarded, strict, anyCase, witnesses, exclusions: o.exclusions as MatchingPack['exclusions'], local: o.local };
}
