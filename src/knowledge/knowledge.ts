// The knowledge compiler: the one place where sources become entities. The build runs it over the bundled
// article and the built-in entities; the extension runs it again over everything the user added. Pure and
// deterministic: the same inputs, in the same order, give the same entities, ids and joins.
import type { Alias, Exclusion } from './entities';
import { joinCatalogue, nameKey, type Join, type NameIndex } from './merge';
import { compileMatcher, findMentions, firstPass, type Matcher, type Mention } from './matcher';
import { isArticle, isCatalogue, stableId, type ArticleBody, type EntityKind, type Source } from './source';
import { isOrdinaryName, isTooShort } from './ordinary-names';

/** Where an entity's knowledge comes from: a catalogue entry it is made of. */
export interface EntryRef {
  readonly source: string;
  readonly key: string;
}

export interface KnownEntity {
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  /** The names it is recognised by on pages: none of them belongs to another entity. */
  readonly aliases: readonly Alias[];
  readonly exclusions: readonly Exclusion[];
  /** Every name its sources give it (shown as "also called"), recognised or not, name first. */
  readonly names: readonly string[];
  readonly origin: 'builtin' | 'user' | 'catalogue';
  /** The catalogue entries it is made of, in import order. */
  readonly entries: readonly EntryRef[];
  /** The articles that mention it. */
  readonly articles: readonly string[];
  /** What the user wrote about it (a name of their own): shown as their words, never as a source's. */
  readonly note?: string;
  /**
   * A name several entries of a catalogue share and no entity took (malpedia's Ursnif, for Gozi and Snifula): the
   * entity stands for the name, its entries are every entry it is given to.
   */
  readonly shared?: true;
}

/** What recognising an entity takes: its names and rules (a content script gets no more than this). */
export type MatchingEntity = Pick<KnownEntity, 'id' | 'name' | 'kind' | 'aliases' | 'exclusions'>;

/** A built-in entity (assets/entities.json): curated names and rules. */
export type BuiltinEntity = MatchingEntity;

/** A name the user added by hand. */
export interface UserEntity {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly kind: EntityKind;
  readonly note: string;
}

export interface KnowledgeInput {
  readonly builtin: readonly BuiltinEntity[];
  readonly user?: readonly UserEntity[];
  /** In the order they were added: earlier catalogues keep a shared name. */
  readonly sources: readonly Source[];
  /**
   * Catalogues and entities made strict: every name such a catalogue brings, and every name of such an
   * entity, is recognised only with evidence nearby (on pages and in articles alike), even on a page about
   * security.
   */
  readonly strict?: ReadonlySet<string>;
}

export interface Knowledge {
  readonly entities: readonly KnownEntity[];
  /** Every catalogue entry that joined an existing entity, and why. */
  readonly joins: readonly Join[];
  /** Per article source: its mentions, per sentence id. */
  readonly mentions: ReadonlyMap<string, readonly (readonly Mention<string>[])[]>;
}

export const userEntityId = (name: string): string => stableId('user', name);

/** A mutable entity while compiling. */
interface Draft {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: Alias[];
  exclusions: readonly Exclusion[];
  names: string[];
  origin: KnownEntity['origin'];
  entries: EntryRef[];
  articles: string[];
  note?: string;
  shared?: true;
}

/**
 * Gives `draft` a name to be recognised by, unless another entity owns it. An entity's own name wins over
 * another's alias (ATT&CK's Axiom is recognised as Axiom, though MISP lists Axiom among APT17's synonyms).
 */
function addName(draft: Draft, name: string, primary: boolean, index: NameIndex, byId: ReadonlyMap<string, Draft>, fromCatalogue: 'strict' | boolean = false): void {
  const text = name.replace(/\s+/gu, ' ').trim();
  if (text === '') return;
  // Shown among its names, never recognised: one character says nothing of which entity is meant.
  if (isTooShort(text)) {
    if (!draft.names.includes(text)) draft.names.push(text);
    return;
  }
  const key = nameKey(text);
  if (!draft.names.some((n) => nameKey(n) === key)) draft.names.push(text);
  const owner = index.get(key);
  if (owner && owner.id !== draft.id && primary && !owner.primary) {
    const previous = byId.get(owner.id);
    if (previous) previous.aliases = previous.aliases.filter((a) => nameKey(a.text) !== key);
    index.set(key, { id: draft.id, primary });
  } else if (!owner) index.set(key, { id: draft.id, primary });
  // Case variants of an owned name ("APT 28" beside "APT28") are each recognised as written.
  if (index.get(key)?.id === draft.id && !draft.aliases.some((a) => a.text === text)) {
    // A catalogue's ordinary word (Mirage, GOP) only with evidence (nearby, or the page's being about security),
    // as written or in capitals alike; every name of a catalogue the user made strict only with evidence nearby.
    // A catalogue's name also in other cases: catalogues write one name several ways (malpedia's MimiKatz and
    // HttpBrowser are ATT&CK's Mimikatz and HTTPBrowser).
    const guard = fromCatalogue === 'strict' ? 'strict' as const : fromCatalogue && isOrdinaryName(text) ? 'evidence' as const : null;
    draft.aliases.push({ text, ...(fromCatalogue ? { caps: 'any-case' as const } : {}), ...(guard ? { guard } : {}) });
  }
}

/**
 * Mentions per sentence, read paragraph by paragraph: the evidence an ordinary-word name needs (a word of the
 * trade, a group named) may stand in the sentence before, or be the article's being about security, as for a page.
 */
function articleMentions(body: ArticleBody, matcher: Matcher<string>): Mention<string>[][] {
  const out: Mention<string>[][] = body.sentences.map(() => []);
  const { aboutSecurity } = firstPass([body.sentences.map((s) => s.text).join(' ')], matcher);
  for (const ids of body.paragraphs) {
    const starts: number[] = [];
    let text = '';
    for (const id of ids) {
      starts.push(text.length);
      text += `${body.sentences[id]!.text} `;
    }
    for (const m of findMentions(text, matcher, aboutSecurity)) {
      const k = starts.findLastIndex((s) => s <= m.start);
      const id = ids[k]!;
      const at = starts[k]!;
      if (m.end - at <= body.sentences[id]!.text.length) out[id]!.push({ entity: m.entity, start: m.start - at, end: m.end - at });
    }
  }
  return out;
}

export function compileKnowledge(input: KnowledgeInput): Knowledge {
  const drafts: Draft[] = [];
  const byId = new Map<string, Draft>();
  const index: NameIndex = new Map();
  const add = (draft: Draft): Draft => {
    drafts.push(draft);
    byId.set(draft.id, draft);
    return draft;
  };

  for (const b of input.builtin) {
    const draft = add({ ...b, aliases: [], names: [], origin: 'builtin', entries: [], articles: [] });
    // Built-in aliases keep their own rules (STRONTIUM only in capitals).
    for (const a of b.aliases) {
      index.set(nameKey(a.text), { id: draft.id, primary: true }); // curated: as strong as a name
      draft.aliases.push(a);
      if (!draft.names.some((n) => nameKey(n) === nameKey(a.text))) draft.names.push(a.text);
    }
  }
  for (const u of input.user ?? []) {
    if (byId.has(u.id)) continue;
    const draft = add({ id: u.id, name: u.name, kind: u.kind, aliases: [], exclusions: [], names: [], origin: 'user', entries: [], articles: [], note: u.note });
    for (const [i, n] of [u.name, ...u.aliases].entries()) addName(draft, n, i === 0, index, byId);
  }

  const joins: Join[] = [];
  /** Names two entries of one catalogue share, by key: each entry it is given to, and what they are. */
  const shared = new Map<string, { text: string; source: string; entries: EntryRef[]; kinds: Set<EntityKind> }>();
  for (const source of input.sources.filter(isCatalogue)) {
    for (const step of joinCatalogue(source, index, (id) => byId.get(id)?.kind)) {
      const entry = step.entry;
      if (entry.name.trim() === '') continue; // (the importers refuse such an entry: it names nothing)
      let draft = step.joins ? byId.get(step.joins.entity) : undefined;
      if (draft && step.joins) {
        joins.push(step.joins);
      } else {
        const id = stableId('ent', source.id, entry.key);
        draft = byId.get(id) ?? add({ id, name: entry.name, kind: entry.kind, aliases: [], exclusions: [], names: [], origin: 'catalogue', entries: [], articles: [] });
      }
      draft.entries.push({ source: source.id, key: entry.key });
      for (const [i, n] of [entry.name, ...entry.aliases].entries()) {
        // A name two entries of this catalogue share is recognised for neither (it would say nothing of which one
        // is meant), unless it is the entry's own name and only an alias of the others: it may stand for itself (below).
        if (step.shared.has(nameKey(n)) && !(n === entry.name && step.ownName)) {
          const text = n.replace(/\s+/gu, ' ').trim();
          if (!draft.names.some((x) => nameKey(x) === nameKey(n))) draft.names.push(text);
          const key = nameKey(n);
          let name = shared.get(key);
          if (!name) shared.set(key, (name = { text, source: source.id, entries: [], kinds: new Set() }));
          if (!name.entries.some((r) => r.source === source.id && r.key === entry.key)) name.entries.push({ source: source.id, key: entry.key });
          name.kinds.add(entry.kind);
        } else {
          addName(draft, n, i === 0 && !step.joins, index, byId, input.strict?.has(source.id) ? 'strict' : true);
        }
      }
    }
  }

  // A shared name that no entity took is recognised all the same, as an entity of its own whose card cites every
  // entry it is given to (malpedia's Ursnif: Gozi and Snifula): the page does not say which one it means, and
  // neither does the card. Only with evidence nearby, as an ordinary word: a name several things answer to is
  // often a description (threat actors' "PLA Navy") that means something else on a page not about security.
  // Made last, so that it never takes a name from an entity or draws a join.
  for (const [key, name] of shared) {
    if (index.has(key) || isTooShort(name.text) || name.entries.length < 2) continue;
    add({
      id: stableId('ent', name.source, 'shared', key), name: name.text, kind: name.kinds.size === 1 ? [...name.kinds][0]! : 'other',
      aliases: [{ text: name.text, caps: 'any-case', guard: 'evidence' }], exclusions: [], names: [name.text],
      origin: 'catalogue', entries: name.entries, articles: [], shared: true,
    });
  }

  for (const d of drafts) if (input.strict?.has(d.id)) d.aliases = d.aliases.map((a) => ({ ...a, guard: 'strict' }));
  const matcher = compileMatcher(drafts.filter((d) => d.aliases.length > 0));
  const mentions = new Map<string, readonly (readonly Mention<string>[])[]>();
  for (const source of input.sources.filter(isArticle)) {
    const found = articleMentions(source.body, matcher);
    mentions.set(source.id, found);
    const named = new Set(found.flat().map((m) => m.entity));
    for (const id of named) byId.get(id)?.articles.push(source.id);
  }

  const entities = drafts.map(({ note, ...d }): KnownEntity => ({ ...d, ...(note !== undefined ? { note } : {}) }));
  return { entities, joins, mentions };
}
