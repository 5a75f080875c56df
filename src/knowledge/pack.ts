// The knowledge pack: everything the extension knows, compiled at build time from the article and the
// entity file, so the extension never parses or fetches anything at run time.
import { parseArticle, ArticleError, type Article } from './article';
import { ENTITY_IDS, parseEntityFile, type Entity, type EntityFile, type EntityId } from './entities';
import type { Mention } from './matcher';
import { buildCard, type CardContent } from './card-content';
import { compileKnowledge } from './knowledge';
import type { ArticleSource } from './source';

/** The bundled article's id among sources. */
export const BUNDLED_SOURCE_ID = 'bundled';

export interface ArticleMention extends Mention {
  readonly sentence: number;
}

export interface Pack {
  readonly source: EntityFile['source'];
  readonly entities: readonly Entity[];
  readonly article: Article;
  /** Mentions per sentence id, offsets into that sentence's text. */
  readonly mentions: readonly (readonly Mention[])[];
  readonly cards: Readonly<Record<EntityId, CardContent>>;
}

/** What the content script needs of the pack: no article body, only the sentences its cards quote. */
export interface CardPack {
  readonly source: Pack['source'];
  readonly entities: Pack['entities'];
  readonly cards: Pack['cards'];
  /** Mentions per quoted sentence id. */
  readonly mentions: Readonly<Record<number, readonly Mention[]>>;
}

/** Keeps a content script small: it ships on every page, the article page has the full pack. */
export function cardPack(pack: Pack): CardPack {
  const quoted = new Set(Object.values(pack.cards).flatMap((c) => c.facts.map((f) => f.sentence)));
  const mentions: Record<number, readonly Mention[]> = {};
  for (const id of [...quoted].sort((a, b) => a - b)) mentions[id] = pack.mentions[id] ?? [];
  return { source: pack.source, entities: pack.entities, cards: pack.cards, mentions };
}

export function compilePack(articleText: string, entityJson: string): Pack {
  const article = parseArticle(articleText);
  const file = parseEntityFile(entityJson);
  // The same compiler as for every source the user adds: the bundled article is simply the first source.
  const knowledge = compileKnowledge({ builtin: file.entities, sources: [bundledSource(article, file)] });
  const isBuiltin = (m: Mention<string>): m is Mention => (ENTITY_IDS as readonly string[]).includes(m.entity);
  const mentions = (knowledge.mentions.get(BUNDLED_SOURCE_ID) ?? []).map((ms) => ms.filter(isBuiltin));
  const cards = {} as Record<EntityId, CardContent>;
  for (const entity of file.entities) {
    if (!mentions.some((ms) => ms.some((m) => m.entity === entity.id))) {
      throw new ArticleError(`article: never mentions ${entity.id} (${entity.name}), so its card would be empty`);
    }
    const body = article.sentences.map((s) => s.text).join(' ');
    if (!body.includes(entity.description)) {
      throw new ArticleError(
        `entities file: description of ${entity.id} ("${entity.description}") is not in the article's words`,
      );
    }
    cards[entity.id] = buildCard(entity, file.entities, article, mentions);
  }
  return { source: file.source, entities: file.entities, article, mentions, cards };
}

/** The bundled article as a source. It has no title of its own: pages name it "the bundled article". */
export function bundledSource(article: Article, file: EntityFile): ArticleSource {
  return { id: BUNDLED_SOURCE_ID, title: '', origin: {}, date: String(file.source.year), body: article };
}
