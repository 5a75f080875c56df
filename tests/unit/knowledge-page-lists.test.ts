// The Knowledge page's pure parts: the names search over thousands of entities, and what its fields mean.
import { describe, expect, it } from 'vitest';
import type { EntitySummary } from '../../src/knowledge/summary';
import { EntityIndex, SHOWN_AT_MOST } from '../../src/knowledge-page/entity-filter';
import { exportFileName, sourceField, splitAliases } from '../../src/knowledge-page/text-input';

const entity = (id: string, name: string, aliases: string[] = [], origin: EntitySummary['origin'] = 'catalogue'): EntitySummary => ({
  id, name, kind: 'group', names: [name, ...aliases], origin, sources: [], enabled: true, strict: false, unmatched: null,
});

describe('the names search', () => {
  const index = new EntityIndex([
    entity('pawn-storm', 'Pawn Storm', ['APT28', 'Fancy Bear', 'Sofacy'], 'builtin'),
    entity('c-1', 'Sofacy Group', ['Sednit']),
    entity('c-2', 'Cozy Bear', ['APT29']),
    entity('u-1', 'Bear Hunters', [], 'user'),
  ]);
  const ids = (query: string): string[] => index.filter(query).shown.map((e) => e.id);

  it('finds an entity by any of its names, whatever the case', () => {
    expect(ids('fancy')).toEqual(['pawn-storm']);
    expect(ids('apt2')).toEqual(['pawn-storm', 'c-2']);
    expect(ids('SEDNIT')).toEqual(['c-1']);
    expect(ids('  sofacy   group ')).toEqual(['c-1']);
    expect(ids('nobody')).toEqual([]);
  });
  it('puts an exact name first, then names that start so, then the rest', () => {
    expect(ids('sofacy')).toEqual(['pawn-storm', 'c-1']);
    expect(ids('bear')).toEqual(['u-1', 'pawn-storm', 'c-2']);
  });
  it('lists the user’s own names first when nothing is searched', () => {
    expect(ids('')).toEqual(['u-1', 'pawn-storm', 'c-1', 'c-2']);
  });
  it('shows at most a hundred, and says how many matched', () => {
    const many = new EntityIndex(Array.from({ length: 4700 }, (_, i) => entity(`e-${i}`, `Group ${i}`, [`Alias ${i}`])));
    const all = many.filter('');
    expect(all.shown).toHaveLength(SHOWN_AT_MOST);
    expect(all.total).toBe(4700);
    const some = many.filter('alias 1');
    expect(some.shown).toHaveLength(100);
    // Alias 1, 10–19, 100–199, 1000–1999.
    expect(some.total).toBe(1111);
    expect(some.shown[0]!.id).toBe('e-1');
  });
});

describe('the page’s fields', () => {
  it('splits aliases at commas, semicolons and line breaks, dropping blanks, repeats and the name itself', () => {
    expect(splitAliases('APT28, Fancy Bear;Sofacy\n\n  sednit \r\nfancy bear,pawn storm', 'Pawn Storm')).toEqual(['APT28', 'Fancy Bear', 'Sofacy', 'sednit']);
    expect(splitAliases(' ,; ')).toEqual([]);
  });
  it('reads a web address as the URL of a text file’s source, anything else as its site', () => {
    expect(sourceField(' https://example.com/a ')).toEqual({ url: 'https://example.com/a' });
    expect(sourceField('HTTP://example.com')).toEqual({ url: 'HTTP://example.com' });
    expect(sourceField('Le Monde')).toEqual({ site: 'Le Monde' });
    expect(sourceField('example.com/https://x')).toEqual({ site: 'example.com/https://x' });
    expect(sourceField('  ')).toEqual({});
  });
  it('dates the export by the local calendar', () => {
    expect(exportFileName(new Date(2025, 0, 5, 23, 59))).toBe('backstory-knowledge-2025-01-05.json');
  });
});
