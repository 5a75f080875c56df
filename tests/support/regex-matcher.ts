// The matcher as it was before the automaton (one RegExp alternation of every name), kept as an independent
// oracle: the automaton must find exactly what it found.
import { IGNORABLE, SPACE, WORD_CHAR } from '../../src/knowledge/text-chars';
import type { EntityId } from '../../src/knowledge/entities';
import { compileExclusion, isExcluded, type CompiledExclusion, type MatchEntity, type Mention } from '../../src/knowledge/matcher';

export interface Candidates {
  /** Every match of the bare names in `text`. */
  find(text: string): RegExpExecArray[];
}

export interface Matcher<Id extends string = EntityId> {
  /** The exact rules for a text: names with their boundaries, sticky (tried at one position at a time). */
  readonly exact: (text: string) => RegExp;
  /**
   * The names alone, no boundary or context rule: they match wherever `regex` could, and more. Cheap to run
   * over a whole page's text read without its block structure, to find the few blocks worth reading exactly.
   */
  readonly candidates: Candidates;
  /** The entity a matched name (capture group 1 of `exact`) belongs to. */
  readonly entityOf: (name: string) => Id | undefined;
  readonly exclusions: ReadonlyMap<Id, readonly CompiledExclusion[]>;
}

const SPECIAL = new Set('.*+?^${}()|[]\\/');
const escapeChar = (c: string): string => (SPECIAL.has(c) ? `\\${c}` : c);

/** A name as a pattern: its words joined by any run of space, invisible characters allowed anywhere. */
function aliasPattern(text: string): string {
  const words = text.split(' ').map((w) => [...w].map(escapeChar).join(`${IGNORABLE}*`));
  return words.join(`(?:${SPACE}|${IGNORABLE})*${SPACE}(?:${SPACE}|${IGNORABLE})*`);
}

function surfaceForms(entity: MatchEntity): string[] {
  const forms = new Set<string>();
  for (const alias of entity.aliases) {
    forms.add(alias.text);
    if (alias.caps !== 'exact') forms.add(alias.text.toUpperCase());
  }
  // Longest first, so "Sofacy Group" wins over "Sofacy" and "Emmanuel Macron" over "Macron". Ties by code
  // unit order, not localeCompare: its first call builds a collator, ~10 ms on every page load.
  return [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}


/** Whether a text holds invisible characters: most text holds none, and then simpler patterns do. */
const INVISIBLE = new RegExp(IGNORABLE, 'u');
const INVISIBLES = new RegExp(IGNORABLE, 'gu');
const SPACES = new RegExp(`${SPACE}+`, 'gu');

/**
 * A name as a pattern for text with no invisible character: its words joined by any run of space. A fifth
 * of the size of aliasPattern's, so a RegExp of all names compiles and first runs several times faster.
 */
function plainPattern(text: string): string {
  return text.split(' ').map((w) => [...w].map(escapeChar).join('')).join(`${SPACE}+`);
}

/** Two versions of a RegExp, for text with and without invisible characters, each built when first needed. */
function lazyPair(build: (invisible: boolean) => RegExp): (invisible: boolean) => RegExp {
  const built: [RegExp | null, RegExp | null] = [null, null];
  return (invisible) => (built[Number(invisible)] ??= build(invisible));
}

export function compileMatcher<Id extends string>(entities: readonly MatchEntity<Id>[]): Matcher<Id> {
  const forms = entities.flatMap(surfaceForms).sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const patternOf = (invisible: boolean) => (invisible ? aliasPattern : plainPattern);
  // Every form of every name with no boundary or context rule: a superset of what the exact rules match. Not
  // in Unicode mode (it needs no property class), which makes it faster to compile and to run.
  const candidates = lazyPair((invisible) => new RegExp(forms.map(patternOf(invisible)).join('|'), 'g'));
  // The exact rules, sticky: tried at one position at a time (see findMentions). One alternation of every
  // form of every entity, longest first, so the longest name wins across entities too ("Sandworm Team" over
  // another entity's "Sandworm"); the entity is looked up from the name matched (group 1).
  const exact = lazyPair((invisible) => {
    const ign = invisible ? `${IGNORABLE}*` : '';
    return new RegExp(`(?<!${WORD_CHAR}${ign})(${forms.map(patternOf(invisible)).join('|')})(?:${ign}['’][sS])?(?!${ign}${WORD_CHAR})`, 'uy');
  });
  const owner = new Map<string, Id>();
  for (const e of entities) for (const f of surfaceForms(e)) if (!owner.has(f)) owner.set(f, e.id);
  let exclusions: ReadonlyMap<Id, readonly CompiledExclusion[]> | null = null;
  return {
    exact: (text) => exact(INVISIBLE.test(text)),
    get exclusions(): ReadonlyMap<Id, readonly CompiledExclusion[]> {
      return (exclusions ??= new Map(entities.map((e) => [e.id, e.exclusions.map(compileExclusion)])));
    },
    candidates: { find: (text) => allMatches(candidates(INVISIBLE.test(text)), text) },
    entityOf: (name) => owner.get(name.replace(INVISIBLES, '').replace(SPACES, ' ')),
  };
}


/**
 * Every match of a global RegExp, using the RegExp itself. Not matchAll: it copies the RegExp first, and
 * copying one of ours costs ~35 µs, more than running it over a paragraph. Safe to share: a call runs
 * through to the end before anything else can use the RegExp. (So is the exact RegExp, sticky, below.)
 */
function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    out.push(m);
    if (m[0].length === 0) regex.lastIndex += 1;
  }
  regex.lastIndex = 0;
  return out;
}

/**
 * Every mention in `text`, in order, none overlapping. The exact rules are tried only where the bare names
 * match (they match wherever the exact rules could): at each candidate's start, and when the rules fail there,
 * further into it ("Macron" in "xEmmanuel Macron"). Running the exact RegExp over all of the text instead
 * would try its boundary rules at every character.
 */
export function findMentions<Id extends string>(text: string, matcher: Matcher<Id>): Mention<Id>[] {
  const out: Mention<Id>[] = [];
  const exact = matcher.exact(text);
  let from = 0;
  for (const candidate of matcher.candidates.find(text)) {
    const end = candidate.index + candidate[0].length;
    for (let at = Math.max(candidate.index, from); at < end;) {
      exact.lastIndex = at;
      const match = exact.exec(text);
      if (!match) {
        at += 1;
        continue;
      }
      const entity = matcher.entityOf(match[1]!);
      if (entity === undefined) {
        at += 1; // cannot happen: every form has an owner
        continue;
      }
      const mention = { entity, start: at, end: at + match[0].length };
      at = from = mention.end;
      if (!isExcluded(text, mention, matcher.exclusions.get(mention.entity) ?? [])) out.push(mention);
    }
  }
  return out;
}
