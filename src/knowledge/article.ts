// The bundled article's file format: "body ||| summary". The body is segmented like any imported article.
import { segmentText } from './segment';
import type { ArticleBody } from './source';

export type { Sentence } from './source';
export type Article = ArticleBody & { readonly summary: string };

export class ArticleError extends Error {
  override name = 'ArticleError';
}

const SEPARATOR = '|||';

export function parseArticle(raw: string): Article {
  if (raw.includes('\u0000')) throw new ArticleError('article: contains a NUL character; is it a binary file?');
  const parts = raw.split(SEPARATOR);
  if (parts.length !== 2) {
    throw new ArticleError(
      `article: expected the body, then "${SEPARATOR}", then the summary; found ${parts.length - 1} "${SEPARATOR}" separators`,
    );
  }
  const [body = '', summary = ''] = parts.map((p) => p.trim());
  if (body === '') throw new ArticleError('article: the body before "|||" is empty');
  if (summary === '') throw new ArticleError('article: the summary after "|||" is empty');
  return { type: 'article', ...segmentText(body, 'en'), summary: summary.replace(/\s+/gu, ' '), lang: 'en' };
}
