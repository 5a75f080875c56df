// Plain text and Markdown files as articles: what an analyst saves from a report or writes up by hand.
import { segmentText } from '../segment';
import { normaliseDate, stableId, type ArticleSource } from '../source';
import { ImportError } from './import-error';
import { markdownToText } from './markdown-text';

export interface TextMeta {
  readonly title: string;
  readonly date?: string | undefined;
  readonly site?: string | undefined;
  readonly url?: string | undefined;
  /** BCP 47 tag of the text, for sentence boundaries; English when unknown. */
  readonly lang?: string | undefined;
}

export function importText(input: string, file: string, meta: TextMeta): ArticleSource {
  const title = meta.title.trim();
  if (title === '') throw new ImportError(file, 'has no title');
  const normalised = input.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  // Sentence segmentation ends a sentence at every line break: lines wrapped inside a paragraph are joined.
  const plain = /\.(?:md|markdown)$/iu.test(file)
    ? markdownToText(normalised)
    : normalised.split(/\n[^\S\n]*\n\s*/u).map((paragraph) => paragraph.replace(/\s*\n\s*/gu, ' ')).join('\n\n');
  const lang = meta.lang?.trim() || undefined;
  const { paragraphs, sentences } = segmentText(plain, lang);
  if (sentences.length === 0) throw new ImportError(file, 'holds no text');
  const date = normaliseDate(meta.date);
  const site = meta.site?.trim();
  const url = meta.url?.trim();
  return {
    id: stableId('src', 'article', url || file),
    title,
    origin: { file, ...(site ? { site } : {}), ...(url ? { url } : {}) },
    ...(date ? { date } : {}),
    body: { type: 'article', paragraphs, sentences, ...(lang ? { lang } : {}) },
  };
}
