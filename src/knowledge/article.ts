// The bundled article: "body ||| summary". Split into paragraphs (blank lines) and sentences
// (Intl.Segmenter), so a card can quote a sentence and the article page can scroll to it.

export interface Sentence {
  readonly id: number;
  readonly paragraph: number;
  readonly text: string;
}

export interface Article {
  readonly paragraphs: readonly (readonly number[])[];
  readonly sentences: readonly Sentence[];
  readonly summary: string;
}

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

  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const paragraphs: number[][] = [];
  const sentences: Sentence[] = [];
  for (const block of body.split(/\n\s*\n/u)) {
    const texts = [...segmenter.segment(block)].map((s) => s.segment.replace(/\s+/gu, ' ').trim()).filter(Boolean);
    if (texts.length === 0) continue;
    const paragraph = paragraphs.length;
    paragraphs.push(texts.map((text) => sentences.push({ id: sentences.length, paragraph, text }) - 1));
  }
  return { paragraphs, sentences, summary: summary.replace(/\s+/gu, ' ') };
}
