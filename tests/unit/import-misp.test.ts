// MISP galaxy clusters: the real files of misp-galaxy (outside the repository) and hand-made broken ones.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importMisp } from '../../src/knowledge/import/misp';
import type { CatalogueSource } from '../../src/knowledge/source';
import { failure } from '../support/import-failure';

const samples = path.join(process.env['BACKSTORY_ROOT']!, '..', 'shared', 'knowledge-samples', 'misp-galaxy');
interface RawValue { value: string; uuid: string; description?: string; meta?: { synonyms?: string[]; refs?: string[]; external_id?: string } }
const load = (name: string): { raw: { values: RawValue[] }; source: CatalogueSource } => {
  const raw = JSON.parse(readFileSync(path.join(samples, name), 'utf8')) as { values: RawValue[] };
  return { raw, source: importMisp(raw, name) };
};
const entry = (source: CatalogueSource, name: string) => {
  const found = source.body.entries.filter((e) => e.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

describe.skipIf(!existsSync(samples))('MISP galaxy samples (skipped without ../shared/knowledge-samples)', () => {
  const actors = existsSync(samples) ? load('threat-actor.json') : undefined!;

  it('reads every threat actor as a group, keyed by its uuid', () => {
    const { raw, source } = actors;
    expect(source.body.entries).toHaveLength(1041);
    expect(source.body.entries.every((e) => e.kind === 'group')).toBe(true);
    expect(source.body.entries.map((e) => e.key)).toEqual(raw.values.map((v) => v.uuid));
    expect(source.title).toBe('Threat Actor — MISP galaxy');
    expect(source.origin).toEqual({ file: 'threat-actor.json' });
    expect(source.date).toBeUndefined();
    expect(source.licence).toBeUndefined();
  });

  it("keeps APT28's synonyms as aliases, in the file's order, both spellings of Fancy Bear", () => {
    const apt28 = entry(actors.source, 'APT28');
    expect(apt28.aliases).toEqual(expect.arrayContaining(['Sofacy', 'Pawn Storm', 'Fancy Bear', 'FANCY BEAR', 'Sednit']));
    expect(apt28.aliases[0]).toBe('Pawn Storm');
    expect(apt28.aliases.indexOf('Sednit')).toBeLessThan(apt28.aliases.indexOf('Sofacy'));
    expect(apt28.references.length).toBeGreaterThan(10);
    expect(apt28.references.every((r) => r.url?.startsWith('http'))).toBe(true);
  });

  it('keeps every description verbatim and never lists a name among its own aliases', () => {
    const { raw, source } = actors;
    source.body.entries.forEach((e, i) => {
      expect(e.description).toBe(raw.values[i]!.description ?? '');
      expect(e.aliases).not.toContain(e.name);
      expect(new Set(e.aliases).size).toBe(e.aliases.length);
      expect(e.aliases.every((a) => a === a.trim() && a !== '')).toBe(true);
    });
    // The file lists two names among their own synonyms and pads one name and one synonym with spaces.
    expect(entry(source, 'Stealth Mango and Tangelo').name).toBe('Stealth Mango and Tangelo');
    expect(entry(source, 'BRONZE HIGHLAND').aliases).toContain('Daggerfly');
  });

  it('gives the same id to the same cluster imported again, whatever the file is called', () => {
    expect(importMisp(actors.raw, 'copy.json').id).toBe(actors.source.id);
    expect(load('malpedia.json').source.id).not.toBe(actors.source.id);
  });

  it('drops the ATT&CK id that mitre-intrusion-set.json appends to each name, and keeps it as a reference', () => {
    const { raw, source } = load('mitre-intrusion-set.json');
    expect(source.body.entries).toHaveLength(191);
    expect(raw.values.filter((v) => / - G\d{4}$/u.test(v.value))).toHaveLength(191);
    expect(source.body.entries.filter((e) => / - G\d{4}$/u.test(e.name))).toEqual([]);
    const lotus = entry(source, 'Lotus Blossom');
    expect(lotus.references[0]).toEqual({ externalId: 'G0030' });
    expect(lotus.references).toContainEqual({ url: 'https://attack.mitre.org/groups/G0030' });
    expect(lotus.aliases).toEqual(['DRAGONFISH', 'Spring Dragon', 'RADIUM', 'Raspberry Typhoon', 'Bilbug', 'Thrip']);
    expect(source.body.entries.every((e) => e.kind === 'group')).toBe(true);
    expect(source.body.entries.every((e) => e.references.some((r) => /^G\d{4}$/u.test(r.externalId ?? '')))).toBe(true);
  });

  it('reads malpedia as malware, names trimmed', () => {
    const { raw, source } = load('malpedia.json');
    expect(source.body.entries).toHaveLength(3683);
    expect(source.body.entries.every((e) => e.kind === 'malware')).toBe(true);
    expect(entry(source, 'Immortal Stealer').key).toBe(raw.values.find((v) => v.value === ' Immortal Stealer')!.uuid);
    expect(source.body.entries.filter((e) => e.name !== e.name.trim())).toEqual([]);
    source.body.entries.forEach((e, i) => expect(e.description).toBe(raw.values[i]!.description ?? ''));
  });
});

describe('MISP clusters made by hand', () => {
  const cluster = (values: unknown[], extra: Record<string, unknown> = {}): unknown => ({
    name: 'Test', type: 'threat-actor', category: 'actor', uuid: 'u-1', version: 1, values, ...extra,
  });

  it('skips values without a usable name and keeps the rest', () => {
    const source = importMisp(cluster([{ value: '' }, { value: 42 }, 'text', { value: 'Kept', uuid: 'a' }]), 'c.json');
    expect(source.body.entries.map((e) => e.name)).toEqual(['Kept']);
  });

  it('keys by name when there is no uuid, and never repeats a key', () => {
    const source = importMisp(cluster([{ value: 'A' }, { value: 'B', uuid: 'x' }, { value: 'C', uuid: 'x' }, { value: 'A' }]), 'c.json');
    expect(source.body.entries.map((e) => e.key)).toEqual(['A', 'x', 'x#2', 'A#2']);
  });

  it('cuts the " - id" suffix only when it is the entry\'s own external id', () => {
    const source = importMisp(cluster([
      { value: 'Foo - G0001', meta: { external_id: 'G0001' } },
      { value: 'Bar - Baz', meta: { external_id: 'G0002' } },
      { value: 'Qux - S0003' },
    ]), 'c.json');
    expect(source.body.entries.map((e) => e.name)).toEqual(['Foo', 'Bar - Baz', 'Qux - S0003']);
  });

  it('cleans aliases: trimmed, no empties, no repeats, not the name; case kept apart', () => {
    const source = importMisp(cluster([{ value: 'Name', meta: { synonyms: [' Name ', '', 'x', 'X', 'x', 7, ' y'] } }]), 'c.json');
    expect(source.body.entries[0]!.aliases).toEqual(['x', 'X', 'y']);
  });

  it.each([
    ['actor', 'anything', 'group'],
    ['misc', 'mitre-intrusion-set', 'group'],
    ['tool', 'malpedia', 'malware'],
    ['tool', 'rat', 'malware'],
    ['tool', 'mitre-malware', 'malware'],
    ['tool', 'ransomware', 'malware'],
    ['tool', 'mitre-tool', 'tool'],
    ['tool', 'operation-tools', 'tool'],
    ['attack-pattern', 'mitre-attack-pattern', 'other'],
  ])('maps category %s, type %s to %s', (category, type, kind) => {
    expect(importMisp(cluster([{ value: 'A' }], { category, type }), 'c.json').body.entries[0]!.kind).toBe(kind);
  });

  it.each([
    [[], 'not a MISP galaxy cluster'],
    [null, 'not a MISP galaxy cluster'],
    [{ name: 'x' }, 'not a MISP galaxy cluster: no "values" array'],
    [{ values: {} }, 'not a MISP galaxy cluster: no "values" array'],
    [{ values: [] }, 'holds no named entries'],
    [{ values: [{ value: '  ' }, { description: 'no name' }] }, 'holds no named entries'],
  ])('refuses %j', (data, problem) => {
    const error = failure(() => importMisp(data, 'broken-galaxy.json'));
    expect(error.message).toContain('broken-galaxy.json');
    expect(error.problem).toContain(problem);
    expect(error.file).toBe('broken-galaxy.json');
  });
});
