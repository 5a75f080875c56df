// The bench's page generators: reproducible, the sizes and mention density asked for, and as many mentions
// as they claim, counted by the extension's own matcher over the pages' visible text.
import { describe, expect, it } from 'vitest';
import pack from 'backstory:pack';
import { compileMatcher, findMentions } from '../../src/knowledge/matcher';
import { BLOCK_BREAK } from '../../src/knowledge/text-chars';
import { BREAKING, HIDDEN_TEXT } from '../../src/content/reader/text-layout';
import { newsPage, scrollPage } from '../bench/pages.mjs';
import { mulberry32 } from '../bench/news-text.mjs';
import { withBenchAttribute } from '../bench/corpus.mjs';
import { namesPattern } from '../bench/limit.mjs';

const matcher = compileMatcher(pack.entities);

/** Visible text of generated HTML (no entities, comments or attributes with '>' in them): blocks broken. */
function visibleText(html: string): string {
  const withoutHidden = html.replace(/<(script|style|template|title|head)\b[^]*?<\/\1>/giu, BLOCK_BREAK);
  return withoutHidden.replace(/<\/?([a-z0-9-]+)[^>]*>/giu, (_, tag: string) => (BREAKING.has(tag.toLowerCase()) || HIDDEN_TEXT.has(tag.toLowerCase()) ? BLOCK_BREAK : ''));
}

describe('news pages', () => {
  const small = newsPage({ seed: 101, bytes: 100_000 });
  const large = newsPage({ seed: 102, bytes: 1_000_000 });

  it('are the same bytes for the same seed, and differ with another', () => {
    expect(newsPage({ seed: 101, bytes: 100_000 }).html).toBe(small.html);
    expect(newsPage({ seed: 7, bytes: 100_000 }).html).not.toBe(small.html);
  });

  it('have about the size asked for', () => {
    expect(small.bytes).toBeGreaterThanOrEqual(100_000);
    expect(small.bytes).toBeLessThan(110_000);
    expect(large.bytes).toBeGreaterThanOrEqual(1_000_000);
    expect(large.bytes).toBeLessThan(1_010_000);
  });

  it('hold about one mention per 3 KB of HTML', () => {
    for (const page of [small, large]) {
      expect(page.bytes / page.mentions).toBeGreaterThan(2700);
      expect(page.bytes / page.mentions).toBeLessThan(3300);
    }
  });

  it('hold exactly the mentions they claim, split ones included, as the extension matches them', () => {
    for (const page of [small, large]) expect(findMentions(visibleText(page.html), matcher).length).toBe(page.mentions);
    expect(small.html).toMatch(/Trend <b>Micro<\/b>|<em>Pawn<\/em> Storm|Fancy <span class="term">Bear<\/span>|Emmanuel <strong>Macron<\/strong>/u);
  });

  it('count the same with the baseline RegExp', () => {
    expect(visibleText(large.html).match(new RegExp(namesPattern(), 'g'))?.length).toBe(large.mentions);
  });

  it('never nest links', () => {
    expect(large.html).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<a /su);
  });

  it('opt in to the instrumentation, and a page without mentions has none', () => {
    expect(small.html).toContain('<html lang="en" data-backstory-bench>');
    const none = newsPage({ seed: 105, bytes: 200_000, mentionEveryBytes: null });
    expect(none.mentions).toBe(0);
    expect(findMentions(visibleText(none.html), matcher)).toEqual([]);
  });
});

describe('infinite-scroll page', () => {
  const page = scrollPage({ seed: 106, batches: 20 });

  it('appends one template of 200 paragraphs per batch with its own timing, 20 times', () => {
    const template = /<template id="feed-batch">([^]*?)<\/template>/u.exec(page.html)?.[1] ?? '';
    expect(template.match(/<p class="feed-item">/gu)?.length).toBe(200);
    expect(findMentions(visibleText(template), matcher).length).toBe(page.mentionsPerBatch);
    expect(page.mentionsPerBatch).toBeGreaterThan(15);
    expect(page.html).toContain('state.batches.length === 20');
    expect(page.html).toContain('performance.now() - start');
  });
});

describe('corpus copies', () => {
  it('get the attribute on <html> and keep every other byte', () => {
    const bytes = Buffer.from([...Buffer.from('<!DOCTYPE html>\n<HTML lang=ja>'), 0x82, 0xa0, ...Buffer.from('</HTML>')]);
    const out = withBenchAttribute(bytes);
    expect(out.toString('latin1')).toBe(`<!DOCTYPE html>\n<HTML data-backstory-bench lang=ja>${Buffer.from([0x82, 0xa0]).toString('latin1')}</HTML>`);
    expect(withBenchAttribute(Buffer.from('<p>x')).toString()).toBe('<html data-backstory-bench><p>x');
    expect(withBenchAttribute(Buffer.from('<html>')).toString()).toBe('<html data-backstory-bench>');
  });
});
