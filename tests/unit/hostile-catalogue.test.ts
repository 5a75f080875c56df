// A catalogue written to break the matcher: names of one character or none, 10,000 aliases on one entry, names
// that are RegExp syntax. Through the whole path a page takes (compiled, packed, stored and read back by the
// background, whose automaton searches the page's text; then the page's own matcher of the names found, a
// RegExp of them among it): no exception, names matched literally, and what can never be highlighted says why.
import { describe, expect, it } from 'vitest';
import { compileKnowledge } from '../../src/knowledge/knowledge';
import { findMentions } from '../../src/knowledge/matcher';
import { matchingPack, packMatcher, parseMatchingPack, storeMatchingPack } from '../../src/knowledge/matching-pack';
import { PageVocabulary, findPageNames } from '../../src/knowledge/page-names';
import { parseEntityFile } from '../../src/knowledge/entities';
import { summarise } from '../../src/knowledge/summary';
import type { CatalogueEntry, CatalogueSource } from '../../src/knowledge/source';
import { entitiesText } from '../support/pack';

const entry = (key: string, name: string, aliases: string[] = []): CatalogueEntry =>
  ({ key, name, aliases, kind: 'malware', description: '', references: [] });
const many = Array.from({ length: 10_000 }, (_, i) => `Alias${i}`);
const catalogue: CatalogueSource = {
  id: 'hostile', title: 'Hostile', origin: { file: 'hostile.json' },
  body: {
    type: 'catalogue',
    entries: [
      entry('one', 'X'), entry('empty', '', ['   ']), entry('many', 'Manyfold', many),
      entry('cpp', 'C++'), entry('redacted', '[redacted]'), entry('net', '.NET'), entry('star', '*'), entry('re', 'a.*b|(c)', ['(?:', '\\', '$&']),
    ],
  },
};

describe('a hostile catalogue', () => {
  const knowledge = compileKnowledge({ builtin: parseEntityFile(entitiesText).entities, sources: [catalogue] });
  const pack = parseMatchingPack(JSON.parse(JSON.stringify(storeMatchingPack(matchingPack(knowledge, () => true, () => false)))))!;
  const background = packMatcher(pack);
  /** The mentions a page finds: the background searches its text, the page reads it with the names found. */
  const onPage = (text: string) => {
    const answer = findPageNames(background, pack, [text]);
    const page = new PageVocabulary();
    page.add(answer.names);
    return findMentions(text, page.matcher);
  };
  const found = (text: string): string[] => onPage(text).map((m) => text.slice(m.start, m.end));

  it('compiles, and is read back from storage whole', () => {
    expect(pack).not.toBeNull();
    expect(pack.forms.length).toBeGreaterThan(10_000);
  });
  it('matches names that are RegExp syntax literally, and nothing that only their pattern would match', () => {
    const text = 'The malware, written in C++ for .NET, is [redacted] here; a.*b|(c) and (?: too. Not aXXb, c, C, NET or redacted.';
    expect(found(text)).toEqual(['C++', '.NET', '[redacted]', 'a.*b|(c)', '(?:']);
    expect(found('***, X and \\ alone.')).toEqual([]);
  });
  it('finds any of 10,000 aliases of one entry, as that entry', () => {
    const text = 'Seen: Alias0, Alias5000 and Alias9999, not Alias10000.';
    const mentions = onPage(text);
    expect(mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Alias0', 'Alias5000', 'Alias9999']);
    expect(new Set(mentions.map((m) => m.entity)).size).toBe(1);
  });
  it('lists what can never be highlighted with the reason', () => {
    const summary = summarise({ sources: [{ source: catalogue, addedAt: '2026-01-01T00:00:00.000Z', enabled: true }], names: [], switchedOff: [] }, knowledge, () => true);
    const byName = new Map(summary.entities.map((e) => [e.name, e]));
    expect(byName.get('X')!.unmatched).toBe('too-short');
    expect(byName.get('*')!.unmatched).toBe('too-short');
    expect(byName.get('Manyfold')!.unmatched).toBeNull();
    expect(summary.entities.some((e) => e.name === '')).toBe(false);
  });
});
