// What a card says about an entity, source by source: for an article, its most informative sentences about
// the entity; for a catalogue entry, its description; for a name of the user's own, their note (as theirs).
// Every quote is a source's own words, picked and ordered here, never written.
import { rankSentences } from './card-content';
import type { KnownEntity, Knowledge } from './knowledge';
import { parseRichText, type Run } from './rich-text';
import { isArticle, type ArticleSource, type EntityKind, type Reference, type Source } from './source';

export interface SourceLine {
  readonly id: string;
  readonly title: string;
  readonly date?: string;
  readonly site?: string;
  readonly url?: string;
  readonly file?: string;
  readonly licence?: string;
  readonly type: 'article' | 'catalogue';
}

export interface QuotedSentence {
  readonly sentence: number;
  readonly text: string;
  /** Where the entity is named in it (offsets into text). */
  readonly marks: readonly { readonly start: number; readonly end: number }[];
}

export type Citation =
  | { readonly type: 'article'; readonly source: SourceLine; readonly quotes: readonly QuotedSentence[]; readonly sentenceCount: number }
  | {
    readonly type: 'catalogue'; readonly source: SourceLine; readonly entry: string; readonly name: string;
    readonly description: readonly Run[]; readonly references: readonly Reference[];
  };

/** Another entity an article names in the same sentence, and where. */
export interface Related {
  readonly entity: string;
  readonly name: string;
  readonly source: string;
  readonly sentence: number;
}

export interface EntityCard {
  readonly entity: string;
  readonly name: string;
  readonly kind: EntityKind;
  /** What it is, in the pinned article's own words (the built-in names: "active cyber espionage actor group"). */
  readonly about?: string;
  /** The other names its sources give it, in their order. */
  readonly aliases: readonly string[];
  /** For a name several entries of a catalogue share (see KnownEntity.shared): those entries' names. */
  readonly sharedBy?: readonly string[];
  readonly note?: string;
  readonly citations: readonly Citation[];
  /** The entities its articles name with it, by the first sentence (best ranked) that names both. */
  readonly related: readonly Related[];
  /** Sources that speak of it beyond those cited (the card keeps to a few). */
  readonly moreSources: number;
}

export const QUOTES_PER_ARTICLE = 3;
/** With several sources, each article gives fewer quotes, so that the next source shows without scrolling far. */
export const QUOTES_PER_ARTICLE_AMONG_MANY = 2;
export const CITATIONS_PER_CARD = 6;

function sourceLine(s: Source): SourceLine {
  return {
    id: s.id, title: s.title, type: s.body.type,
    ...(s.date ? { date: s.date } : {}), ...(s.origin.site ? { site: s.origin.site } : {}),
    ...(s.origin.url ? { url: s.origin.url } : {}), ...(s.origin.file ? { file: s.origin.file } : {}),
    ...(s.licence ? { licence: s.licence } : {}),
  };
}

/**
 * An article's sentences about an entity, most informative first. `lead` names words that say what the entity
 * is (the built-in entities' descriptions): the sentence holding them opens the list, as a reader needs it first.
 */
export function articleQuotes(source: ArticleSource, knowledge: Knowledge, entity: string, lead?: string, limit = QUOTES_PER_ARTICLE): { quotes: QuotedSentence[]; count: number; ranked: number[] } {
  const mentions = knowledge.mentions.get(source.id) ?? [];
  const ranked = rankSentences(source.body.sentences, mentions, entity, lead);
  const quotes = ranked.slice(0, limit).map((s) => ({
      sentence: s.id,
      text: s.text,
      marks: (mentions[s.id] ?? []).filter((m) => m.entity === entity).map(({ start, end }) => ({ start, end })),
    }));
  return { quotes, count: ranked.length, ranked: ranked.map((s) => s.id) };
}

/** Newest first; undated last; then by title, so the order never depends on storage order. */
const byDate = (a: Source, b: Source): number =>
  (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

export function buildEntityCard(
  entity: KnownEntity,
  knowledge: Knowledge,
  sources: ReadonlyMap<string, Source>,
  options: { readonly pinned?: string; readonly lead?: string } = {},
): EntityCard {
  const citations: Citation[] = [];
  const articles = entity.articles.map((id) => sources.get(id)).filter((s): s is ArticleSource => !!s && isArticle(s));
  // The pinned source (the bundled article, for the built-in names) keeps its place at the top.
  articles.sort((a, b) => Number(b.id === options.pinned) - Number(a.id === options.pinned) || byDate(a, b));
  const related = new Map<string, Related>();
  const names = new Map(knowledge.entities.map((e) => [e.id, e.name]));
  const many = articles.length + entity.entries.length > 1;
  const articleCitations = articles.map((source): Citation => {
    const lead = source.id === options.pinned ? options.lead : undefined;
    const { quotes, count, ranked } = articleQuotes(source, knowledge, entity.id, lead, many ? QUOTES_PER_ARTICLE_AMONG_MANY : QUOTES_PER_ARTICLE);
    const mentions = knowledge.mentions.get(source.id) ?? [];
    for (const sentence of ranked) {
      for (const m of mentions[sentence] ?? []) {
        if (m.entity === entity.id || related.has(m.entity)) continue;
        related.set(m.entity, { entity: m.entity, name: names.get(m.entity) ?? m.entity, source: source.id, sentence });
      }
    }
    return { type: 'article', source: sourceLine(source), quotes, sentenceCount: count };
  });
  const catalogueCitations: Citation[] = [];
  for (const ref of entity.entries) {
    const source = sources.get(ref.source);
    if (!source || source.body.type !== 'catalogue') continue;
    const entry = source.body.entries.find((e) => e.key === ref.key);
    if (!entry) continue;
    catalogueCitations.push({
      type: 'catalogue', source: sourceLine(source), entry: entry.key, name: entry.name,
      description: parseRichText(entry.description), references: entry.references,
    });
  }
  // Articles first (they are what the reader chose to remember), then catalogues; the bundled article first of all.
  citations.push(...articleCitations, ...catalogueCitations);
  const shown = citations.slice(0, CITATIONS_PER_CARD);
  return {
    entity: entity.id,
    name: entity.name,
    kind: entity.kind,
    ...(options.lead && articles.some((a) => a.id === options.pinned) ? { about: options.lead } : {}),
    aliases: entity.names.filter((n) => n !== entity.name),
    ...(entity.shared ? { sharedBy: catalogueCitations.flatMap((c) => (c.type === 'catalogue' ? [c.name] : [])) } : {}),
    ...(entity.note ? { note: entity.note } : {}),
    citations: shown,
    related: [...related.values()],
    moreSources: citations.length - shown.length,
  };
}
