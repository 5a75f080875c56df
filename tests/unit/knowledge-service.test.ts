// The background's knowledge over a real IndexedDB implementation (fake-indexeddb): adding, replacing,
// switching and removing sources, cards that cite each source, the pack content scripts read, and failures
// that leave what was stored intact.
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { KnowledgeDb, StoreError } from '../../src/background/knowledge-db';
import { KnowledgeService, type Builtin } from '../../src/background/knowledge-service';
import { parseEntityFile } from '../../src/knowledge/entities';
import { bundledSource } from '../../src/knowledge/pack';
import { parseArticle } from '../../src/knowledge/article';
import { segmentText } from '../../src/knowledge/segment';
import { packMatcher, parseMatchingPack, storeMatchingPack, type MatchingPack } from '../../src/knowledge/matching-pack';
import { findMentions } from '../../src/knowledge/matcher';

const ownerOf = (pack: MatchingPack, form: string): string | undefined => pack.ids[pack.owners[pack.forms.indexOf(form)]!];
import type { Collection, StoredSource } from '../../src/knowledge/collection';
import type { Source } from '../../src/knowledge/source';
import { articleText, entitiesText } from '../support/pack';

const file = parseEntityFile(entitiesText);
const builtin: Builtin = {
  entities: file.entities,
  source: bundledSource(parseArticle(articleText), file),
  leads: Object.fromEntries(file.entities.map((e) => [e.id, e.description])),
};

let databases = 0;
function setup(builtinOn: (id: string) => boolean = () => true) {
  const published: MatchingPack[] = [];
  const db = new KnowledgeDb(`test-${++databases}`);
  const service = new KnowledgeService(db, builtin, async () => builtinOn, async (p) => void published.push(p));
  /** Another background over the same database (Chrome restarted its service worker): it reads all back. */
  const restarted = () => new KnowledgeService(new KnowledgeDb(`test-${databases}`), builtin, async () => builtinOn, async () => undefined);
  return { db, service, published, restarted };
}

const misp: Source = {
  id: 'src-misp', title: 'Threat Actor — MISP galaxy', origin: { file: 'threat-actor.json' },
  body: {
    type: 'catalogue',
    entries: [
      { key: 'u1', name: 'Sofacy', aliases: ['APT28', 'Pawn Storm', 'TG-4127'], kind: 'group', description: 'The Sofacy Group (also known as APT28, Pawn Storm, Fancy Bear and Sednit) is a cyber espionage group.', references: [] },
      { key: 'u2', name: 'Lazarus Group', aliases: ['APT38'], kind: 'group', description: 'Lazarus Group is a threat group attributed to [North Korea](https://example.org/nk).(Citation: US-CERT)', references: [{ url: 'https://example.org/lazarus' }] },
    ],
  },
};
const article: Source = {
  id: 'src-article', title: 'Hackers again', origin: { url: 'https://news.example/hackers', site: 'news.example' }, date: '2024-05-01',
  body: { type: 'article', ...segmentText('Officials blamed Fancy Bear for the leak. Lazarus Group was also named in the report.') },
};
const stored = (source: Source, addedAt: string): StoredSource => ({ source, addedAt, enabled: true });
const only = (...sources: StoredSource[]): Collection => ({ sources, names: [], switchedOff: [] });

describe('knowledge service', () => {
  it('adds a catalogue: joins are reported, its names published, cards cite each source in order', async () => {
    const { service, published } = setup();
    const result = await service.add(only(stored(misp, '2026-01-01T00:00:00.000Z')));
    expect(result).toMatchObject({ added: ['src-misp'], replaced: [], entities: 2 });
    expect(result.joins.map((j) => [j.entry, j.entity])).toEqual([['Sofacy', 'pawn-storm']]);
    const pack = published.at(-1)!;
    const lazarus = (await service.summary()).entities.find((e) => e.name === 'Lazarus Group')!.id;
    expect(pack.ids).toEqual(['pawn-storm', 'macron', 'trend-micro', lazarus]);
    expect(ownerOf(pack, 'TG-4127')).toBe('pawn-storm');
    expect(ownerOf(pack, 'APT38')).toBe(lazarus);
    expect(pack.local).toEqual(['macron', 'trend-micro']); // Pawn Storm's card now cites the catalogue too
    // What a content script builds from it finds the imported names.
    const text = 'APT38 and TG-4127, says Macron.';
    expect(findMentions(text, packMatcher(pack)).map((m) => m.entity)).toEqual([lazarus, 'pawn-storm', 'macron']);
    const card = (await service.card('pawn-storm'))!;
    expect(card.citations.map((c) => c.source.id)).toEqual(['bundled', 'src-misp']);
    const description = card.citations[1]!;
    expect(description.type === 'catalogue' && description.description.map((r) => r.text).join('')).toBe(misp.body.type === 'catalogue' && misp.body.entries[0]!.description);
  });
  it('makes a remembered article a source of the names it mentions, and replaces it when remembered again', async () => {
    const { service } = setup();
    await service.add(only(stored(misp, '2026-01-01T00:00:00.000Z')));
    const first = await service.add(only(stored(article, '2026-01-02T00:00:00.000Z')));
    expect(first.added).toEqual(['src-article']);
    expect(first.entities).toBe(2);
    const again = await service.add(only(stored(article, '2026-01-03T00:00:00.000Z')));
    expect(again).toMatchObject({ added: [], replaced: ['src-article'] });
    expect((await service.summary()).sources.map((s) => s.id)).toEqual(['src-misp', 'src-article']);
    const lazarus = (await service.summary()).entities.find((e) => e.name === 'Lazarus Group')!;
    expect(lazarus.sources).toEqual(['src-misp', 'src-article']);
    const card = (await service.card(lazarus.id))!;
    expect(card.citations.map((c) => c.type)).toEqual(['article', 'catalogue']);
    const quote = card.citations[0]!;
    expect(quote.type === 'article' && quote.quotes.map((q) => q.text)).toEqual(['Lazarus Group was also named in the report.']);
  });
  it('switches sources and entities off, and removes a source with a copy to undo', async () => {
    const { service, published } = setup();
    await service.add(only(stored(misp, '2026-01-01T00:00:00.000Z')));
    const lazarus = (await service.summary()).entities.find((e) => e.name === 'Lazarus Group')!.id;
    await service.setEntityEnabled(lazarus, false);
    expect(published.at(-1)!.ids).not.toContain(lazarus);
    await service.setEntityEnabled(lazarus, true);
    await service.setSourceEnabled('src-misp', false);
    expect(published.at(-1)!.ids).toEqual(['pawn-storm', 'macron', 'trend-micro']);
    expect(published.at(-1)!.local).toEqual(['pawn-storm', 'macron', 'trend-micro']);
    const removed = await service.removeSource('src-misp');
    expect(removed?.source.id).toBe('src-misp');
    expect((await service.summary()).sources).toEqual([]);
    await service.add(only(removed!));
    expect((await service.summary()).sources.map((s) => [s.id, s.enabled])).toEqual([['src-misp', false]]);
  });
  it('makes an entity or a source strict: its names recognised only with evidence nearby, curated names as before', async () => {
    const { service, published, restarted } = setup();
    await service.add(only(stored(misp, '2026-01-01T00:00:00.000Z')));
    const lazarus = (await service.summary()).entities.find((e) => e.name === 'Lazarus Group')!.id;
    const found = (text: string): string[] => findMentions(text, packMatcher(published.at(-1)!)).map((m) => m.entity);
    expect(found('APT38 struck.')).toEqual([lazarus]);
    await service.setStrict(lazarus, true);
    expect(found('APT38 struck.')).toEqual([]);
    expect(found('Lazarus Group struck.')).toEqual([]); // the word of the trade in its own name is no evidence
    expect(found('The APT38 hackers struck.')).toEqual([lazarus]);
    // Even on a page about security (SECURITY_WITNESSES: three groups named), it asks for evidence nearby.
    const farFrom = `APT28, Sandworm and Turla.${' Lorem ipsum.'.repeat(60)} APT38 struck.`;
    expect(findMentions(farFrom, packMatcher(published.at(-1)!), true).map((m) => m.entity)).not.toContain(lazarus);
    expect(storeMatchingPack(published.at(-1)!).strict).not.toBe('');
    expect((await service.summary()).entities.find((e) => e.id === lazarus)!.strict).toBe(true);
    await service.setStrict(lazarus, false);
    expect(found('APT38 struck.')).toEqual([lazarus]);

    // A strict source: the names it brings need evidence; Pawn Storm's own (curated) names do not.
    await service.setStrict('src-misp', true);
    expect((await service.summary()).sources[0]!.strict).toBe(true);
    expect(found('TG-4127 struck.')).toEqual([]);
    expect(found('Pawn Storm struck.')).toEqual(['pawn-storm']);
    expect(found('TG-4127, the hacking group.')).toEqual(['pawn-storm']);
    expect(found('APT38 struck.')).toEqual([]);
    // Stored, exported, and read back by a restarted background alike.
    expect(JSON.parse(await service.exportText())['strict']).toEqual(['src-misp']);
    expect((await restarted().summary()).sources[0]!.strict).toBe(true);
  });
  it('publishes a pack that survives storage and is checked when read back', async () => {
    const { service, published } = setup();
    await service.add(only(stored(misp, '2026-01-01T00:00:00.000Z')));
    const pack = published.at(-1)!;
    const kept = storeMatchingPack(pack);
    expect(parseMatchingPack(JSON.parse(JSON.stringify(kept)))).toEqual(pack);
    const ints = (xs: number[]): string => storeMatchingPack({ ...pack, owners: xs }).owners;
    for (const bad of [null, { ...kept, version: 2 }, { ...kept, version: 3 }, { ...kept, version: 4 },
      { ...kept, strict: undefined }, { ...kept, strict: ints([1e6]) }, { ...kept, anyCase: ints([1e6]) }, { ...kept, owners: ints(pack.owners.slice(1)) }, { ...kept, owners: ints(pack.owners.map(() => 99)) },
      { ...kept, owners: ints(pack.owners.map(() => -1)) }, { ...kept, owners: 'not base64!' }, { ...kept, owners: 'AAA=' }, { ...kept, forms: [1] },
      { ...kept, guarded: ints([1e6]) }, { ...kept, local: 'pawn-storm' }]) {
      expect(parseMatchingPack(bad), JSON.stringify(bad).slice(0, 80)).toBeNull();
    }
  });
  it('keeps in memory, after each change, what reading the database back gives', async () => {
    const { service, restarted } = setup();
    await service.add(only(stored(misp, '2026-01-01T00:00:00.000Z')));
    await service.addName({ id: 'user-b', name: 'Kimsuky', aliases: [], kind: 'group', note: 'b' });
    await service.addName({ id: 'user-a', name: 'Velvet Chollima', aliases: ['Kimsuky'], kind: 'group', note: 'a' });
    await service.add(only(stored(article, '2026-01-02T00:00:00.000Z')));
    const lazarus = (await service.summary()).entities.find((e) => e.name === 'Lazarus Group')!.id;
    await service.setEntityEnabled(lazarus, false);
    expect(await service.summary()).toEqual(await restarted().summary());
    expect(await service.card(lazarus)).toEqual(await restarted().card(lazarus));
  });
  it('follows the settings for the built-in names', async () => {
    const { service, published } = setup((id) => id !== 'macron');
    await service.republish();
    expect(published.at(-1)!.ids).toEqual(['pawn-storm', 'trend-micro']);
  });
  it('stores nothing of a change that fails, and keeps what was there', async () => {
    const { service, db } = setup();
    await service.add(only(stored(misp, '2026-01-01T00:00:00.000Z')));
    // A value IndexedDB cannot store (a function) fails the transaction half way through.
    const broken = { ...stored(article, '2026-01-02T00:00:00.000Z'), source: { ...article, oops: () => 1 } } as unknown as StoredSource;
    await expect(db.commit({ putSources: [stored({ ...misp, id: 'other' }, 'x'), broken] })).rejects.toThrow(StoreError);
    expect((await db.load()).sources.map((s) => s.source.id)).toEqual(['src-misp']);
  });
  it('exports what was added, and the export reads back to the same bytes', async () => {
    const { service } = setup();
    await service.add(only(stored(misp, '2026-01-01T00:00:00.000Z'), stored(article, '2026-01-02T00:00:00.000Z')));
    await service.setEntityEnabled('pawn-storm-not-a-real-id', false);
    const text = await service.exportText();
    const { importBackstory } = await import('../../src/knowledge/import/backstory');
    const fresh = setup();
    await fresh.service.add(importBackstory(JSON.parse(text), 'export.json'));
    expect(await fresh.service.exportText()).toBe(text);
  });
});
