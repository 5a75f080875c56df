// Article text into paragraphs (blank lines) and sentences (Intl.Segmenter), so that a card can quote one
// sentence and the reader page can scroll to it. Shared by the bundled article and every imported one.
import type { ArticleBody, Sentence } from './source';

export type Segmented = Pick<ArticleBody, 'paragraphs' | 'sentences'>;

/** Splits `text` into paragraphs on blank lines and into sentences by the rules of `lang`; white space is collapsed. */
export function segmentText(text: string, lang = 'en'): Segmented {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'sentence' }); // a malformed language tag from a page
  }
  const paragraphs: number[][] = [];
  const sentences: Sentence[] = [];
  for (const block of text.split(/\n\s*\n/u)) {
    const texts = [...segmenter.segment(block)].map((s) => s.segment.replace(/\s+/gu, ' ').trim()).filter(Boolean);
    if (texts.length === 0) continue;
    const paragraph = paragraphs.length;
    paragraphs.push(texts.map((t) => sentences.push({ id: sentences.length, paragraph, text: t }) - 1));
  }
  return { paragraphs, sentences };
}
