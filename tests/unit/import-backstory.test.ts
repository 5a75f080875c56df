// Backstory exports read back, and every way a hand-edited or cut-short one can be wrong: the background also
// reads every collection a page sends it this way before storing it.
import { describe, expect, it } from 'vitest';
import { importBackstory } from '../../src/knowledge/import/backstory';
import { exportCollection, type Collection } from '../../src/knowledge/collection';
import { segmentText } from '../../src/knowledge/segment';
import { failure } from '../support/import-failure';

const collection: Collection = {
  sources: [
    { source: { id: 'src-a', title: 'A', origin: { url: 'https://a.example/x' }, date: '2024-01-01', body: { type: 'article', ...segmentText('One. Two.\n\nThree.') } }, addedAt: '2026-01-01T00:00:00.000Z', enabled: true },
    { source: { id: 'src-c', title: 'C', origin: { file: 'c.csv' }, licence: 'CC0', body: { type: 'catalogue', entries: [{ key: 'k', name: 'Turla', aliases: ['Snake'], kind: 'group', description: 'A group.', references: [{ url: 'https://x.example' }] }] } }, addedAt: '2026-01-02T00:00:00.000Z', enabled: false },
  ],
  names: [{ id: 'user-1', name: 'Kimsuky', aliases: [], kind: 'group', note: 'mine' }],
  switchedOff: ['ent-9'],
};
const exported = (): Record<string, unknown> => JSON.parse(exportCollection(collection));

describe('Backstory export', () => {
  it('reads back what it wrote, and writes it again byte for byte', () => {
    const read = importBackstory(exported(), 'export.json');
    expect(exportCollection(read)).toBe(exportCollection(collection));
    expect(read.sources.map((s) => s.source.id)).toEqual(['src-a', 'src-c']);
  });
  it.each([
    ['not an export', { hello: 1 }, /format: must be "backstory"/u],
    ['a later version', { ...exported(), version: 2 }, /version: is 2/u],
    ['a source without a body', { ...exported(), sources: [{ source: { id: 'x', title: 'x' }, addedAt: 'x', enabled: true }] }, /sources\[0\]\.source\.body: must be an object/u],
    ['a sentence out of place', (() => { const e = exported() as { sources: { source: { body: { sentences: { id: number }[] } } }[] }; e.sources[0]!.source.body.sentences[1]!.id = 7; return e; })(), /sentences\[1\]\.id: must be 1/u],
    ['a paragraph naming a missing sentence', (() => { const e = exported() as { sources: { source: { body: { paragraphs: number[][] } } }[] }; e.sources[0]!.source.body.paragraphs[0]!.push(99); return e; })(), /names sentence 99/u],
    ['an unknown kind', (() => { const e = exported() as { names: { kind: string }[] }; e.names[0]!.kind = 'wizard'; return e; })(), /names\[0\]\.kind: must be one of/u],
    ['two sources with one id', (() => { const e = exported() as { sources: unknown[] }; e.sources.push(e.sources[0]); return e; })(), /two sources share an id/u],
    ['no on/off', (() => { const e = exported() as { sources: { enabled?: unknown }[] }; delete e.sources[0]!.enabled; return e; })(), /enabled: must be true or false/u],
  ])('refuses %s, naming the file and where', (_, data, problem) => {
    const error = failure(() => importBackstory(data, 'mine.json'));
    expect(error.message).toMatch(/^mine\.json: /u);
    expect(error.message).toMatch(problem);
  });
});
