// Aho-Corasick over UTF-16 code units: every occurrence of thousands of names in one pass over a text, at a
// cost that does not grow with the number of names (a RegExp alternation of every name does grow). The text is
// read folded as the matcher's rules want it: invisible characters (soft hyphens, zero-width) skipped, and any
// run of white space read as one space; matches are given back in the text's own offsets.
//
// Built by the background once per change of the knowledge, and again each time it wakes (a browser stops an
// idle service worker), so built cheaply: the trie is made from the stored, sorted names in one pass, and a
// state's failure link is computed the first time a scan needs it. Pages' texts reach only a few of the
// states (most of their text leaves the root at once), so most links are never computed: eager links were
// the bulk of building 7,000 names (`npm run bench` measures both ways: see linkAll).
//
// Own code rather than a package: the one well-kept package (modern-ahocorasick) matches whole grapheme
// clusters, which means running Intl.Segmenter over every page's text first, and cannot skip invisible
// characters or fold spaces. The states are flat typed arrays: small, and fast to walk.

/** What a code unit is to the scan: other, white space (one space for any run), invisible, or a letter. */
const OTHER = 0;
const SPACE = 1;
const INVISIBLE = 2;
/** Surely a word character (a subset of ./text-chars WORD_CHAR). */
const WORD = 3;

/** More children than this, and a state looks them up in a table row (see Automaton.rows). */
const WIDE = 6;

/**
 * Code unit classes. WORD holds the common letters and digits only, for the first pass's tests that a word of
 * the trade stands whole (./matcher) and that no letter touches a name (../content/reader/candidates): one left
 * out (a rarer script) only means more evidence or one block more read, never a mention lost. A unit test holds
 * every WORD unit to WORD_CHAR.
 */
export const CLASSES = (() => {
  const table = new Uint8Array(0x10000);
  const word = (from: number, to: number): void => {
    table.fill(WORD, from, to + 1);
  };
  word(0x30, 0x39); word(0x41, 0x5a); word(0x61, 0x7a); table[0x5f] = WORD;
  table[0xaa] = WORD; table[0xb5] = WORD; table[0xba] = WORD;
  word(0xc0, 0x24f); table[0xd7] = OTHER; table[0xf7] = OTHER; // Latin-1 letters and Latin Extended A and B
  word(0x300, 0x36f); // combining marks
  word(0x410, 0x44f); // Cyrillic
  word(0x621, 0x63a); word(0x641, 0x64a); // Arabic
  word(0x3041, 0x3096); word(0x30a1, 0x30fa); word(0x4e00, 0x9fa5); // kana, CJK
  // The same sets as ./text-chars (SPACE and IGNORABLE).
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) table[c] = SPACE;
  for (let c = 0x2000; c <= 0x200a; c++) table[c] = SPACE;
  for (const c of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) table[c] = INVISIBLE;
  return table;
})();
export const WORD_CLASS = WORD;

/**
 * The text in small letters, code unit for code unit, so that offsets hold: what a case-folding matcher scans.
 * The few characters whose small letter is longer (İ) stay as they are.
 */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const l = c.toLowerCase();
    out += l.length === 1 ? l : c;
  }
  return out;
}

/** A name as the scan reads it: invisible characters dropped, white space runs as one space, trimmed. */
export function foldName(name: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const cls = CLASSES[c]!;
    if (cls === INVISIBLE) continue;
    if (cls === SPACE) {
      space = out !== '';
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += name[i];
  }
  return out;
}

/**
 * Where `units` code units of `text` from `from` end as the scan reads them (invisible characters count for
 * nothing, a run of white space for one), or where the code unit `stop` or the text's end comes first: how far
 * an occurrence that starts before `from` and is no longer than `units` can reach.
 */
export function foldedReach(text: string, from: number, units: number, stop: number): number {
  let count = 0;
  let space = false;
  let i = from;
  for (; i < text.length && count < units; i++) {
    const c = text.charCodeAt(i);
    if (c === stop) break;
    const cls = CLASSES[c]!;
    if (cls === INVISIBLE) continue;
    if (cls !== SPACE || !space) count += 1;
    space = cls === SPACE;
  }
  return i;
}

export interface Hit {
  /** Which pattern (its index in the list the trie was built from). */
  readonly pattern: number;
  /** UTF-16 offsets into the text scanned; end is exclusive. */
  readonly start: number;
  readonly end: number;
}

/** The patterns' order by code units, ties by index: the order the trie is built in. */
export function codeUnitOrder(patterns: readonly string[]): number[] {
  const order = patterns.map((_, i) => i);
  const sorted = order.every((i) => i === 0 || patterns[i - 1]! <= patterns[i]!);
  return sorted ? order : order.sort((a, b) => (patterns[a]! < patterns[b]! ? -1 : patterns[a]! > patterns[b]! ? 1 : a - b));
}

/** A failure or output link not computed yet. */
const UNKNOWN = -2;
/**
 * No table row (Automaton.row, Automaton.shallow: 16 bits a state, for memory). Past 65,535 rows, further states
 * go without one: slower to walk, never wrong.
 */
const NONE = 0xffff;
/** States this many code units deep or less remember their moves (see Automaton.moves). */
const SHALLOW = 2;

export class Automaton {
  /** Per state: first child, next sibling, parent, the code unit leading to it, the pattern ending here (-1: none). */
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly parent: Int32Array;
  private readonly unit: Uint16Array;
  private readonly output: Int32Array;
  /** The failure link, and the nearest state on the failure chain that ends a pattern (-1: none); lazily. */
  private readonly fail: Int32Array;
  private readonly outputLink: Int32Array;
  /** Pattern lengths in folded units. */
  private readonly lengths: Int32Array;
  /** The root's children by code unit: most characters of a page leave the root at once. */
  private readonly rootNext: Int32Array;
  /**
   * States with many children (after "A", after "The ": real catalogues have hundreds of names there) look
   * their child up in a row of a table, by the code unit's place in the patterns' alphabet, instead of walking
   * a list of siblings. Most states have one child, and keep the list.
   */
  private readonly alphabet: Int32Array;
  private alphabetSize = 1;
  private readonly row: Uint16Array;
  private rows = new Int32Array(0);
  /**
   * The shallowest states (up to SHALLOW units deep), where a scan spends most of its time, keep their moves
   * (the child, or where the failure links lead) by the code unit's place in the alphabet, in a table row
   * filled as the scan needs them: a move made once is one lookup after.
   */
  private readonly shallow: Uint16Array;
  private moves = new Int32Array(0);
  /** The longest pattern, in code units as the scan reads them (folded). */
  readonly longest: number;
  /** How many states the trie has. */
  private states = 1;

  /**
   * `patterns` must be folded (see foldName); empty ones are never found. `order` is codeUnitOrder(patterns),
   * when the caller knows it without sorting (stored patterns are kept sorted).
   */
  constructor(patterns: readonly string[], order: readonly number[] = codeUnitOrder(patterns)) {
    // The states counted first (each pattern adds those past the prefix it shares with the one before), so
    // that the arrays hold just those: names share prefixes, and each state costs some thirty bytes.
    let size = 1;
    let longest = 0;
    let previous = '';
    for (const index of order) {
      const p = patterns[index]!;
      if (p === '') continue;
      let common = 0;
      while (common < p.length && common < previous.length && p.charCodeAt(common) === previous.charCodeAt(common)) common += 1;
      size += p.length - common;
      if (p.length > longest) longest = p.length;
      previous = p;
    }
    this.firstChild = new Int32Array(size).fill(-1);
    this.nextSibling = new Int32Array(size).fill(-1);
    this.parent = new Int32Array(size);
    this.unit = new Uint16Array(size);
    this.output = new Int32Array(size).fill(-1);
    this.fail = new Int32Array(size).fill(UNKNOWN);
    this.outputLink = new Int32Array(size).fill(UNKNOWN);
    this.lengths = new Int32Array(patterns.length); // (an empty pattern keeps length 0, and no state)
    this.rootNext = new Int32Array(0x10000);
    this.row = new Uint16Array(size).fill(NONE);
    this.shallow = new Uint16Array(size).fill(NONE);
    this.alphabet = new Int32Array(0x10000);
    this.fail[0] = 0;
    this.outputLink[0] = -1;
    this.shallow[0] = 0;
    this.longest = longest;
    this.build(patterns, order, size);
  }

  /** The trie, in one pass over the patterns (every further loop over a hundred thousand states shows). */
  private build(patterns: readonly string[], order: readonly number[], size: number): void {
    const { firstChild, nextSibling, parent, unit, output, shallow, alphabet, rootNext, fail, lengths } = this;
    const path = new Int32Array(this.longest + 1);
    /** Children per state, counted up to WIDE + 1; the states that passed WIDE. */
    const children = new Uint8Array(size);
    const wideStates: number[] = [];
    let previous = '';
    let shallowStates = 1;
    let states = 1;
    let places = 1;
    // Inserted in code unit order: each pattern shares its first `common` units with the previous one, so the
    // path down to there is known and every new state is a new child. No sibling list is ever searched, and
    // building takes time in proportion to the patterns' length, however many share a prefix.
    for (const index of order) {
      const p = patterns[index]!;
      if (p === '') continue;
      lengths[index] = p.length;
      let common = 0;
      while (common < p.length && common < previous.length && p.charCodeAt(common) === previous.charCodeAt(common)) common += 1;
      for (let d = common; d < p.length; d++) {
        const s = path[d]!;
        const c = p.charCodeAt(d);
        const next = states++;
        unit[next] = c;
        parent[next] = s;
        nextSibling[next] = firstChild[s]!;
        firstChild[s] = next;
        if (s === 0) {
          rootNext[c] = next;
          fail[next] = 0;
        }
        // The alphabet: every code unit of a pattern gets a place from 1 (0: in no pattern).
        if (alphabet[c] === 0) alphabet[c] = places++;
        if (d < SHALLOW && shallowStates < NONE) shallow[next] = shallowStates++;
        // Children counted up to WIDE + 1: the states past WIDE get a table row (as many as a row index holds).
        if (children[s]! <= WIDE && ++children[s]! > WIDE && s !== 0 && wideStates.length < NONE) wideStates.push(s);
        path[d + 1] = next;
      }
      // The first of equal patterns keeps the state: later duplicates are never reported.
      const end = path[p.length]!;
      if (output[end]! < 0) output[end] = index;
      previous = p;
    }
    this.states = states;
    this.alphabetSize = places;
    this.rows = new Int32Array(wideStates.length * places);
    wideStates.forEach((s, r) => {
      this.row[s] = r;
      for (let c = firstChild[s]!; c >= 0; c = nextSibling[c]!) this.rows[r * places + alphabet[unit[c]!]!] = c;
    });
    this.moves = new Int32Array(shallowStates * places).fill(UNKNOWN);
  }

  private child(s: number, c: number): number {
    if (s === 0) return this.rootNext[c]! || -1;
    const r = this.row[s]!;
    if (r !== NONE) {
      const place = this.alphabet[c]!;
      return place === 0 ? -1 : this.rows[r * this.alphabetSize + place]! || -1;
    }
    for (let k = this.firstChild[s]!; k >= 0; k = this.nextSibling[k]!) if (this.unit[k] === c) return k;
    return -1;
  }

  /**
   * The failure link of s: the longest proper suffix of its path that is a state. Computed from its parent's
   * link, which is computed first; the climb to the first known link is iterative (a name may be long).
   */
  private failOf(s: number): number {
    if (this.fail[s]! !== UNKNOWN) return this.fail[s]!;
    const pending: number[] = [];
    for (let t = s; this.fail[t]! === UNKNOWN; t = this.parent[t]!) pending.push(t);
    for (let i = pending.length - 1; i >= 0; i--) {
      const v = pending[i]!;
      const c = this.unit[v]!;
      let f = this.fail[this.parent[v]!]!;
      let to = this.child(f, c);
      while (to < 0 && f !== 0) {
        f = this.failOf(f);
        to = this.child(f, c);
      }
      this.fail[v] = to < 0 || to === v ? 0 : to;
    }
    return this.fail[s]!;
  }

  /** The nearest state on the failure chain of s that ends a pattern, or -1. */
  private outputOf(s: number): number {
    const known = this.outputLink[s]!;
    if (known !== UNKNOWN) return known;
    const f = this.failOf(s);
    const link = this.output[f]! >= 0 ? f : this.outputOf(f);
    this.outputLink[s] = link;
    return link;
  }

  /** Where the unit c leads from state s: its child, else the child of the first state on its failure chain that has one, else the root. */
  private move(s: number, c: number): number {
    for (let from = s; ; from = this.failOf(from)) {
      const next = this.child(from, c);
      if (next >= 0) return next;
      if (from === 0) return 0;
    }
  }

  /** Computes every link now, as an eager automaton would when built (the bench's baseline). */
  linkAll(): this {
    for (let s = 1; s < this.states; s++) this.outputOf(s);
    return this;
  }

  /** Every occurrence of every pattern in `text` (overlapping ones too), in order of their end. */
  scan(text: string): Hit[] {
    const hits: Hit[] = [];
    // Where each folded unit came from, for the last units: a ring as long as the longest pattern (a power of
    // two, to index it with a mask). Only units on the automaton's current path are counted: a unit that
    // leaves the root at once can be part of no match.
    let ring = 1;
    while (ring < this.longest) ring <<= 1;
    const origin = new Int32Array(ring);
    // Locals, not fields: this loop runs once per character of a page.
    const { output, outputLink, lengths, alphabet, shallow, moves } = this;
    const places = this.alphabetSize;
    const classes = CLASSES;
    const mask = origin.length - 1;
    let fed = 0;
    // A space at the start reads as nothing, as names never start with one.
    let lastWasSpace = true;
    let s = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      const cls = classes[c]!;
      if (cls === INVISIBLE) continue;
      if (cls === SPACE) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
        c = 0x20;
      } else lastWasSpace = false;
      const place = alphabet[c]!;
      if (place === 0) {
        s = 0; // a character in no name: no match runs through it
        continue;
      }
      let next: number;
      const row = shallow[s]!;
      if (row !== NONE) {
        next = moves[row * places + place]!;
        if (next === UNKNOWN) next = moves[row * places + place] = this.move(s, c);
      } else next = this.move(s, c);
      if (next === 0) {
        s = 0;
        continue;
      }
      s = next;
      origin[fed & mask] = i;
      fed += 1;
      // (A link read from the array when known: a call only the first time a state is reached.)
      let o = output[s]! >= 0 ? s : outputLink[s]! !== UNKNOWN ? outputLink[s]! : this.outputOf(s);
      for (; o >= 0; o = outputLink[o]! !== UNKNOWN ? outputLink[o]! : this.outputOf(o)) {
        const pattern = output[o]!;
        hits.push({ pattern, start: origin[(fed - lengths[pattern]!) & mask]!, end: i + 1 });
      }
    }
    return hits;
  }
}
