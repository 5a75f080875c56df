// Aho-Corasick over UTF-16 code units: every occurrence of thousands of names in one pass over a text, at a
// cost that does not grow with the number of names (a RegExp alternation of every name does grow). The text is
// read folded as the matcher's rules want it: invisible characters (soft hyphens, zero-width) skipped, and any
// run of white space read as one space; matches are given back in the text's own offsets.
//
// Own code rather than a package: the one well-kept package (modern-ahocorasick) matches whole grapheme
// clusters, which means running Intl.Segmenter over every page's text first, and cannot skip invisible
// characters or fold spaces. The states are flat typed arrays: small, and fast to walk.

/** What a code unit is to the scan: part of a name, white space (one space for any run), or invisible. */
const NAME = 0;
const SPACE = 1;
const INVISIBLE = 2;

/** More children than this, and a state looks them up in a table row (see Automaton.rows). */
const WIDE = 6;

const CLASSES = (() => {
  const table = new Uint8Array(0x10000);
  // The same sets as ./text-chars (SPACE and IGNORABLE).
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) table[c] = SPACE;
  for (let c = 0x2000; c <= 0x200a; c++) table[c] = SPACE;
  for (const c of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) table[c] = INVISIBLE;
  return table;
})();

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

export interface Hit {
  /** Which pattern (its index in the list the automaton was built from). */
  readonly pattern: number;
  /** UTF-16 offsets into the text scanned; end is exclusive. */
  readonly start: number;
  readonly end: number;
}

export class Automaton {
  /** Per state: first child, next sibling, the code unit leading to it, failure link, pattern ending here. */
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly unit: Uint16Array;
  private readonly fail: Int32Array;
  private readonly output: Int32Array;
  /** The nearest state on the failure chain that ends a pattern (-1: none). */
  private readonly outputLink: Int32Array;
  /** The root's children by code unit: most characters of a page leave the root at once. */
  private readonly rootNext: Int32Array;
  /** Pattern lengths in folded units. */
  private readonly lengths: Int32Array;
  readonly longest: number;
  /**
   * States with many children (after "A", after "The ": real catalogues have hundreds of names there) look
   * their child up in a row of a table, by the code unit's place in the patterns' alphabet, instead of walking
   * a list of siblings. Most states have one child, and keep the list.
   */
  private readonly alphabet: Int32Array;
  private readonly alphabetSize: number;
  private readonly row: Int32Array;
  private readonly rows: Int32Array;

  /** `patterns` must be folded (see foldName); empty ones are never found. */
  constructor(patterns: readonly string[]) {
    const size = patterns.reduce((n, p) => n + p.length, 1);
    this.firstChild = new Int32Array(size).fill(-1);
    this.nextSibling = new Int32Array(size).fill(-1);
    this.unit = new Uint16Array(size);
    this.fail = new Int32Array(size);
    this.output = new Int32Array(size).fill(-1);
    this.outputLink = new Int32Array(size).fill(-1);
    this.rootNext = new Int32Array(0x10000).fill(0);
    this.lengths = new Int32Array(patterns.length); // (an empty pattern keeps length 0, and no state)
    this.row = new Int32Array(size).fill(-1); // no state is wide while the trie is built
    this.alphabet = new Int32Array(0x10000);
    let states = 1;
    let longest = 0;
    // Inserted in code unit order: each pattern shares its first `common` units with the previous one, so the
    // path down to there is known and every new state is a new child. No sibling list is ever searched, and
    // building takes time in proportion to the patterns' length, however many share a prefix.
    const order = patterns.map((_, i) => i).filter((i) => patterns[i] !== '');
    const sorted = order.every((i, k) => k === 0 || patterns[order[k - 1]!]! < patterns[i]!);
    if (!sorted) order.sort((a, b) => (patterns[a]! < patterns[b]! ? -1 : patterns[a]! > patterns[b]! ? 1 : a - b));
    const path = new Int32Array(patterns.reduce((n, p) => Math.max(n, p.length), 0) + 1);
    let previous = '';
    for (const index of order) {
      const p = patterns[index]!;
      this.lengths[index] = p.length;
      longest = Math.max(longest, p.length);
      let common = 0;
      while (common < p.length && common < previous.length && p.charCodeAt(common) === previous.charCodeAt(common)) common += 1;
      for (let d = common; d < p.length; d++) {
        const s = path[d]!;
        const c = p.charCodeAt(d);
        const next = states++;
        this.unit[next] = c;
        this.nextSibling[next] = this.firstChild[s]!;
        this.firstChild[s] = next;
        if (s === 0) this.rootNext[c] = next;
        path[d + 1] = next;
      }
      // The first of equal patterns keeps the state: later duplicates are never reported.
      const end = path[p.length]!;
      if (this.output[end]! < 0 || index < this.output[end]!) this.output[end] = index;
      previous = p;
    }
    this.longest = longest;
    // The alphabet: every code unit of a pattern gets a place from 1 (0: in no pattern).
    let places = 1;
    for (let k = 1; k < states; k++) if (this.alphabet[this.unit[k]!] === 0) this.alphabet[this.unit[k]!] = places++;
    this.alphabetSize = places;
    let wide = 0;
    for (let s0 = 1; s0 < states; s0++) {
      let count = 0;
      for (let k = this.firstChild[s0]!; k >= 0; k = this.nextSibling[k]!) count += 1;
      if (count > WIDE) this.row[s0] = wide++;
    }
    this.rows = new Int32Array(wide * places);
    for (let s0 = 1; s0 < states; s0++) {
      const r = this.row[s0]!;
      if (r < 0) continue;
      for (let k = this.firstChild[s0]!; k >= 0; k = this.nextSibling[k]!) this.rows[r * places + this.alphabet[this.unit[k]!]!] = k;
    }
    this.link(states);
  }

  private child(s: number, c: number): number {
    if (s === 0) return this.rootNext[c]! || -1;
    const r = this.row[s]!;
    if (r >= 0) {
      const place = this.alphabet[c]!;
      return place === 0 ? -1 : this.rows[r * this.alphabetSize + place]! || -1;
    }
    for (let k = this.firstChild[s]!; k >= 0; k = this.nextSibling[k]!) if (this.unit[k] === c) return k;
    return -1;
  }

  /** Failure and output links, breadth first. */
  private link(states: number): void {
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (let k = this.firstChild[0]!; k >= 0; k = this.nextSibling[k]!) {
      this.fail[k] = 0;
      queue[tail++] = k;
    }
    while (head < tail) {
      const u = queue[head++]!;
      for (let v = this.firstChild[u]!; v >= 0; v = this.nextSibling[v]!) {
        const c = this.unit[v]!;
        let f = this.fail[u]!;
        let to = this.child(f, c);
        while (to < 0 && f !== 0) {
          f = this.fail[f]!;
          to = this.child(f, c);
        }
        this.fail[v] = to < 0 || to === v ? 0 : to;
        const fv = this.fail[v]!;
        this.outputLink[v] = this.output[fv]! >= 0 ? fv : this.outputLink[fv]!;
        queue[tail++] = v;
      }
    }
  }

  /** Every occurrence of every pattern in `text` (overlapping ones too), in order of their end. */
  scan(text: string): Hit[] {
    const hits: Hit[] = [];
    // Locals, not fields: this loop runs once per character of a page.
    const { rootNext, output, outputLink, lengths, fail, alphabet } = this;
    const classes = CLASSES;
    // Where each folded unit came from, for the last units: a ring as long as the longest pattern (a power of
    // two, to index it with a mask). Only units on the automaton's current path are counted: a unit that
    // leaves the root at once can be part of no match.
    let ring = 1;
    while (ring < this.longest) ring <<= 1;
    const mask = ring - 1;
    const origin = new Int32Array(ring);
    let fed = 0;
    let lastWasSpace = true; // a space at the start reads as nothing, as names never start with one
    let s = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      const cls = classes[c]!;
      if (cls !== NAME) {
        if (cls === INVISIBLE) continue;
        if (lastWasSpace) continue;
        lastWasSpace = true;
        c = 0x20;
      } else lastWasSpace = false;
      let next: number;
      if (alphabet[c] === 0) {
        s = 0; // a character in no name: no match runs through it
        continue;
      }
      if (s === 0) {
        next = rootNext[c]!;
        if (next === 0) continue; // the common case: this character starts no name
      } else {
        next = this.child(s, c);
        while (next < 0) {
          s = fail[s]!;
          if (s === 0) {
            next = rootNext[c]!;
            break;
          }
          next = this.child(s, c);
        }
        if (next === 0) {
          s = 0;
          continue;
        }
      }
      s = next;
      origin[fed & mask] = i;
      fed += 1;
      for (let o = output[s]! >= 0 ? s : outputLink[s]!; o >= 0; o = outputLink[o]!) {
        const pattern = output[o]!;
        hits.push({ pattern, start: origin[(fed - lengths[pattern]!) & mask]!, end: i + 1 });
      }
    }
    return hits;
  }
}
