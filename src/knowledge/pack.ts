// The knowledge pack: everything the extension knows, compiled at build time from the article and the
// entity file, so the extension never parses or fetches anything at run time.
import { parseArticle, ArticleError, type Article } from './article';
import { ENTITY_IDS, isBuiltinId, parseEntityFile, type Entity, type EntityFile, type BuiltinId } from './entities';
import type { Mention } from './matcher';
import { buildCard, type CardContent } from './card-content';
import { compileKnowledge, type MatchingEntity } from './knowledge';
import { buildEntityCard, type EntityCard } from './entity-card';
import { BUNDLED_SOURCE_ID, type ArticleSource } from './source';


export interface ArticleMention extends Mention {
  readonly sentence: number;
}

export interface Pack {
  readonly source: EntityFile['source'];
  readonly entities: readonly Entity[];
  readonly article: Article;
  /** Mentions per sentence id, offsets into that sentence's text. */
  readonly mentions: readonly (readonly Mention[])[];
  readonly cards: Readonly<Record<BuiltinId, CardContent>>;
}

/**
 * What the content script carries: the built-in names and their cards, ready to show. It ships on every page,
 * so no article body; the background gives the cards of everything the user added (../entity-card).
 */
export interface CardPack {
  readonly entities: readonly MatchingEntity[];
  readonly cards: Readonly<Record<BuiltinId, EntityCard>>;
}

export function cardPack(pack: Pack): CardPack {
  const source = bundledSource(pack.article, { source: pack.source, entities: pack.entities });
  const knowledge = compileKnowledge({ builtin: pack.entities, sources: [source] });
  const sources = new Map([[source.id, source]]);
  const cards = {} as Record<BuiltinId, EntityCard>;
  for (const e of knowledge.entities) {
    const lead = pack.entities.find((b) => b.id === e.id)?.description;
    if (isBuiltinId(e.id)) cards[e.id] = buildEntityCard(e, knowledge, sources, { pinned: source.id, ...(lead ? { lead } : {}) });
  }
  return { entities: pack.entities.map(({ id, name, kind, aliases, exclusions }) => ({ id, name, kind, aliases, exclusions })), cards };
}

export function compilePack(articleText: string, entityJson: string): Pack {
  const article = parseArticle(articleText);
  const file = parseEntityFile(entityJson);
  // The same compiler as for every source the user adds: the bundled article is simply the first source.
  const knowledge = compileKnowledge({ builtin: file.entities, sources: [bundledSource(article, file)] });
  const isBuiltin = (m: Mention<string>): m is Mention => (ENTITY_IDS as readonly string[]).includes(m.entity);
  const mentions = (knowledge.mentions.get(BUNDLED_SOURCE_ID) ?? []).map((ms) => ms.filter(isBuiltin));
  const cards = {} as Record<BuiltinId, CardContent>;
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
