// Finds mentions of the entities in plain text. Pure: the content script runs it over the text it reads
// from the page (blocks joined by BLOCK_BREAK), the build runs it over the article, tests run it in Node.
import { BLOCK_BREAK, IGNORABLE, WORD_CHAR } from './text-chars';
import { Automaton, foldName } from './automaton';
import type { Alias, EntityId, Exclusion } from './entities';

/** What the matcher needs of an entity: its id, the names it is recognised by, the rules that drop a match. */
export interface MatchEntity<Id extends string = string> {
  readonly id: Id;
  readonly aliases: readonly Alias[];
  readonly exclusions: readonly Exclusion[];
}

export interface Mention<Id extends string = EntityId> {
  readonly entity: Id;
  /** UTF-16 offsets into the scanned text; end is exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface CompiledExclusion {
  readonly upperOnly: boolean;
  readonly before?: RegExp;
  readonly after?: RegExp;
  readonly block?: RegExp;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Candidates {
  /** Where the bare names occur in `text`: sorted, disjoint (overlapping occurrences joined). */
  find(text: string): Span[];
}

export interface Matcher<Id extends string = EntityId> {
  /**
   * The names alone, no boundary or context rule: they occur wherever a mention could, and more. Cheap to run
   * over a whole page's text read without its block structure, to find the few blocks worth reading exactly.
   */
  readonly candidates: Candidates;
  /** Every surface form (folded: see ./automaton) and the entity it belongs to. */
  readonly forms: readonly string[];
  readonly owners: readonly Id[];
  readonly automaton: Automaton;
  readonly exclusions: ReadonlyMap<Id, readonly CompiledExclusion[]>;
}

/** How much text around a mention the before/after rules see. */
export const CONTEXT_CHARS = 80;

/** An entity's names as written and, unless a name is exact, in capitals. */
function surfaceForms(entity: MatchEntity): string[] {
  const forms: string[] = [];
  for (const alias of entity.aliases) {
    forms.push(alias.text);
    if (alias.caps !== 'exact') forms.push(alias.text.toUpperCase());
  }
  return forms;
}

export function compileExclusion(x: Exclusion): CompiledExclusion {
  return {
    upperOnly: x.form === 'upper',
    ...(x.before ? { before: new RegExp(`(?:${x.before})$`, 'u') } : {}),
    ...(x.after ? { after: new RegExp(`^(?:${x.after})`, 'u') } : {}),
    ...(x.block ? { block: new RegExp(x.block, 'u') } : {}),
  };
}

/**
 * What matching needs, ready to store: every form once (folded: see ./automaton), with the entity it belongs
 * to. Computed once per change of the knowledge (the background does it), not on every page.
 */
export interface MatcherData<Id extends string = string> {
  /** In code unit order, the order the automaton is built in (so that loading sorts nothing). */
  readonly forms: readonly string[];
  readonly owners: readonly Id[];
}

export function matcherData<Id extends string>(entities: readonly MatchEntity<Id>[]): MatcherData<Id> {
  // Each form once, with its first owner (an earlier entity keeps a name two share). Code unit order, not
  // localeCompare: its first call builds a collator (~10 ms).
  const owner = new Map<string, Id>();
  for (const e of entities) {
    for (const f of surfaceForms(e)) {
      const folded = foldName(f);
      if (folded !== '' && !owner.has(folded)) owner.set(folded, e.id);
    }
  }
  const forms = [...owner.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { forms, owners: forms.map((f) => owner.get(f)!) };
}

/** A matcher from stored data (no sorting, no folding: the automaton is all that is built). */
export function loadMatcher<Id extends string>(data: MatcherData<Id>, rules: ReadonlyMap<Id, readonly Exclusion[]>): Matcher<Id> {
  const automaton = new Automaton(data.forms);
  let exclusions: ReadonlyMap<Id, readonly CompiledExclusion[]> | null = null;
  return {
    forms: data.forms,
    owners: data.owners,
    automaton,
    // Compiled when first needed: most pages name nobody.
    get exclusions(): ReadonlyMap<Id, readonly CompiledExclusion[]> {
      return (exclusions ??= new Map([...rules].map(([id, xs]) => [id, xs.map(compileExclusion)])));
    },
    candidates: { find: (text) => joinSpans(automaton.scan(text)) },
  };
}

export function compileMatcher<Id extends string>(entities: readonly MatchEntity<Id>[]): Matcher<Id> {
  return loadMatcher(matcherData(entities), new Map(entities.filter((e) => e.exclusions.length).map((e) => [e.id, e.exclusions])));
}

/** Sorted, overlapping spans joined: the page reader walks them in order. */
function joinSpans(hits: readonly Span[]): Span[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, h.end) };
    else out.push({ start: h.start, end: h.end });
  }
  return out;
}

export function isExcluded(text: string, m: Mention<string>, rules: readonly CompiledExclusion[]): boolean {
  if (rules.length === 0) return false;
  const surface = text.slice(m.start, m.end);
  const isUpper = surface === surface.toUpperCase();
  return rules.some((r) => {
    if (r.upperOnly && !isUpper) return false;
    if (r.before && !r.before.test(text.slice(Math.max(0, m.start - CONTEXT_CHARS), m.start))) return false;
    if (r.after && !r.after.test(text.slice(m.end, m.end + CONTEXT_CHARS))) return false;
    if (r.block) {
      const from = text.lastIndexOf(BLOCK_BREAK, m.start) + 1;
      const to = text.indexOf(BLOCK_BREAK, m.end);
      if (!r.block.test(text.slice(from, to === -1 ? text.length : to))) return false;
    }
    return true;
  });
}

const WORD = new RegExp(`^${WORD_CHAR}$`, 'u');
const INVISIBLE_CHAR = new RegExp(`^${IGNORABLE}$`, 'u');

/** The code point before `i` (a surrogate pair whole), or '' at the start. */
function before(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1]!;
}

function after(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Whether a word character touches position `i` from the left (invisible characters in between skipped). */
function wordBefore(text: string, i: number): boolean {
  let at = i;
  for (let c = before(text, at); c !== ''; c = before(text, at)) {
    if (!INVISIBLE_CHAR.test(c)) return WORD.test(c);
    at -= c.length;
  }
  return false;
}

/** The position after invisible characters from `i`. */
function skipInvisible(text: string, i: number): number {
  let at = i;
  while (at < text.length && INVISIBLE_CHAR.test(text[at]!)) at += 1;
  return at;
}

/**
 * Where a mention that starts at `start` with a name ending at `end` ends, or -1 when the boundary rules refuse
 * it: no word character may touch it on either side; a possessive ('s, ’s) belongs to it.
 */
function mentionEnd(text: string, start: number, end: number): number {
  if (wordBefore(text, start)) return -1;
  const next = skipInvisible(text, end);
  if ((text[next] === "'" || text[next] === '’') && (text[next + 1] === 's' || text[next + 1] === 'S')) {
    const past = next + 2;
    if (!WORD.test(after(text, skipInvisible(text, past)))) return past;
  }
  return WORD.test(after(text, next)) ? -1 : end;
}

/**
 * Every mention in `text`, in order, none overlapping: the automaton finds every occurrence of every name;
 * leftmost first, and at one position the longest name whose boundaries hold. A mention a context rule drops
 * still takes its text ("Brigitte Macron" holds no other mention).
 */
export function findMentions<Id extends string>(text: string, matcher: Matcher<Id>): Mention<Id>[] {
  const hits = matcher.automaton.scan(text);
  if (hits.length === 0) return [];
  // Leftmost first; at one position the longest name first ("Sofacy Group" over "Sofacy"). Two forms of one
  // length found at one position are the same text, so there is no further tie.
  const forms = matcher.forms;
  hits.sort((a, b) => a.start - b.start || forms[b.pattern]!.length - forms[a.pattern]!.length);
  const out: Mention<Id>[] = [];
  let from = 0;
  for (const hit of hits) {
    if (hit.start < from) continue;
    const end = mentionEnd(text, hit.start, hit.end);
    if (end < 0) continue;
    const mention = { entity: matcher.owners[hit.pattern]!, start: hit.start, end };
    from = end;
    if (!isExcluded(text, mention, matcher.exclusions.get(mention.entity) ?? [])) out.push(mention);
  }
  return out;
}
