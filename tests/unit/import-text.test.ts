// Text and Markdown files as articles: Markdown reduced to its prose, paragraphs kept, sentences cut.
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/knowledge/import/text';
import type { ArticleSource } from '../../src/knowledge/source';
import { failure } from '../support/import-failure';

const paragraphs = (source: ArticleSource): string[] =>
  source.body.paragraphs.map((ids) => ids.map((id) => source.body.sentences[id]!.text).join(' '));

describe('text import', () => {
  it('reads a plain text file as paragraphs of sentences', () => {
    const source = importText('First one. Second one.\r\n\r\nA new paragraph\nwrapped over lines.\n', 'notes.txt', {
      title: ' Notes ', date: '2024-03-05T10:00:00Z', site: 'Example', url: 'https://example.com/notes',
    });
    expect(source.title).toBe('Notes');
    expect(source.date).toBe('2024-03-05');
    expect(source.origin).toEqual({ file: 'notes.txt', site: 'Example', url: 'https://example.com/notes' });
    expect(source.body.sentences.map((s) => s.text)).toEqual(['First one.', 'Second one.', 'A new paragraph wrapped over lines.']);
    expect(source.body.paragraphs).toEqual([[0, 1], [2]]);
  });

  it('names the source by its URL when it has one, else by its file', () => {
    const a = importText('Text.', 'a.txt', { title: 'A', url: 'https://example.com/x' });
    const b = importText('Text.', 'b.txt', { title: 'B', url: 'https://example.com/x' });
    const c = importText('Text.', 'a.txt', { title: 'A' });
    expect(a.id).toBe(b.id);
    expect(c.id).not.toBe(a.id);
    expect(c.origin).toEqual({ file: 'a.txt' });
    expect(c.date).toBeUndefined();
  });

  it('leaves Markdown in a .txt file as it is', () => {
    expect(paragraphs(importText('# Not a heading in a text file.', 'x.txt', { title: 'X' }))).toEqual(['# Not a heading in a text file.']);
  });

  it('reduces Markdown to its prose, one paragraph per block', () => {
    const markdown = [
      '---',
      'title: front matter',
      '---',
      '# Pawn Storm *returns* #',
      'The group, also known as **APT28** or __Fancy Bear__, used `x_mitre_aliases` and snake_case_names.',
      'It is [well',
      'documented](https://example.com/a_(b) "title") and ![a chart](chart.png) [cited][1].',
      '',
      '<!-- a note to self',
      'over two lines -->',
      '> Quoted *words*',
      '> continue here.',
      '',
      '- first item',
      '* second _item_',
      '1. third item',
      '',
      'Setext heading',
      '==============',
      '***',
      '```',
      'evil.example.com',
      '```',
      '| a | b |',
      '|---|---|',
      '[1]: https://example.com/ref',
      'Escaped \\*stars\\* stay, 2 * 3 too &amp; <b>bold</b> goes<br>away ~~struck~~ <https://example.org>.',
    ].join('\n');
    const source = importText(markdown, 'write-up.md', { title: 'Write-up' });
    expect(source.body.sentences.map((s) => s.text).slice(0, 5)).toEqual([
      'Pawn Storm returns',
      'The group, also known as APT28 or Fancy Bear, used x_mitre_aliases and snake_case_names.',
      'It is well documented and cited.',
      'Quoted words continue here.',
      'first item',
    ]);
    expect(paragraphs(source)).toEqual([
      'Pawn Storm returns',
      'The group, also known as APT28 or Fancy Bear, used x_mitre_aliases and snake_case_names. It is well documented and cited.',
      'Quoted words continue here.',
      'first item',
      'second item',
      'third item',
      'Setext heading',
      'evil.example.com',
      'a | b',
      'Escaped *stars* stay, 2 * 3 too & bold goes away struck https://example.org.',
    ]);
  });

  it('reads .markdown too, and a language for sentence boundaries', () => {
    const source = importText('Er sagte: *Hallo.* Dann ging er.', 'n.MARKDOWN', { title: 'N', lang: 'de' });
    expect(source.body.lang).toBe('de');
    expect(source.body.sentences.map((s) => s.text)).toEqual(['Er sagte: Hallo.', 'Dann ging er.']);
  });

  it.each([
    ['', 'empty.txt', 'holds no text'],
    [' \n\n \t\n', 'blank.txt', 'holds no text'],
    ['<!-- only a comment -->\n\n---\n', 'comment.md', 'holds no text'],
    ['![only an image](x.png)', 'image.md', 'holds no text'],
  ])('refuses %j', (text, file, problem) => {
    const error = failure(() => importText(text, file, { title: 'T' }));
    expect(error.message).toBe(`${file}: ${problem}`);
  });

  it('refuses a missing title', () => {
    expect(failure(() => importText('Text.', 'untitled.txt', { title: '  ' })).message).toBe('untitled.txt: has no title');
  });
});
