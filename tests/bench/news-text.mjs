// Seeded news prose for the benchmark pages: sentences and paragraphs with inline markup (links, em, span,
// strong) and mentions of the names Backstory recognises, some split by inline tags. Pure and
// deterministic: the same seed gives the same bytes, so every run and every browser sees the same pages.

/**
 * mulberry32: a tiny seeded PRNG with a uniform [0, 1) output.
 * @param {number} seed
 * @returns {() => number}
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How a mention is written in the HTML, with a relative weight. Each form is exactly one mention.
 * Tags inside a form split the name across text nodes, as news sites do (`Trend <b>Micro</b>`).
 */
export const MENTION_FORMS = [
  ['Pawn Storm', 6], ['APT28', 6], ['Fancy Bear', 5], ['Sofacy', 3], ['Sednit', 2],
  ['Emmanuel Macron', 6], ['Macron’s', 3], ['Trend Micro', 4],
  ['Trend <b>Micro</b>', 1], ['<em>Pawn</em> Storm', 1], ['Fancy <span class="term">Bear</span>', 1],
  ['<a href="/topics/apt28">APT28</a>', 2], ['Emmanuel <strong>Macron</strong>', 1],
];

/** The plain names the forms use (for the baseline's RegExp when entities.json is not at hand). */
export const NAMES = ['Pawn Storm', 'APT28', 'Fancy Bear', 'Sofacy', 'Sednit', 'Emmanuel Macron', 'Macron', 'Trend Micro'];

// Lower-case news vocabulary. Words like "storm", "trend", "bear", "fancy" and "micro" are here on purpose:
// they share prefixes with the names, as real text does, and make the matchers work for their rejections.
const WORDS = (
  'the of and to in a that for on with as was is by at from it his her said were has have had are be been ' +
  'an which their its not but this after over more than about two first new last year years government ' +
  'officials minister president election campaign security report reports researchers hackers group groups ' +
  'attack attacks email emails server servers network networks data leak leaked documents party parties ' +
  'vote voters week month people police court state states military agency agencies intelligence foreign ' +
  'cyber espionage phishing malware software company companies market markets storm trend trends bear ' +
  'fancy micro analysts experts investigation investigators evidence statement statements interview press ' +
  'office offices capital city cities region regional national international european french german ' +
  'russian american british officials spokesman spokeswoman according sources told reporters early later ' +
  'during while since under between against among including several many most other some such these those ' +
  'could would should might may will can also still already again never often recently tuesday wednesday ' +
  'thursday friday monday weekend morning evening night media news television radio website websites ' +
  'account accounts password passwords domain domains campaign campaigns target targets targeted targeting ' +
  'infrastructure operation operations activity activities threat threats actor actors defence defense ' +
  'ministry embassy diplomats parliament senate committee hearing policy policies economy budget tax taxes ' +
  'reform reforms union workers strike protest protests streets crowd supporters rally candidate candidates ' +
  'poll polls round runoff result results victory defeat leader leaders coalition alliance summit talks'
).split(' ');

const CAPITALISED = ['Paris', 'Berlin', 'Brussels', 'Washington', 'London', 'Moscow', 'Europe', 'NATO',
  'Monday', 'Tuesday', 'Friday', 'Reuters', 'Le Monde', 'The Guardian', 'Google', 'Apple'];

/**
 * Prose generator bound to one PRNG. Mentions are placed by a byte budget: the page writer calls
 * `credit(bytes)` for all the HTML it emits (markup, boilerplate and text alike), and the next sentence
 * carries a mention once the credit reaches a jittered threshold, so the density follows the HTML.
 */
export class NewsText {
  /**
   * @param {() => number} random
   * @param {{ mentionEveryBytes?: number|null }} [options] null = no mention at all
   */
  constructor(random, { mentionEveryBytes = 3000 } = {}) {
    this.random = random;
    this.every = mentionEveryBytes;
    this.owed = 0;
    this.threshold = 1;
    /** Mentions written so far. */
    this.mentions = 0;
    this.formTotal = MENTION_FORMS.reduce((s, [, w]) => s + w, 0);
  }

  /** @param {number} n @returns {number} an integer in [0, n) */
  int(n) { return Math.floor(this.random() * n); }

  /** @template T @param {readonly T[]} list @returns {T} */
  pick(list) { return list[this.int(list.length)]; }

  /** Counts HTML written (markup and text alike) towards the next mention. */
  credit(bytes) {
    if (this.every) this.owed += bytes / this.every;
  }

  /**
   * A mention form by weight; counts it.
   * @param {boolean} links  false inside a link: forms that hold an <a> would nest links
   */
  mentionForm(links) {
    this.mentions += 1;
    for (;;) {
      let r = this.random() * this.formTotal;
      for (const [form, w] of MENTION_FORMS) {
        if ((r -= w) >= 0) continue;
        if (links || !form.includes('<a ')) return form;
        break;
      }
    }
  }

  /** True when the byte budget says a mention is due (then the budget is spent). */
  mentionDue() {
    if (!this.every || this.owed < this.threshold) return false;
    this.owed -= this.threshold;
    this.threshold = 0.5 + this.random(); // jitter: mentions are not evenly spaced in real text
    return true;
  }

  /** A few words, some capitalised names among them. */
  words(n) {
    const out = [];
    for (let i = 0; i < n; i++) out.push(this.random() < 0.06 ? this.pick(CAPITALISED) : this.pick(WORDS));
    return out;
  }

  /**
   * One sentence of HTML: words with inline markup, and a mention when due.
   * @param {{ markup?: boolean, mentions?: boolean, links?: boolean, force?: boolean }} [options]
   *   markup: inline tags around words; links: false when the sentence goes inside a link;
   *   force: a mention whatever the budget (a lead headline names its subject)
   */
  sentence({ markup = true, mentions = true, links = true, force = false } = {}) {
    const words = this.words(8 + this.int(18));
    if (markup) {
      const r = this.random();
      const at = this.int(words.length - 2);
      if (r < 0.12) words.splice(at, 2, `<a href="/news/${words[at]}-${this.int(9999)}">${words[at]} ${words[at + 1]}</a>`);
      else if (r < 0.18) words.splice(at, 1, `<em>${words[at]}</em>`);
      else if (r < 0.22) words.splice(at, 1, `<span class="kw">${words[at]}</span>`);
      else if (r < 0.24) words.splice(at, 1, `<strong>${words[at]}</strong>`);
    }
    if (mentions && this.every && (force || this.mentionDue())) words.splice(this.int(force ? 3 : words.length + 1), 0, this.mentionForm(links));
    const first = words[0];
    words[0] = first.startsWith('<') ? first : first[0].toUpperCase() + first.slice(1);
    const end = this.pick(['.', '.', '.', '.', '?', ';', '.']);
    return `${words.join(' ')}${end === ';' ? '.' : end}`;
  }

  /** Several sentences joined by spaces. */
  sentences(n, options) {
    const out = [];
    for (let i = 0; i < n; i++) out.push(this.sentence(options));
    return out.join(' ');
  }

  /** A short title (no final stop, no tag but a mention's), to go inside a link. */
  title(options) {
    return this.sentence({ markup: false, links: false, ...options }).replace(/[.?]$/u, '');
  }
}
