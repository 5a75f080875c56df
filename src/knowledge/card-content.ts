// What a card says about an entity: only sentences of the article, chosen and ordered here, never written.
import type { Article } from './article';
import type { Entity, BuiltinId } from './entities';
import type { Mention } from './matcher';

export interface Quote {
  readonly sentence: number;
  readonly text: string;
}

export interface Related {
  readonly entity: BuiltinId;
  readonly name: string;
  /** The sentence that links the two. */
  readonly sentence: number;
}

export interface CardContent {
  readonly entity: BuiltinId;
  readonly name: string;
  readonly kind: Entity['kind'];
  /** What it is, verbatim from the article, and the sentence it comes from. */
  readonly description: Quote;
  /** The most informative sentences about it, best first. */
  readonly facts: readonly Quote[];
  readonly related: readonly Related[];
  /** How many sentences of the article mention it. */
  readonly sentenceCount: number;
}

export const FACTS_PER_CARD = 3;

/**
 * How much a sentence tells about its entity: other entities it links to weigh most, then names, numbers
 * and dates (capitalised words past the first, digits), then length. A heuristic, but a deterministic one.
 */
export function informativeness(text: string, entity: string, mentions: readonly Mention<string>[]): number {
  const others = new Set(mentions.map((m) => m.entity).filter((e) => e !== entity)).size;
  const words = text.split(/\s+/u);
  const named = words.slice(1).filter((w) => /^\p{Lu}/u.test(w)).length;
  const numbers = words.filter((w) => /\p{N}/u.test(w)).length;
  return others * 3 + Math.min(named, 6) * 0.5 + Math.min(numbers, 3) * 0.5 + Math.min(words.length, 40) / 20;
}

/**
 * An article's sentences about an entity, most informative first. The one holding `lead` (the words that say
 * what the entity is) opens the list: it is the one a reader needs first. Shared by the built-in cards and the
 * cards that cite every source (./entity-card).
 */
export function rankSentences<S extends { readonly id: number; readonly text: string }>(
  sentences: readonly S[], mentions: readonly (readonly Mention<string>[])[], entity: string, lead?: string,
): S[] {
  const score = (s: S): number => (lead && s.text.includes(lead) ? 10 : 0) + informativeness(s.text, entity, mentions[s.id] ?? []);
  return sentences
    .filter((s) => mentions[s.id]?.some((m) => m.entity === entity))
    .map((s) => ({ s, score: score(s) }))
    .sort((a, b) => b.score - a.score || a.s.id - b.s.id)
    .map(({ s }) => s);
}

export function buildCard(
  entity: Entity,
  all: readonly Entity[],
  article: Article,
  mentions: readonly (readonly Mention[])[],
): CardContent {
  const ranked = rankSentences(article.sentences, mentions, entity.id, entity.description);
  const described = article.sentences.find((s) => s.text.includes(entity.description));
  const related: Related[] = [];
  for (const other of all) {
    if (other.id === entity.id) continue;
    const link = ranked.find((s) => mentions[s.id]?.some((m) => m.entity === other.id));
    if (link) related.push({ entity: other.id, name: other.name, sentence: link.id });
  }
  return {
    entity: entity.id,
    name: entity.name,
    kind: entity.kind,
    description: { sentence: described?.id ?? 0, text: entity.description },
    facts: ranked.slice(0, FACTS_PER_CARD).map((s) => ({ sentence: s.id, text: s.text })),
    related,
    sentenceCount: ranked.length,
  };
}
