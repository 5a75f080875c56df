// The first pass over a page when the user has added knowledge, split between two contexts. The background
// holds the automaton of every name, built once per change of the knowledge (not once per tab, nor per page),
// and searches the texts a content script sends it (findPageNames). It answers with the candidates and with
// the names those texts hold, and nothing else; the content script reads the candidates' blocks exactly with a
// matcher of just those names (PageVocabulary), which a few dozen names make small and quick to build.
//
// Why in the background: a script loop over every character of a page, in a content script that runs cold,
// cost 20 ms per MB of text against 6 ms for the built-in names' one native RegExp, and every tab held its
// own automaton (4 MiB at 7,400 names, 41 MiB at 50,000). Sending the text costs a page 3 to 5 ms per MB.
import { NOTHING_READ, firstPass, isAboutSecurity, loadMatcher, readOn, type Matcher, type PageSoFar, type Span } from './matcher';
import type { Exclusion } from './entities';
import type { NameSet } from './matching-pack';

/** The background's answer for a batch of a page's texts. */
export interface PageNames {
  /** Per text, its candidates' starts and ends, flat (start, end, start, end…), by start. */
  readonly spans: readonly (readonly number[])[];
  /** The names these texts hold (candidates or not): all that reading their blocks exactly needs. */
  readonly names: NameSet;
  /**
   * What these texts add to the page's reading: their characters and the witnesses they name (see ./matcher's
   * SECURITY_WITNESSES). The page adds it to what it read before, which says whether it is about security.
   */
  readonly read: PageSoFar;
}

/**
 * A text longer than this is sent in pieces that overlap by PIECE_OVERLAP_CHARS, so that a name and the
 * evidence around it (within 500 characters) lie whole in one piece; a message carries at most
 * MESSAGE_CHARS. About a MB a message: each costs a page a few ms to copy, and the messages of a long page
 * go out in separate slices of work.
 */
export const PIECE_CHARS = 1 << 20;
export const PIECE_OVERLAP_CHARS = 1 << 12;
export const MESSAGE_CHARS = 1 << 20;
/** And at most this many texts (a batch of a page's changes with more is sent as several messages). */
export const MAX_TEXTS = 20_000;

/**
 * A page's text as sent: a string, or its UTF-8 bytes where messages carry bytes (Firefox: a copy of the bytes
 * costs a page 2 ms per MB, a string 5.5). Decoding gives back a string of the same length, so offsets hold: a
 * lone surrogate becomes U+FFFD, one code unit for one, and neither is part of any name or word.
 */
export type PageText = string | Uint8Array;

export const textOf = (sent: PageText): string => (typeof sent === 'string' ? sent : new TextDecoder().decode(sent));

/**
 * The candidates in each text, and the names they hold: what the background answers a content script.
 * `before`: what the page read so far (its texts come in several questions: a long page's pieces, its later
 * changes).
 */
export function findPageNames(matcher: Matcher<string>, pack: NameSet, texts: readonly string[], before: PageSoFar = NOTHING_READ): PageNames {
  const found = firstPass(texts, matcher, before);
  const spans = found.spans.map((per) => {
    const flat: number[] = [];
    for (const s of per) flat.push(s.start, s.end);
    return flat;
  });
  return { spans, names: nameSubset(pack, found.names, found.variants), read: found.read };
}

/** A pack's guarded and strict forms as sets, once per pack (a page's every question would build them again). */
const guardSets = new WeakMap<NameSet, { readonly guarded: ReadonlySet<number>; readonly strict: ReadonlySet<number> }>();
function guardsOf(pack: NameSet): { readonly guarded: ReadonlySet<number>; readonly strict: ReadonlySet<number> } {
  let sets = guardSets.get(pack);
  if (!sets) guardSets.set(pack, (sets = { guarded: new Set(pack.guarded), strict: new Set(pack.strict) }));
  return sets;
}

/**
 * The part of a set of names that holds the forms at these indices (and their entities, rules and witnesses).
 * Of its any-case forms, only those written in another case somewhere in the page (`variants`) are read in any
 * case there: the others as written, so that the page's RegExp of them starts no reading at every "inter" or
 * "rad" its text holds in small letters (a case-folding reading of a news page's blocks cost twice as much).
 */
export function nameSubset(pack: NameSet, forms: ReadonlySet<number>, variants: ReadonlySet<number> = new Set()): NameSet {
  // The forms are in code unit order, and stay so: the automaton built from them sorts nothing.
  const picked = [...forms].sort((a, b) => a - b);
  const index = new Map<number, number>();
  const ids: string[] = [];
  const owners = picked.map((f) => {
    const owner = pack.owners[f]!;
    let i = index.get(owner);
    if (i === undefined) {
      index.set(owner, (i = ids.length));
      ids.push(pack.ids[owner]!);
    }
    return i;
  });
  const { guarded, strict } = guardsOf(pack);
  const exclusions: Record<number, readonly Exclusion[]> = {};
  for (const [owner, i] of index) {
    const rules = pack.exclusions[owner];
    if (rules) exclusions[i] = rules;
  }
  return {
    ids,
    forms: picked.map((f) => pack.forms[f]!),
    owners,
    guarded: picked.flatMap((f, i) => (guarded.has(f) ? [i] : [])),
    strict: picked.flatMap((f, i) => (strict.has(f) ? [i] : [])),
    anyCase: picked.flatMap((f, i) => (variants.has(f) ? [i] : [])),
    witnesses: pack.witnesses.flatMap((w) => {
      const i = index.get(w);
      return i === undefined ? [] : [i];
    }),
    exclusions,
  };
}

/** Flat pairs as spans. */
export function spansOf(flat: readonly number[], offset = 0): Span[] {
  const out: Span[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ start: flat[i]! + offset, end: flat[i + 1]! + offset });
  return out;
}

/**
 * The names a page has been found to hold so far, from every answer of the background since it was loaded,
 * and a matcher of them, compiled again when next needed after new ones came. A name that occurs in a block
 * occurs in the page's text, so this matcher finds in a block all that the matcher of every name would. And
 * what the page has read (every answer's part of it, the pieces of one question too), which says whether it is
 * about security now.
 */
export class PageVocabulary {
  private readonly forms = new Map<string, { readonly owner: string; readonly guarded: boolean; readonly strict: boolean; readonly anyCase: boolean }>();
  private readonly witnesses = new Set<string>();
  private readonly rules = new Map<string, readonly Exclusion[]>();
  private compiled: Matcher<string> | null = null;
  private page: PageSoFar = NOTHING_READ;

  add(names: NameSet, read: PageSoFar = NOTHING_READ): void {
    this.page = readOn(this.page, read);
    const guarded = new Set(names.guarded);
    const strict = new Set(names.strict);
    const anyCase = new Set(names.anyCase);
    names.forms.forEach((form, i) => {
      const known = this.forms.get(form);
      // (A name found as written before may be found in another case in text that came later.)
      if (known && (known.anyCase || !anyCase.has(i))) return;
      this.forms.set(form, {
        owner: known?.owner ?? names.ids[names.owners[i]!]!, guarded: known?.guarded ?? guarded.has(i), strict: known?.strict ?? strict.has(i), anyCase: anyCase.has(i),
      });
      this.compiled = null;
    });
    for (const w of names.witnesses) this.witnesses.add(names.ids[w]!);
    for (const [i, rules] of Object.entries(names.exclusions)) this.rules.set(names.ids[Number(i)]!, rules);
  }

  get size(): number {
    return this.forms.size;
  }

  /** What the page has read, for its next question. */
  get soFar(): PageSoFar {
    return this.page;
  }

  get aboutSecurity(): boolean {
    return isAboutSecurity(this.page);
  }

  get matcher(): Matcher<string> {
    if (this.compiled) return this.compiled;
    const forms = [...this.forms.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const info = forms.map((f) => this.forms.get(f)!);
    return (this.compiled = loadMatcher({
      forms,
      owners: info.map((x) => x.owner),
      guarded: info.flatMap((x, i) => (x.guarded ? [i] : [])),
      strict: info.flatMap((x, i) => (x.strict ? [i] : [])),
      anyCase: info.flatMap((x, i) => (x.anyCase ? [i] : [])),
      witnesses: [...this.witnesses],
    }, this.rules));
  }
}
