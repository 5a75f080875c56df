// Finds mentions of the entities in plain text. Pure: the content script runs it over the text it reads
// from the page (blocks joined by BLOCK_BREAK), the build runs it over the article, tests run it in Node.
import { BLOCK_BREAK, IGNORABLE, SPACE, WORD_CHAR } from './text-chars';
import { Automaton, CLASSES, WORD_CLASS, codeUnitOrder, foldName, foldedReach, lowerSameLength, type Hit } from './automaton';
import { EVIDENCE_CHARS, KIND_FORMS, isOrdinaryName, kindWordNear } from './ordinary-names';
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

/**
 * The first pass: where the bare names occur in a page's texts, by start. With `everyOccurrence`, each
 * occurrence on its own, overlapping ones too; without, disjoint spans that cover every occurrence (a span may
 * join several).
 */
export interface Candidates {
  /** Whether a span is one occurrence of a name, so that the boundary rules may be tried on it alone. */
  readonly everyOccurrence: boolean;
  /** Several texts at once (the parts of a page that changed together), searched in steps. */
  search(texts: readonly string[]): CandidateSearch;
}

/** Candidates found here and now, in the same script: a text at once, or in steps. */
export interface LocalCandidates extends Candidates {
  find(text: string): Span[];
}

export interface CandidateSearch {
  /**
   * Searches on until the clock passes `deadline`: the candidates of each text once all are searched, else
   * null (time is up, or the search waits for an answer: see `waiting`).
   */
  next(deadline: number): Span[][] | null;
  /** While the search waits for something other than the clock (the background's answer): settles when it has come. */
  readonly waiting: Promise<unknown> | null;
}

export interface Matcher<Id extends string = EntityId> {
  /**
   * The names alone, no boundary or context rule: they occur wherever a mention could, and more. Cheap to run
   * over a whole page's text read without its block structure, to find the few blocks worth reading exactly.
   */
  readonly candidates: LocalCandidates;
  /** Every surface form (folded: see ./automaton) and the entity it belongs to. */
  readonly forms: readonly string[];
  readonly owners: readonly Id[];
  /**
   * guarded[i]: whether forms[i] is recognised only with evidence: EVIDENCE (nearby, or the text's being about
   * security), STRICT (nearby only), or 0 (none needed).
   */
  readonly guarded: Uint8Array;
  /**
   * Whether some form's name is recognised in other cases too (a catalogue's: see resolveCase): the automaton
   * then reads text in small letters, and its hits are resolved.
   */
  readonly foldsCase: boolean;
  readonly witnesses: ReadonlySet<Id>;
  /**
   * The forms, then the words of the trade (KIND_FORMS): a pattern index past the forms is such a word. In small
   * letters when the matcher foldsCase. Of equal patterns it reports the first only (see `equals`).
   */
  readonly automaton: Automaton;
  /**
   * Per pattern, the next pattern the automaton reads alike (-1: none), forms before words of the trade: the
   * patterns it does not report apart (forms that differ only in case, once read in small letters; a name that
   * is also a word of the trade, "Payload"). Null when no two are alike. Built with the automaton.
   */
  readonly equals: Int32Array | null;
  /**
   * When the matcher foldsCase, per form, whether a text may write it in other cases: an any-case form the
   * catalogue does not write in capitals only (see resolveCase). Built with the automaton.
   */
  readonly variants: Uint8Array | null;
  readonly exclusions: ReadonlyMap<Id, readonly CompiledExclusion[]>;
  /**
   * For a few names, their RegExp: spans that hold the start of every occurrence the boundary rules may take
   * (none that a letter touches), found natively, so that the exact pass runs the automaton only from there as
   * far as a name can reach (see nameHits). Null for many.
   */
  readonly prefilter: ((text: string) => Span[]) | null;
}

/** Matcher.guarded's values. */
const EVIDENCE = 1;
const STRICT = 2;

/** How much text around a mention the before/after rules see. */
export const CONTEXT_CHARS = 80;

/** A name as written and, unless it is exact, in capitals (other cases, for any-case names: see resolveCase). */
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
  /** Indices of the forms recognised only with evidence (ordinary words: see ./ordinary-names). */
  readonly guarded: readonly number[];
  /** Of those, the ones recognised only with evidence nearby, on a page about security too (the user's strict switch). */
  readonly strict?: readonly number[];
  /** Indices of the forms whose name is recognised in other cases too (see resolveCase); none when absent. */
  readonly anyCase?: readonly number[];
  /** The entities whose mention is such evidence: the threat-intelligence kinds (a politician's name is not). */
  readonly witnesses: readonly Id[];
}

export function matcherData<Id extends string>(entities: readonly MatchEntity<Id>[]): MatcherData<Id> {
  // Each form once, with its first owner (an earlier entity keeps a name two share). Code unit order, not
  // localeCompare: its first call builds a collator (~10 ms).
  const owner = new Map<string, Id>();
  const guard = new Set<string>();
  const strict = new Set<string>();
  const anyCase = new Set<string>();
  for (const e of entities) {
    for (const a of e.aliases) {
      for (const f of surfaceForms(a)) {
        const folded = foldName(f);
        if (folded === '' || owner.has(folded)) continue;
        owner.set(folded, e.id);
        if (a.guard) guard.add(folded);
        if (a.guard === 'strict') strict.add(folded);
        if (a.caps === 'any-case') anyCase.add(folded);
      }
    }
  }
  const forms = [...owner.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    forms,
    owners: forms.map((f) => owner.get(f)!),
    guarded: forms.flatMap((f, i) => (guard.has(f) ? [i] : [])),
    strict: forms.flatMap((f, i) => (strict.has(f) ? [i] : [])),
    anyCase: forms.flatMap((f, i) => (anyCase.has(f) ? [i] : [])),
    witnesses: entities.filter((e) => e.kind !== undefined && WITNESS_KINDS.has(e.kind)).map((e) => e.id),
  };
}

/**
 * Up to this many forms, and none guarded, the first pass over a whole page runs one RegExp of the bare names
 * instead of the automaton, in the page itself: the browser runs a small alternation natively, faster than any
 * loop in a script, more so in a content script, which runs cold. From a few dozen names on, the alternation
 * slows down with every name, and the background's automaton searches the page instead (./page-names). (With a
 * guarded form, the automaton all the same: it leaves out an ordinary word with no evidence near it, which the
 * RegExp cannot.)
 */
const SMALL_SET = 64;

/** Whether the first pass over these names is one RegExp (see SMALL_SET). */
export const searchedByRegex = (data: { readonly forms: readonly unknown[]; readonly guarded: readonly unknown[] }): boolean =>
  data.forms.length <= SMALL_SET && data.guarded.length === 0;

const SPECIAL = new Set('.*+?^${}()|[]\\/');
const escapeChar = (c: string): string => (SPECIAL.has(c) ? `\\${c}` : c);

/**
 * Letters and digits of the Latin scripts: some of the word characters (WORD_CHAR), listed so that a RegExp
 * needs no Unicode mode. One of them right before or after a name's text is a boundary the exact rules refuse.
 */
const LATIN_WORD_CHAR = '[A-Za-z0-9_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F]';

/**
 * The bare names as one RegExp: words joined by any white space, invisible characters allowed anywhere.
 * Untouched: only where no Latin letter or digit touches the name's text on either side (an occurrence the
 * boundary rules refuse in any case: "inter" in "international").
 */
function candidateRegex(forms: readonly string[], untouched = false, anyCase: Uint8Array | null = null): RegExp {
  const name = (form: string, i: number): string => form.split(' ')
    .map((w) => [...w].map(anyCase?.[i] ? eitherCase : escapeChar).join(`${IGNORABLE}*`))
    .join(`(?:${SPACE}|${IGNORABLE})*${SPACE}(?:${SPACE}|${IGNORABLE})*`);
  // Longest first, so that a longer name is the span found where a shorter one begins it. Not in Unicode mode
  // (it needs no property class): faster to compile and to run.
  const names = forms.map((f, i) => [f, i] as const).sort(([a], [b]) => b.length - a.length).map(([f, i]) => name(f, i)).join('|');
  return new RegExp(untouched ? `(?<!${LATIN_WORD_CHAR})(?:${names})(?!${LATIN_WORD_CHAR})` : names, 'g');
}

/**
 * A character in either case, for a name recognised in any case (the others keep theirs: a RegExp flag would
 * make every name's occurrences in small letters, "inter", "rad", a span to read).
 */
function eitherCase(c: string): string {
  const lower = c.toLowerCase();
  const upper = c.toUpperCase();
  return lower === upper || lower.length !== 1 || upper.length !== 1 ? escapeChar(c) : `[${escapeChar(lower)}${escapeChar(upper)}]`;
}

/** Candidates searched here, each text at once: a page's own search is one native RegExp call per text. */
function localCandidates(everyOccurrence: boolean, find: (text: string) => Span[]): LocalCandidates {
  return { everyOccurrence, find, search: (texts) => ({ waiting: null, next: () => texts.map(find) }) };
}

function regexCandidates(forms: readonly string[], untouched = false, anyCase: Uint8Array | null = null): LocalCandidates {
  let regex: RegExp | null = null;
  return localCandidates(false, (text) => {
    // No name (every one switched off): an empty RegExp would match nothing, at every position, forever.
    if (forms.length === 0) return [];
    regex ??= candidateRegex(forms, untouched, anyCase);
    const out: Span[] = [];
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
    return out;
  });
}

/** The forms and the words of the trade, in the code unit order of the two lists merged (both are sorted). */
function mergedOrder(forms: readonly string[], kinds: readonly string[]): number[] {
  const order: number[] = [];
  let i = 0;
  let k = 0;
  while (i < forms.length || k < kinds.length) {
    if (k >= kinds.length || (i < forms.length && forms[i]! <= kinds[k]!)) order.push(i++);
    else order.push(forms.length + k++);
  }
  return order;
}

/**
 * A matcher from stored data (no folding, and no sorting but in small letters when some name is recognised in any
 * case: the automaton is all that is built, and only when a search first needs it: a page whose first pass finds
 * no name never reads with it).
 */
export function loadMatcher<Id extends string>(data: MatcherData<Id>, rules: ReadonlyMap<Id, readonly Exclusion[]>): Matcher<Id> {
  let automaton: Automaton | null = null;
  let equals: Int32Array | null = null;
  let variants: Uint8Array | null = null;
  const flags = (indices: readonly number[], value = 1): Uint8Array => indices.reduce((f, i) => ((f[i] = value), f), new Uint8Array(data.forms.length));
  const guarded = flags(data.guarded, EVIDENCE);
  for (const i of data.strict ?? []) guarded[i] = STRICT;
  const anyCase = flags(data.anyCase ?? []);
  const foldsCase = (data.anyCase?.length ?? 0) > 0;
  const witnesses = new Set(data.witnesses);
  const small = data.forms.length <= SMALL_SET;
  const regex = small ? regexCandidates(data.forms, false, foldsCase ? anyCase : null) : null;
  // The exact pass reads blocks apart, where a letter touching a name refuses it: those need no reading.
  const untouched = small ? regexCandidates(data.forms, true, foldsCase ? anyCase : null) : null;
  let exclusions: ReadonlyMap<Id, readonly CompiledExclusion[]> | null = null;
  const build = (): Automaton => {
    // The words of the trade only serve as evidence for guarded forms: with none, the scan need not find them.
    const kinds = data.guarded.length > 0 ? KIND_FORMS : [];
    const patterns = foldsCase ? [...data.forms, ...kinds].map(lowerSameLength) : [...data.forms, ...kinds];
    // In small letters the stored order no longer holds: sorted here (a few ms for thousands of names, in the
    // background). Equal patterns come together, ties by index (forms first), and are chained in that order.
    const order = foldsCase ? codeUnitOrder(patterns) : mergedOrder(data.forms, kinds);
    for (let o = 1; o < order.length; o++) {
      if (patterns[order[o - 1]!] === patterns[order[o]!]) (equals ??= new Int32Array(patterns.length).fill(-1))[order[o - 1]!] = order[o]!;
    }
    if (foldsCase) variants = anyCase.map((any, i) => (any && !inCapitalsOnly(data.forms[i]!) ? 1 : 0));
    return new Automaton(patterns, order);
  };
  const matcher: Matcher<Id> = {
    forms: data.forms,
    owners: data.owners,
    guarded,
    foldsCase,
    witnesses,
    get automaton(): Automaton {
      return (automaton ??= build());
    },
    // (Built with the automaton.)
    get equals(): Int32Array | null {
      automaton ??= build();
      return equals;
    },
    get variants(): Uint8Array | null {
      automaton ??= build();
      return variants;
    },
    // Compiled when first needed: most pages name nobody.
    get exclusions(): ReadonlyMap<Id, readonly CompiledExclusion[]> {
      return (exclusions ??= new Map([...rules].map(([id, xs]) => [id, xs.map(compileExclusion)])));
    },
    prefilter: untouched && ((text) => untouched.find(text)),
    candidates: regex && searchedByRegex(data) ? regex
      // (Only tests and the Node eval search many names in a page: the extension's pages ask the background.)
      : localCandidates(true, (text) => firstPass([text], matcher).spans[0]!),
  };
  return matcher;
}

/**
 * How far around a guarded name the first pass looks for evidence, in the page's textContent: wider than the
 * exact rule's reach (EVIDENCE_CHARS), because textContent also holds text the exact reader leaves out
 * (scripts, styles, hidden elements) and the first pass must keep every candidate the exact pass could accept.
 */
const FIRST_PASS_EVIDENCE_CHARS = 2 * EVIDENCE_CHARS;

/**
 * A page whose texts name this many groups, malware, tools or campaigns (distinct entities, each by a name that
 * is no ordinary word), and at least one per SECURITY_CHARS_PER_WITNESS of their characters, is about security:
 * there an ordinary-word name stands without evidence nearby (ATT&CK's tables and menus list "Ursnif",
 * "Koadic", "Calisto" with no word of the trade within reach), unless the user made it strict. Of the corpus
 * pages, none that is not about security names a single such entity; ATT&CK's pages name 72 to 355, one per 600
 * to 2,600 characters. The density keeps a news site's page whose one article of many names three groups from
 * lighting up the other articles' ordinary words, and, counted over all a page has read (PageSoFar), a feed
 * that appends an article on security after others, or others after it, likewise.
 */
export const SECURITY_WITNESSES = 3;
export const SECURITY_CHARS_PER_WITNESS = 10_000;

/** What a page's texts read so far show of its subject: how much text, and the witnesses it names (see SECURITY_WITNESSES). */
export interface PageSoFar<Id extends string = string> {
  readonly chars: number;
  readonly witnesses: readonly Id[];
}

export const NOTHING_READ: PageSoFar<never> = { chars: 0, witnesses: [] };

/** A page's reading so far, and more texts of it. */
export function readOn<Id extends string>(before: PageSoFar<Id>, more: PageSoFar<Id>): PageSoFar<Id> {
  const witnesses = new Set(before.witnesses);
  for (const w of more.witnesses) witnesses.add(w);
  return { chars: before.chars + more.chars, witnesses: [...witnesses] };
}

/** Whether what a page has read shows it to be about security (see SECURITY_WITNESSES). */
export const isAboutSecurity = (page: PageSoFar): boolean =>
  page.witnesses.length >= SECURITY_WITNESSES && page.witnesses.length * SECURITY_CHARS_PER_WITNESS >= page.chars;

/** Whether the text's being about security stands as a guarded hit's evidence: not for a name the user made strict. */
const byPage = (h: Hit, m: Matcher<string>, aboutSecurity: boolean): boolean => aboutSecurity && m.guarded[h.pattern] !== STRICT;

/**
 * The first pass's candidates: the names' hits, less the guarded ones (ordinary words) that a letter touches
 * (inside another word, or glued to another block's text: a loss `npm run eval` measures) or that lack
 * evidence: the text's being about security, or within reach a word of the trade or a group or malware named
 * by a name that is no ordinary word. On a page that is not about security, most of a big catalogue's hits are
 * such words (Royal, Agenda, Cuba), and each would cost an exact reading of its block.
 */
function withEvidence<Id extends string>(text: string, hits: readonly Hit[], m: Matcher<Id>, aboutSecurity: boolean): Hit[] {
  const names = m.forms.length;
  const found: number[] = [];
  let needNearby = false;
  for (const h of hits) {
    if (h.pattern >= names) {
      // A word of the trade, whole (a name's text may be glued to the next block's in textContent, but a word
      // of the trade standing whole is the evidence that counts: "separate" holds no "rat").
      if (CLASSES[text.charCodeAt(h.start - 1)] !== WORD_CLASS && CLASSES[text.charCodeAt(h.end)] !== WORD_CLASS) found.push(h.start);
    } else if (isGuarded(h, m)) needNearby ||= !byPage(h, m, aboutSecurity);
    else if (m.witnesses.has(m.owners[h.pattern]!)) found.push(h.start);
  }
  if (!needNearby) return hits.filter((h) => h.pattern < names && !(isGuarded(h, m) && leftOut(text, h, aboutSecurity)));
  const evidence = Int32Array.from(found).sort();
  return hits.filter((h) => {
    if (h.pattern >= names) return false;
    if (!isGuarded(h, m)) return true;
    if (leftOut(text, h, aboutSecurity)) return false;
    if (byPage(h, m, aboutSecurity)) return true;
    // The first piece of evidence from the window's start on, by binary search.
    let lo = 0;
    let hi = evidence.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (evidence[mid]! < h.start - FIRST_PASS_EVIDENCE_CHARS) lo = mid + 1;
      else hi = mid;
    }
    return lo < evidence.length && evidence[lo]! <= h.end + FIRST_PASS_EVIDENCE_CHARS;
  });
}

/**
 * The first pass over texts of one page as the background runs it: per text, the candidates (as the automaton's
 * search gives them); every name that occurs there, by index in the forms, whether or not its occurrence is a
 * candidate (the names a page needs to read its blocks exactly: ./page-names); of those, the ones the texts
 * write in another case somewhere (the page reads only those in any case: see ./page-names); what these texts
 * add to the page's reading (`read`: their characters and the witnesses they name); and whether the page is
 * about security, as what it read before (`before`: its other texts) and these texts show together.
 */
export function firstPass<Id extends string>(texts: readonly string[], matcher: Matcher<Id>, before: PageSoFar<Id> = NOTHING_READ): {
  spans: Span[][]; names: Set<number>; variants: Set<number>; read: PageSoFar<Id>; aboutSecurity: boolean;
} {
  const scanned = texts.map((text) => scanNames(text, matcher));
  const names = new Set<number>();
  const variants = new Set<number>();
  const witnesses = new Set<Id>();
  let chars = 0;
  scanned.forEach((hits, t) => {
    for (const h of hits) {
      if (h.pattern >= matcher.forms.length) continue;
      names.add(h.pattern);
      if (isVariant(h)) variants.add(h.pattern);
      // A witness (see SECURITY_WITNESSES): named by a distinctive name that no letter touches.
      const owner = matcher.owners[h.pattern]!;
      if (!isGuarded(h, matcher) && matcher.witnesses.has(owner) && !touched(texts[t]!, h)) witnesses.add(owner);
    }
    chars += texts[t]!.length;
  });
  const read = { chars, witnesses: [...witnesses] };
  const aboutSecurity = isAboutSecurity(readOn(before, read));
  return { spans: scanned.map((hits, t) => byStart(withEvidence(texts[t]!, hits, matcher, aboutSecurity))), names, variants, read, aboutSecurity };
}

/** Whether a letter or digit touches a hit in the text (an ordinary word inside another: "inter" in "international"). */
const touched = (text: string, h: Hit): boolean => CLASSES[text.charCodeAt(h.start - 1)] === WORD_CLASS || CLASSES[text.charCodeAt(h.end)] === WORD_CLASS;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isUpper = (ch: string | undefined): boolean => ch !== undefined && ch !== ch.toLowerCase();
const isLower = (ch: string | undefined): boolean => ch !== undefined && ch !== ch.toUpperCase();

/**
 * Whether what touches a hit on each side is nothing, or looks like another block's text that `textContent`
 * glued to it rather than the rest of one word: a digit, or a change from small letter to capital at the seam
 * ("Kimsuky2014", "…the banking trojanUrsnif", "KimsukyNorth Korea": table cells a page writes with no space
 * between them). A word's inside rarely changes case ("international", "Hydras"; a camel-case word such as
 * "PowerShell" is one block more read, which the exact reading then refuses).
 */
function seamOnly(text: string, h: Hit): boolean {
  const before = text.charCodeAt(h.start - 1);
  const after = text.charCodeAt(h.end);
  const left = CLASSES[before] !== WORD_CLASS || isDigit(before) || (isLower(text[h.start - 1]) && isUpper(text[h.start]));
  const right = CLASSES[after] !== WORD_CLASS || isDigit(after) || (isLower(text[h.end - 1]) && isUpper(text[h.end]));
  return left && right;
}

/**
 * Whether the first pass leaves a guarded hit out for what touches it: a letter or digit does, unless the text is
 * about security and the touch looks like a seam between blocks (seamOnly: there the candidates are few enough
 * to read them all, and a table's names are what such a page is made of).
 */
const leftOut = (text: string, h: Hit, aboutSecurity: boolean): boolean => touched(text, h) && !(aboutSecurity && seamOnly(text, h));

export function compileMatcher<Id extends string>(entities: readonly MatchEntity<Id>[]): Matcher<Id> {
  return loadMatcher(matcherData(entities), new Map(entities.filter((e) => e.exclusions.length).map((e) => [e.id, e.exclusions])));
}

/** Occurrences by start (the automaton gives them by end), the longest first at one start. */
function byStart(hits: readonly Hit[]): Span[] {
  return hits.map((h) => ({ start: h.start, end: h.end })).sort((a, b) => a.start - b.start || b.end - a.end);
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

const BLOCK_BREAK_CODE = BLOCK_BREAK.charCodeAt(0);

/** A hit of a form's name written in another case (see resolveCase). */
interface VariantHit extends Hit {
  /** Whether it stands only with evidence nearby (see resolveCase). */
  readonly variant: 'guarded' | 'distinctive';
}

const isVariant = (h: Hit): h is VariantHit => (h as Partial<VariantHit>).variant !== undefined;

/** Whether a hit stands only with evidence: its form is guarded, or it is a variant that needs some. */
const isGuarded = (h: Hit, m: Matcher<string>): boolean => m.guarded[h.pattern] !== 0 || (h as Partial<VariantHit>).variant === 'guarded';

/**
 * Which form a hit of the case-folding automaton is, by how the text writes it: a form as written (or in
 * capitals, itself a form), else, for a name catalogues write several ways (MimiKatz, Mimikatz, EvilBunny,
 * Evilbunny), another case, on three conditions: the catalogue does not write it in capitals only (PLAY, an
 * acronym or a brand, is no "Play"), the text does not write it all in small letters (prose: "royal",
 * "agenda"), and there is evidence nearby unless the text's writing is itself distinctive (njRAT, Agent.btz,
 * gh0st RAT: see isOrdinaryName), not ordinary words only ("Mimikatz", "Poison ivy", "Charming kitten"). Null
 * when the text writes no form.
 */
function resolveCase<Id extends string>(text: string, lower: string, h: Hit, m: Matcher<Id>, equals: Int32Array | null, variants: Uint8Array): Hit | null {
  // Runs for every hit of a page's text in the background: no string is made unless the text folds (invisible
  // characters, runs of white space) or writes a variant. As the scan reads it, the text is as long as the form.
  const folded = h.end - h.start !== m.forms[h.pattern]!.length ? foldName(text.slice(h.start, h.end)) : null;
  let variant = -1;
  for (let k = h.pattern; k >= 0 && k < m.forms.length; k = equals ? equals[k]! : -1) {
    if (folded === null ? text.startsWith(m.forms[k]!, h.start) : folded === m.forms[k]) return k === h.pattern ? h : { pattern: k, start: h.start, end: h.end };
    if (variant < 0 && variants[k]) variant = k;
  }
  if (variant < 0 || !hasCapital(text, lower, h.start, h.end)) return null;
  const written = folded ?? text.slice(h.start, h.end);
  const needsEvidence = m.guarded[variant] !== 0 || isOrdinaryName(written);
  return { pattern: variant, start: h.start, end: h.end, variant: needsEvidence ? 'guarded' : 'distinctive' } as VariantHit;
}

/** Whether text[start, end) holds a letter that its small-letter copy does not: a capital. */
function hasCapital(text: string, lower: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) !== lower.charCodeAt(i)) return true;
  return false;
}

const inCapitalsOnly = (form: string): boolean => form === form.toUpperCase() && form !== form.toLowerCase();

/**
 * The automaton's hits in a text, each as the form the text writes (see resolveCase), and the words of the trade
 * as found, also where a form reads as one (the evidence rule counts the word whatever name it also is).
 */
function scanNames<Id extends string>(text: string, m: Matcher<Id>, automaton = m.automaton): Hit[] {
  const { equals, variants } = m;
  if (!variants && !equals) return automaton.scan(text);
  const lower = variants ? lowerSameLength(text) : text;
  const names = m.forms.length;
  const out: Hit[] = [];
  for (const h of automaton.scan(lower)) {
    if (h.pattern >= names) {
      out.push(h);
      continue;
    }
    const resolved = variants ? resolveCase(text, lower, h, m, equals, variants) : h;
    if (resolved) out.push(resolved);
    let kind = h.pattern;
    while (kind >= 0 && kind < names) kind = equals ? equals[kind]! : -1;
    if (kind >= 0) out.push({ pattern: kind, start: h.start, end: h.end });
  }
  return out;
}

/**
 * Every occurrence of every name in `text`. With a prefilter, the automaton reads only from each span it finds
 * to as far as a name that starts inside the span can reach (an occurrence may start inside another name and
 * end past it), and never past the span's block (no name crosses a block break): on a page's blocks, a small
 * part of their text, where a loop in a script is slow. Overlapping reaches are read as one.
 */
function nameHits<Id extends string>(text: string, matcher: Matcher<Id>): Hit[] {
  const names = matcher.forms.length;
  const spans = matcher.prefilter?.(text);
  if (!spans) return scanNames(text, matcher).filter((h) => h.pattern < names);
  const hits: Hit[] = [];
  if (spans.length === 0) return hits;
  const { automaton } = matcher;
  const read = (from: number, to: number): void => {
    for (const h of scanNames(text.slice(from, to), matcher, automaton)) {
      if (h.pattern < names) hits.push({ ...h, start: h.start + from, end: h.end + from });
    }
  };
  let from = 0;
  let to = -1;
  for (const span of spans) {
    // (One unit more than the longest pattern: a margin, as the reach is counted from where the span ends. Not
    // past the block: no name crosses a block break, and looking for the next one could read to the end of the text.)
    const reach = foldedReach(text, span.end, automaton.longest + 1, BLOCK_BREAK_CODE);
    if (span.start < to) {
      to = Math.max(to, reach);
      continue;
    }
    if (to >= 0) read(from, to);
    from = span.start;
    to = reach;
  }
  if (to >= 0) read(from, to);
  return hits;
}

/**
 * Every mention in `text`, in order, none overlapping: the automaton finds every occurrence of every name;
 * leftmost first, and at one position the longest name whose boundaries hold. A mention a context rule drops
 * still takes its text ("Brigitte Macron" holds no other mention). `aboutSecurity`: whether the page is (as its
 * first pass found: see SECURITY_WITNESSES), which is evidence enough for an ordinary word the user did not make
 * strict.
 */
export function findMentions<Id extends string>(text: string, matcher: Matcher<Id>, aboutSecurity = false): Mention<Id>[] {
  const hits = nameHits(text, matcher);
  if (hits.length === 0) return [];
  // Leftmost first; at one position the longest name first ("Sofacy Group" over "Sofacy"). Two forms of one
  // length found at one position are the same text, so there is no further tie.
  const forms = matcher.forms;
  hits.sort((a, b) => a.start - b.start || forms[b.pattern]!.length - forms[a.pattern]!.length);
  const out: Mention<Id>[] = [];
  const guarded: Mention<Id>[] = [];
  /** Guarded, standing by the page's being about security. */
  const standing: Mention<Id>[] = [];
  let from = 0;
  for (const hit of hits) {
    if (hit.start < from) continue;
    const end = mentionEnd(text, hit.start, hit.end);
    if (end < 0) continue;
    const mention = { entity: matcher.owners[hit.pattern]!, start: hit.start, end };
    from = end;
    if (isExcluded(text, mention, matcher.exclusions.get(mention.entity) ?? [])) continue;
    if (!isGuarded(hit, matcher)) out.push(mention);
    else if (byPage(hit, matcher, aboutSecurity)) standing.push(mention);
    else guarded.push(mention);
  }
  if (guarded.length === 0 && standing.length === 0) return out;
  // An ordinary word stands only with evidence: a word of the trade nearby, or a group or malware named nearby
  // by a name that is no ordinary word.
  const near = (m: Mention<Id>): boolean => kindWordNear(text, m.start, m.end)
    || out.some((o) => matcher.witnesses.has(o.entity) && o.end > m.start - EVIDENCE_CHARS && o.start < m.end + EVIDENCE_CHARS);
  return [...out, ...standing, ...guarded.filter(near)].sort((a, b) => a.start - b.start);
}
