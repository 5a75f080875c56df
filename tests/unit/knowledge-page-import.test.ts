// The Knowledge page's import of one file (src/knowledge-page/file-import.ts): real files of every format in,
// a Collection to add out, or an error naming the file and nothing else.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { exportCollection, type Collection } from '../../src/knowledge/collection';
import { ImportError } from '../../src/knowledge/import/import-error';
import type { TextMeta } from '../../src/knowledge/import/text';
import type { Source } from '../../src/knowledge/source';
import { ImportCancelled, importFile, problemOf, type FileImportDeps } from '../../src/knowledge-page/file-import';

const samples = path.join(process.env['BACKSTORY_ROOT']!, '..', 'shared', 'knowledge-samples');
const have = existsSync(samples);
const NOW = new Date('2025-11-28T10:00:00Z');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const windows: Window[] = [];
afterAll(async () => {
  for (const w of windows) await w.happyDOM.close();
});
function parseHtml(text: string): Document {
  const w = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  windows.push(w);
  return new w.DOMParser().parseFromString(text, 'text/html') as unknown as Document;
}
function deps(meta: TextMeta | null = null): FileImportDeps & { askMeta: ReturnType<typeof vi.fn> } {
  return { parseHtml, askMeta: vi.fn(async () => meta), now: () => NOW };
}
const only = (c: Collection): Source => {
  expect(c.sources).toHaveLength(1);
  expect(c.sources[0]!.addedAt).toBe(NOW.toISOString());
  expect(c.sources[0]!.enabled).toBe(true);
  return c.sources[0]!.source;
};
async function refused(file: string, data: Uint8Array, d = deps()): Promise<unknown> {
  const error: unknown = await importFile(file, data, d).then(() => null, (e: unknown) => e);
  expect(error, 'expected the file to be refused').not.toBeNull();
  return error;
}

describe.skipIf(!have)('importing the real samples (skipped without ../shared/knowledge-samples)', () => {
  const sample = (p: string): Uint8Array => new Uint8Array(readFileSync(path.join(samples, p)));

  it('reads a MISP galaxy cluster as one catalogue, all 1,041 entries', async () => {
    const { collection, title } = await importFile('threat-actor.json', sample('misp-galaxy/threat-actor.json'), deps());
    const source = only(collection);
    expect(title).toBe('Threat Actor — MISP galaxy');
    expect(source.body.type === 'catalogue' && source.body.entries.length).toBe(1041);
    expect(collection.names).toEqual([]);
  });
  it('reads a STIX 2.1 bundle, with the licence MITRE asks to reproduce', async () => {
    const { collection } = await importFile('ics-attack-18.1.json', sample('mitre-attack/ics-attack-18.1.json'), deps());
    const source = only(collection);
    expect(source.body.type).toBe('catalogue');
    expect(source.licence).toMatch(/MITRE/u);
  });
});

describe('importing one file on the Knowledge page', () => {
  it('reads a CSV sheet as a catalogue titled after the file', async () => {
    const { collection, title } = await importFile('My groups.csv', bytes('name,aliases,kind\nPawn Storm,"APT28; Fancy Bear",group\n'), deps());
    const source = only(collection);
    expect(title).toBe('My groups');
    expect(source.body.type === 'catalogue' && source.body.entries.map((e) => [e.name, e.aliases])).toEqual([['Pawn Storm', ['APT28', 'Fancy Bear']]]);
  });

  it('asks for a Markdown file’s title, date and source, and keeps them', async () => {
    const d = deps({ title: 'Field notes', date: '2024-03-05', url: 'https://example.com/notes' });
    const { collection, title } = await importFile('field-notes.md', bytes('# Notes\n\nPawn Storm struck **again**. It was noticed.\n'), d);
    expect(d.askMeta).toHaveBeenCalledWith('field-notes.md', 'field-notes');
    const source = only(collection);
    expect(title).toBe('Field notes');
    expect(source).toMatchObject({ title: 'Field notes', date: '2024-03-05', origin: { file: 'field-notes.md', url: 'https://example.com/notes' } });
    expect(source.body.type === 'article' && source.body.sentences.map((s) => s.text)).toContain('Pawn Storm struck again.');
  });

  it('imports nothing from a text file whose questions were cancelled', async () => {
    const error = await refused('notes.txt', bytes('Some text.'), deps(null));
    expect(error).toBeInstanceOf(ImportCancelled);
    expect((error as ImportCancelled).file).toBe('notes.txt');
  });

  it('reads a saved web page through the injected HTML parser', async () => {
    const prose = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i} says that Pawn Storm targeted another ministry in the spring of that year, investigators said.</p>`).join('');
    const html = `<!doctype html><html lang="en"><head><title>Pawn Storm again</title></head><body><article><h1>Pawn Storm again</h1>${prose}</article></body></html>`;
    const { collection } = await importFile('saved.html', bytes(html), deps());
    const source = only(collection);
    expect(source.title).toBe('Pawn Storm again');
    expect(source.origin.file).toBe('saved.html');
  });

  it('refuses broken JSON, naming the file and the place', async () => {
    const error = await refused('broken.json', bytes('{\n  "values": [\n    {"value": "X",}\n  ]\n}'));
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/^broken\.json: line 3, column \d+: is not valid JSON/u);
    expect(problemOf(error)).toMatch(/^line 3, column \d+: is not valid JSON/u);
  });

  it('refuses a binary file and JSON in no known format', async () => {
    expect(((await refused('logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))) as Error).message).toBe('logo.png: is not a text file (binary data)');
    expect(((await refused('data.json', bytes('{"a": 1}'))) as Error).message).toMatch(/^data\.json: is JSON in no format Backstory reads/u);
  });

  it('takes a Backstory export as the collection it is: when each source was added, switches and names kept', async () => {
    const exported: Collection = {
      sources: [
        { source: (await importFile('a.csv', bytes('name\nAlpha\n'), deps())).collection.sources[0]!.source, addedAt: '2024-01-02T03:04:05.000Z', enabled: false },
        { source: (await importFile('b.csv', bytes('name\nBeta\n'), deps())).collection.sources[0]!.source, addedAt: '2024-02-02T03:04:05.000Z', enabled: true },
      ],
      names: [{ id: 'user-x', name: 'Xavier', aliases: ['X'], kind: 'person', note: 'mine' }],
      switchedOff: ['user-x'],
    };
    const { collection, title } = await importFile('backstory-knowledge-2024-02-03.json', bytes(exportCollection(exported)), deps());
    expect(title).toBe('backstory-knowledge-2024-02-03.json');
    expect(exportCollection(collection)).toBe(exportCollection(exported));
    expect(collection.sources.map((s) => s.addedAt)).toEqual(['2024-01-02T03:04:05.000Z', '2024-02-02T03:04:05.000Z']);
  });

  it('refuses a Backstory export with one bad field whole, naming where', async () => {
    const bad = { format: 'backstory', version: 1, sources: [], names: [{ id: 'user-x', name: '', kind: 'person' }], switchedOff: [] };
    const error = await refused('backup.json', bytes(JSON.stringify(bad)));
    expect((error as ImportError).message).toBe('backup.json: names[0].name: must be a non-empty string');
  });
});
