// The background's half of the first pass over pages (../knowledge/page-names): the automaton of every name
// switched on, built once per change of the knowledge and kept while the background lives. A service worker
// (Chrome) or event page (Firefox) is stopped when idle; woken by a page's question, it builds the automaton
// again from the pack it stored (a few long strings: see ../knowledge/matching-pack).
import { findPageNames, textOf, type PageNames, type PageText } from '../knowledge/page-names';
import { packMatcher, type MatchingPack } from '../knowledge/matching-pack';
import { NOTHING_READ, type Matcher, type PageSoFar } from '../knowledge/matcher';

interface Ready {
  readonly pack: MatchingPack;
  readonly matcher: Matcher<string>;
}

const NOTHING = { ids: [], forms: [], owners: [], guarded: [], strict: [], anyCase: [], witnesses: [], exclusions: {} };

export class NameSearch {
  private pack: Promise<MatchingPack | null> | null = null;
  private ready: Ready | null = null;

  /** `stored`: the pack as last published, read from storage when the background wakes. */
  constructor(private readonly stored: () => Promise<MatchingPack | null>) {}

  /** The pack just published: the automaton is built when a page first asks. */
  use(pack: MatchingPack): void {
    this.pack = Promise.resolve(pack);
    this.ready = null;
  }

  /** `before`: what the page read so far (see ../knowledge/page-names). */
  async find(sent: readonly PageText[], before: PageSoFar = NOTHING_READ): Promise<PageNames> {
    const texts = sent.map(textOf);
    const pack = await (this.pack ??= this.stored().catch(() => null));
    if (!pack) return { spans: texts.map(() => []), names: NOTHING, read: NOTHING_READ };
    if (this.ready?.pack !== pack) this.ready = { pack, matcher: packMatcher(pack) };
    return findPageNames(this.ready.matcher, pack, texts, before);
  }
}
