// The knowledge pack: everything the extension knows, compiled at build time from the article and the
// entity file, so the extension never parses or fetches anything at run time.
import { parseArticle, ArticleError, type Article } from './article';
import { parseEntityFile, type Entity, type EntityFile, type EntityId } from './entities';
import { compileMatcher, findMentions, type Mention } from './matcher';
import { buildCard, type CardContent } from './card-content';

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

export function compilePack(articleText: string, entityJson: string): Pack {
  const article = parseArticle(articleText);
  const file = parseEntityFile(entityJson);
  const matcher = compileMatcher(file.entities);
  const mentions = article.sentences.map((s) => findMentions(s.text, matcher));
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
