// Finds mentions of the entities in plain text. Pure: the content script runs it over the text it reads
// from the page (blocks joined by BLOCK_BREAK), the build runs it over the article, tests run it in Node.
import { BLOCK_BREAK, IGNORABLE, SPACE, WORD_CHAR } from './text-chars';
import { Automaton, foldName } from './automaton';
import { EVIDENCE_CHARS, kindWordNear } from './ordinary-names';
import type { EntityKind } from './source';
import type { Alias, EntityId, Exclusion } from './entities';

/** What the matcher needs of an entity: its id, the names it is recognised by, the rules that drop a match. */
export interface MatchEntity<Id extends string = string> {
  readonly id: Id;
  /** Known for entities of the knowledge: a group or a malware named nearby is evidence for an ordinary word. */
  readonly kind?: EntityKind;
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
  /** guarded[i]: forms[i] is recognised only with evidence nearby. */
  readonly guarded: Uint8Array;
  readonly witnesses: ReadonlySet<Id>;
  readonly automaton: Automaton;
  readonly exclusions: ReadonlyMap<Id, readonly CompiledExclusion[]>;
}

/** How much text around a mention the before/after rules see. */
export const CONTEXT_CHARS = 80;

/** A name as written and, unless it is exact, in capitals. */
function surfaceForms(alias: Alias): string[] {
  return alias.caps === 'exact' ? [alias.text] : [alias.text, alias.text.toUpperCase()];
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
  /** Indices of the forms recognised only with evidence nearby (ordinary words: see ./ordinary-names). */
  readonly guarded: readonly number[];
  /** The entities whose mention is such evidence: the threat-intelligence kinds (a politician's name is not). */
  readonly witnesses: readonly Id[];
}

export function matcherData<Id extends string>(entities: readonly MatchEntity<Id>[]): MatcherData<Id> {
  // Each form once, with its first owner (an earlier entity keeps a name two share). Code unit order, not
  // localeCompare: its first call builds a collator (~10 ms).
  const owner = new Map<string, Id>();
  const guard = new Set<string>();
  for (const e of entities) {
    for (const a of e.aliases) {
      for (const f of surfaceForms(a)) {
        const folded = foldName(f);
        if (folded === '' || owner.has(folded)) continue;
        owner.set(folded, e.id);
        if (a.guard === 'evidence') guard.add(folded);
      }
    }
  }
  const forms = [...owner.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    forms,
    owners: forms.map((f) => owner.get(f)!),
    guarded: forms.flatMap((f, i) => (guard.has(f) ? [i] : [])),
    witnesses: entities.filter((e) => e.kind !== undefined && WITNESS_KINDS.has(e.kind)).map((e) => e.id),
  };
}

/**
 * Up to this many forms, the first pass over a whole page runs one RegExp of the bare names instead of the
 * automaton: the browser runs a small alternation natively, several times faster than any loop in a script
 * (measured: 0.8 against 3.4 ms per MB in Node, and the gap is larger in a content script, which runs cold).
 * From a few dozen names on, the alternation slows down with every name and the automaton does not.
 */
const SMALL_SET = 64;

const SPECIAL = new Set('.*+?^${}()|[]\\/');
const escapeChar = (c: string): string => (SPECIAL.has(c) ? `\\${c}` : c);

/** The bare names as one RegExp: words joined by any white space, invisible characters allowed anywhere. */
function candidateRegex(forms: readonly string[]): RegExp {
  const name = (form: string): string => form.split(' ')
    .map((w) => [...w].map(escapeChar).join(`${IGNORABLE}*`))
    .join(`(?:${SPACE}|${IGNORABLE})*${SPACE}(?:${SPACE}|${IGNORABLE})*`);
  // Longest first, so that a longer name is the span found where a shorter one begins it. Not in Unicode mode
  // (it needs no property class): faster to compile and to run.
  return new RegExp([...forms].sort((a, b) => b.length - a.length).map(name).join('|'), 'g');
}

function regexCandidates(forms: readonly string[]): Candidates {
  let regex: RegExp | null = null;
  return {
    find(text) {
      regex ??= candidateRegex(forms);
      const out: Span[] = [];
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
      return out;
    },
  };
}

/** A matcher from stored data (no sorting, no folding: the automaton is all that is built). */
export function loadMatcher<Id extends string>(data: MatcherData<Id>, rules: ReadonlyMap<Id, readonly Exclusion[]>): Matcher<Id> {
  const automaton = new Automaton(data.forms);
  let exclusions: ReadonlyMap<Id, readonly CompiledExclusion[]> | null = null;
  return {
    forms: data.forms,
    owners: data.owners,
    guarded: data.guarded.reduce((flags, i) => ((flags[i] = 1), flags), new Uint8Array(data.forms.length)),
    witnesses: new Set(data.witnesses),
    automaton,
    // Compiled when first needed: most pages name nobody.
    get exclusions(): ReadonlyMap<Id, readonly CompiledExclusion[]> {
      return (exclusions ??= new Map([...rules].map(([id, xs]) => [id, xs.map(compileExclusion)])));
    },
    candidates: data.forms.length <= SMALL_SET ? regexCandidates(data.forms) : { find: (text) => joinSpans(automaton.scan(text)) },
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

/** Kinds of entity whose mention is evidence that a page is about security. */
const WITNESS_KINDS: ReadonlySet<EntityKind> = new Set(['group', 'malware', 'tool', 'campaign']);

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
  const guarded: Mention<Id>[] = [];
  let from = 0;
  for (const hit of hits) {
    if (hit.start < from) continue;
    const end = mentionEnd(text, hit.start, hit.end);
    if (end < 0) continue;
    const mention = { entity: matcher.owners[hit.pattern]!, start: hit.start, end };
    from = end;
    if (isExcluded(text, mention, matcher.exclusions.get(mention.entity) ?? [])) continue;
    if (matcher.guarded[hit.pattern]) guarded.push(mention);
    else out.push(mention);
  }
  if (guarded.length === 0) return out;
  // An ordinary word stands only with evidence: a word of the trade nearby, or a group or malware named nearby
  // by a name that is no ordinary word.
  const near = (m: Mention<Id>): boolean => kindWordNear(text, m.start, m.end)
    || out.some((o) => matcher.witnesses.has(o.entity) && o.end > m.start - EVIDENCE_CHARS && o.start < m.end + EVIDENCE_CHARS);
  return [...out, ...guarded.filter(near)].sort((a, b) => a.start - b.start);
}
