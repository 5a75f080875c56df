// The knowledge compiler and merging, on small catalogues made for each rule (the real samples are in
// knowledge-samples.test.ts): what joins an entity, what never does, and which sources an entity knows.
import { describe, expect, it } from 'vitest';
import { compileKnowledge, userEntityId, type KnowledgeInput, type KnownEntity } from '../../src/knowledge/knowledge';
import { parseEntityFile } from '../../src/knowledge/entities';
import { bundledSource } from '../../src/knowledge/pack';
import { parseArticle } from '../../src/knowledge/article';
import { segmentText } from '../../src/knowledge/segment';
import type { ArticleSource, CatalogueEntry, CatalogueSource, EntityKind } from '../../src/knowledge/source';
import { articleText, entitiesText } from '../support/pack';

const file = parseEntityFile(entitiesText);
const bundled = bundledSource(parseArticle(articleText), file);

function entry(name: string, aliases: string[] = [], kind: EntityKind = 'group', description = `About ${name}.`): CatalogueEntry {
  return { key: `k-${name}`, name, aliases, kind, description, references: [] };
}
function catalogue(id: string, entries: CatalogueEntry[]): CatalogueSource {
  return { id, title: `Catalogue ${id}`, origin: { file: `${id}.json` }, body: { type: 'catalogue', entries } };
}
function article(id: string, text: string): ArticleSource {
  return { id, title: `Article ${id}`, origin: { url: `https://example.org/${id}` }, date: '2024-01-02', body: { type: 'article', ...segmentText(text) } };
}
const compile = (extra: Partial<KnowledgeInput> = {}) =>
  compileKnowledge({ builtin: file.entities, sources: [bundled, ...(extra.sources ?? [])], ...(extra.user ? { user: extra.user } : {}) });
const named = (entities: readonly KnownEntity[], name: string): KnownEntity => {
  const found = entities.filter((e) => e.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};
const recognised = (e: KnownEntity): string[] => e.aliases.map((a) => a.text);

describe('the built-in knowledge', () => {
  it('is the three entities, each spoken of by the bundled article', () => {
    const k = compile();
    expect(k.entities.map((e) => e.id)).toEqual(['pawn-storm', 'macron', 'trend-micro']);
    for (const e of k.entities) expect(e.articles).toEqual(['bundled']);
    expect(k.joins).toEqual([]);
  });
});

describe('case', () => {
  it('recognises a catalogue’s names in other cases too, never the built-in names or the user’s own', () => {
    const k = compile({
      sources: [catalogue('c1', [entry('MimiKatz', ['Evilbunny'], 'tool'), entry('Sofacy', ['Grizzly Steppe'])])],
      user: [{ id: 'user-a', name: 'HttpBrowser', aliases: [], kind: 'malware', note: '' }],
    });
    const caps = (e: KnownEntity): Record<string, string | undefined> => Object.fromEntries(e.aliases.map((a) => [a.text, a.caps]));
    expect(caps(named(k.entities, 'MimiKatz'))).toEqual({ MimiKatz: 'any-case', Evilbunny: 'any-case' });
    expect(named(k.entities, 'MimiKatz').aliases.find((a) => a.text === 'Evilbunny')!.guard).toBe('evidence');
    // The built-in entity keeps its curated rules; the catalogue's name it joins is the catalogue's.
    const ps = caps(named(k.entities, 'Pawn Storm'));
    expect(ps['Pawn Storm']).toBeUndefined();
    expect(ps['STRONTIUM']).toBe('exact');
    expect(ps['Grizzly Steppe']).toBe('any-case');
    expect(caps(named(k.entities, 'HttpBrowser'))).toEqual({ HttpBrowser: undefined });
  });
});

describe('merging', () => {
  it('joins a catalogue entry to the entity that owns its name, and records the join', () => {
    const k = compile({ sources: [catalogue('c1', [entry('Sofacy', ['APT28', 'Pawn Storm', 'Fancy Bear', 'Sednit', 'Grizzly Steppe'])])] });
    expect(k.entities).toHaveLength(3);
    const ps = named(k.entities, 'Pawn Storm');
    expect(ps.entries).toEqual([{ source: 'c1', key: 'k-Sofacy' }]);
    expect(recognised(ps)).toContain('Grizzly Steppe');
    expect(k.joins).toEqual([{ source: 'c1', sourceTitle: 'Catalogue c1', entry: 'Sofacy', key: 'k-Sofacy', entity: 'pawn-storm', via: 'Sofacy' }]);
  });
  it('never joins on a name two entries of the same catalogue share, and recognises it for neither, but as itself', () => {
    const k = compile({ sources: [catalogue('c1', [entry('Alpha', ['Sednit', 'Mirage', 'X-Agent 2']), entry('Beta', ['Sednit', 'Mirage', 'X-Agent 2'])])] });
    expect(k.joins).toEqual([]);
    const alpha = named(k.entities, 'Alpha');
    const beta = named(k.entities, 'Beta');
    expect(recognised(alpha)).toEqual(['Alpha']);
    expect(recognised(beta)).toEqual(['Beta']);
    expect(alpha.names).toContain('Mirage'); // still shown as "also called"
    // The name no entity took is recognised as itself, citing both entries (an ordinary word: with evidence).
    const mirage = named(k.entities, 'Mirage');
    expect(mirage).toMatchObject({ shared: true, kind: 'group', origin: 'catalogue', entries: [{ source: 'c1', key: 'k-Alpha' }, { source: 'c1', key: 'k-Beta' }] });
    expect(mirage.aliases).toEqual([{ text: 'Mirage', caps: 'any-case', guard: 'evidence' }]);
    // A distinctive one too (a name several things answer to is often a description: "PLA Navy").
    expect(named(k.entities, 'X-Agent 2').aliases).toEqual([{ text: 'X-Agent 2', caps: 'any-case', guard: 'evidence' }]);
    // One an entity owns (Sednit is Pawn Storm's) is no such entity.
    expect(k.entities.filter((e) => e.shared).map((e) => e.name)).toEqual(['Mirage', 'X-Agent 2']);
  });
  it('keeps an entry its own name when another entry only lists it as an alias', () => {
    const k = compile({ sources: [catalogue('c1', [entry('Mirage', ['Vixen Panda']), entry('Ke3chang', ['Mirage', 'APT15'])])] });
    expect(recognised(named(k.entities, 'Mirage'))).toEqual(['Mirage', 'Vixen Panda']);
    expect(recognised(named(k.entities, 'Ke3chang'))).toEqual(['Ke3chang', 'APT15']);
  });
  it('lets an entity take at most one entry of each catalogue', () => {
    const k = compile({ sources: [catalogue('c1', [entry('APT28', ['Fancy Bear']), entry('Sednit Gang', ['Sednit'])])] });
    expect(named(k.entities, 'Pawn Storm').entries).toEqual([{ source: 'c1', key: 'k-APT28' }]);
    const other = named(k.entities, 'Sednit Gang');
    expect(recognised(other)).toEqual(['Sednit Gang']); // Sednit stays Pawn Storm's
  });
  it('does not join things of different kinds', () => {
    const k = compile({ sources: [catalogue('c1', [entry('Sofacy', ['Sednit'], 'malware')])] });
    expect(k.joins).toEqual([]);
    expect(named(k.entities, 'Pawn Storm').entries).toEqual([]);
    expect(k.entities.filter((e) => e.name === 'Sofacy')).toHaveLength(1);
  });
  it('joins neither of two entities its names point at, unless its own name settles it', () => {
    const k = compile({ sources: [catalogue('c1', [entry('Mixed Bag', ['Sednit', 'Macron'], 'other')])] });
    expect(k.joins).toEqual([]);
    const settled = compile({ sources: [catalogue('c1', [entry('Macron', ['Sednit'], 'other')])] });
    expect(settled.joins.map((j) => j.entity)).toEqual(['macron']);
  });
  it('chains across catalogues without fusing unrelated entities', () => {
    const k = compile({
      sources: [
        catalogue('c1', [entry('Turla', ['Snake', 'Venomous Bear']), entry('Sandworm', ['Voodoo Bear'])]),
        catalogue('c2', [entry('Venomous Bear', ['Turla', 'Voodoo Bear'])]), // one name of each: Turla is named twice
      ],
    });
    const turla = named(k.entities, 'Turla');
    expect(turla.entries.map((e) => e.source)).toEqual(['c1', 'c2']);
    expect(named(k.entities, 'Sandworm').entries.map((e) => e.source)).toEqual(['c1']);
  });
  it('is deterministic: the same inputs give the same entities and ids', () => {
    const sources = [catalogue('c1', [entry('Turla', ['Snake']), entry('Lazarus Group', ['HIDDEN COBRA'])])];
    expect(compile({ sources })).toEqual(compile({ sources }));
  });
});

describe('articles as sources', () => {
  it('makes an article a source of every known name it mentions', () => {
    const a = article('a1', 'Researchers tied the attack to Fancy Bear. Turla was not involved.\n\nEmmanuel Macron said nothing.');
    const k = compile({ sources: [catalogue('c1', [entry('Turla')]), a] });
    expect(named(k.entities, 'Pawn Storm').articles).toEqual(['bundled', 'a1']);
    expect(named(k.entities, 'Turla').articles).toEqual(['a1']);
    expect(named(k.entities, 'Trend Micro').articles).toEqual(['bundled']);
    expect(k.mentions.get('a1')!.flat().map((m) => m.entity)).toContain('pawn-storm');
  });
  it('lets the longest name win across entities', () => {
    const a = article('a1', 'Sandworm Team hackers struck again; Sandworm alone is the other one.');
    const k = compile({ sources: [catalogue('c1', [entry('Sandworm'), entry('Sandworm Team')]), a] });
    const found = k.mentions.get('a1')!.flat().map((m) => [a.body.sentences[0]!.text.slice(m.start, m.end), k.entities.find((e) => e.id === m.entity)!.name]);
    expect(found).toEqual([['Sandworm Team', 'Sandworm Team'], ['Sandworm', 'Sandworm']]);
  });
  it('gives a name of the user’s own the articles already there that mention it', () => {
    const a = article('a1', 'The Kimsuky operators reused the same server.');
    const user = [{ id: userEntityId('Kimsuky'), name: 'Kimsuky', aliases: ['Velvet Chollima'], kind: 'group' as const, note: 'North Korean, per my notes.' }];
    const k = compile({ sources: [a], user });
    const kimsuky = named(k.entities, 'Kimsuky');
    expect(kimsuky.articles).toEqual(['a1']);
    expect(kimsuky.origin).toBe('user');
    expect(kimsuky.note).toBe('North Korean, per my notes.');
  });
});
