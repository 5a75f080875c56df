// STIX 2.1 bundles: MITRE ATT&CK for ICS (outside the repository) and hand-made broken ones.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importStix } from '../../src/knowledge/import/stix';
import type { CatalogueSource } from '../../src/knowledge/source';
import { failure } from '../support/import-failure';

const sample = path.join(process.env['BACKSTORY_ROOT']!, '..', 'shared', 'knowledge-samples', 'mitre-attack', 'ics-attack-18.1.json');
interface RawObject { type: string; id: string; name?: string; description?: string; revoked?: boolean; x_mitre_deprecated?: boolean }

describe.skipIf(!existsSync(sample))('ATT&CK for ICS 18.1 bundle (skipped without ../shared/knowledge-samples)', () => {
  const raw = existsSync(sample) ? (JSON.parse(readFileSync(sample, 'utf8')) as { objects: RawObject[] }) : undefined!;
  const source: CatalogueSource = raw ? importStix(raw, 'ics-attack-18.1.json') : undefined!;
  const byName = (name: string) => source.body.entries.filter((e) => e.name === name);

  it('names the source after the collection and carries MITRE\'s copyright designation', () => {
    expect(source.title).toBe('ICS ATT&CK v18.1');
    expect(source.licence).toContain('The MITRE Corporation');
    expect(source.licence).toMatch(/^Copyright 2015-2025/u);
    expect(source.date).toBe('2025-11-13');
    expect(source.origin).toEqual({ file: 'ics-attack-18.1.json' });
    expect(importStix(raw, 'renamed.json').id).toBe(source.id);
  });

  it('keeps the groups, malware and campaigns that are neither revoked nor deprecated', () => {
    const live = raw.objects.filter((o) => ['intrusion-set', 'malware', 'campaign'].includes(o.type) && !o.revoked && !o.x_mitre_deprecated);
    expect(source.body.entries.map((e) => e.key)).toEqual(live.map((o) => o.id));
    const count = (kind: string) => source.body.entries.filter((e) => e.kind === kind).length;
    // 16 intrusion sets less 2 revoked; 30 malware less 7 deprecated; 8 campaigns less 1 deprecated.
    expect([count('group'), count('malware'), count('campaign')]).toEqual([14, 23, 7]);
    expect(byName('EKANS')).toHaveLength(1);
    expect(byName('Stuxnet')).toHaveLength(1);
    expect(byName('APT34')).toEqual([]); // revoked: now part of OilRig
    expect(byName('Oldsmar Treatment Plant Intrusion')).toEqual([]);
    expect(byName('Lazarus Group')).toHaveLength(1);
    expect(byName('2015 Ukraine Electric Power Attack')[0]!.kind).toBe('campaign');
  });

  it('reads Sandworm Team with its aliases and its ATT&CK id', () => {
    const [sandworm] = byName('Sandworm Team');
    expect(sandworm!.kind).toBe('group');
    expect(sandworm!.aliases).toEqual(expect.arrayContaining(['ELECTRUM', 'APT44', 'Voodoo Bear', 'IRIDIUM']));
    expect(sandworm!.aliases).not.toContain('Sandworm Team');
    expect(sandworm!.references[0]).toEqual({ externalId: 'G0034', url: 'https://attack.mitre.org/groups/G0034', label: 'mitre-attack' });
    // The alias notes ("Voodoo Bear" with citations only) are no references: nothing to open.
    expect(sandworm!.references.every((r) => r.url !== undefined || r.externalId !== undefined)).toBe(true);
  });

  it('reads aliases of software from x_mitre_aliases', () => {
    expect(byName('EKANS')[0]!.aliases).toEqual(['SNAKEHOSE']);
  });

  it('keeps every description verbatim', () => {
    const raws = new Map(raw.objects.map((o) => [o.id, o]));
    for (const e of source.body.entries) expect(e.description, e.name).toBe(raws.get(e.key)!.description ?? '');
    expect(source.body.entries.some((e) => e.description.includes('(Citation:'))).toBe(true);
  });
});

describe('STIX bundles made by hand', () => {
  const bundle = (objects: unknown[]): unknown => ({ type: 'bundle', id: 'bundle--1', objects });
  const group = (id: string, extra: Record<string, unknown> = {}) => ({ type: 'intrusion-set', id, name: `Group ${id}`, ...extra });

  it('keeps threat actors and tools, aliases from both lists without repeats', () => {
    const source = importStix(bundle([
      { type: 'threat-actor', id: 'threat-actor--1', name: 'Actor', aliases: ['Actor', 'A1'], x_mitre_aliases: ['A1', 'A2'], modified: '2020-01-02T00:00:00Z' },
      { type: 'tool', id: 'tool--1', name: 'Mimikatz', external_references: [{ source_name: 'mitre-attack', external_id: 'S0002' }, { source_name: 'note' }] },
      { type: 'attack-pattern', id: 'attack-pattern--1', name: 'Phishing' },
    ]), 'mine.json');
    expect(source.body.entries.map((e) => [e.name, e.kind, e.aliases])).toEqual([['Actor', 'group', ['A1', 'A2']], ['Mimikatz', 'tool', []]]);
    expect(source.body.entries[1]!.references).toEqual([{ externalId: 'S0002', label: 'mitre-attack' }]);
    expect(source.title).toBe('mine');
    expect(source.date).toBe('2020-01-02');
    expect(source.licence).toBeUndefined();
  });

  it('keeps only the latest version of an object listed twice', () => {
    const source = importStix(bundle([
      group('intrusion-set--1', { name: 'Old', modified: '2020-01-01T00:00:00Z' }),
      group('intrusion-set--1', { name: 'New', modified: '2021-01-01T00:00:00Z' }),
    ]), 'b.json');
    expect(source.body.entries.map((e) => e.name)).toEqual(['New']);
  });

  it.each([
    [[], 'not a STIX 2.1 bundle', undefined],
    [{ type: 'report', objects: [] }, 'not a STIX 2.1 bundle', undefined],
    [{ type: 'bundle', id: 'bundle--1' }, 'not a STIX 2.1 bundle: no "objects" array', undefined],
    [{ type: 'bundle', id: 'b', objects: [{ type: 'attack-pattern', id: 'attack-pattern--1', name: 'x' }] }, 'holds no intrusion-set, threat-actor, malware, tool or campaign objects', undefined],
    [{ type: 'bundle', id: 'b', objects: [group('intrusion-set--1', { revoked: true })] }, 'holds only revoked or deprecated', undefined],
    [{ type: 'bundle', id: 'b', objects: [group('intrusion-set--1'), { type: 'malware', id: 'malware--9', name: ' ' }] }, 'has no name', 'object malware--9'],
  ])('refuses %j', (data, problem, where) => {
    const error = failure(() => importStix(data, 'broken-bundle.json'));
    expect(error.message).toContain('broken-bundle.json');
    expect(error.problem).toContain(problem);
    expect(error.where).toBe(where);
    if (where) expect(error.message).toBe(`broken-bundle.json: ${where}: ${problem}`);
  });
});
