// Catalogue names that are ordinary words are recognised only as written and with evidence nearby; names of
// one character never. The built-in names and the user's own are never guarded.
import { describe, expect, it } from 'vitest';
import { isOrdinaryName, isTooShort } from '../../src/knowledge/ordinary-names';
import { compileKnowledge } from '../../src/knowledge/knowledge';
import { compileMatcher, findMentions } from '../../src/knowledge/matcher';
import { parseEntityFile } from '../../src/knowledge/entities';
import type { CatalogueEntry, CatalogueSource } from '../../src/knowledge/source';
import { entitiesText } from '../support/pack';
import { summarise } from '../../src/knowledge/summary';

const entry = (name: string, aliases: string[] = [], kind: CatalogueEntry['kind'] = 'malware'): CatalogueEntry =>
  ({ key: name, name, aliases, kind, description: '', references: [] });
const catalogue: CatalogueSource = {
  id: 'c', title: 'C', origin: {},
  body: { type: 'catalogue', entries: [entry('Mirage'), entry('Hydra'), entry('GOP'), entry('X'), entry('Lazarus Group', [], 'group'), entry('BlackEnergy')] },
};
const k = compileKnowledge({ builtin: parseEntityFile(entitiesText).entities, sources: [catalogue] });
const matcher = compileMatcher(k.entities.filter((e) => e.aliases.length > 0));
const found = (text: string): string[] => findMentions(text, matcher).map((m) => text.slice(m.start, m.end));

describe('ordinary names', () => {
  it('tells ordinary words and very short names from distinctive ones', () => {
    for (const name of ['Mirage', 'Hydra', 'Pegasus', 'Rogue', 'gugi', 'GOP', 'UPS', 'Zen', 'KV', 'Cicada', 'Élysée']) expect(isOrdinaryName(name), name).toBe(true);
    for (const name of ['APT28', 'BlackEnergy', 'njRAT', 'Lazarus Group', 'TA505', 'Sandworm Team', 'STRONTIUM', 'WannaCry']) expect(isOrdinaryName(name), name).toBe(false);
    expect(isTooShort('X')).toBe(true);
    expect(isTooShort('KV')).toBe(false);
  });
  it('does not light up ordinary words on a page that is not about security', () => {
    expect(found('The Mirage is a classic car. Hydra plants grow in ponds. The GOP convention opens on Monday.')).toEqual([]);
  });
  it('recognises them with a word of the trade, or a distinctive name, nearby', () => {
    expect(found('The Mirage malware spread through the ministry.')).toEqual(['Mirage']);
    expect(found('Les pirates ont utilisé Hydra contre le ministère.')).toEqual(['Hydra']);
    expect(found('Lazarus Group, it seems, used Mirage and BlackEnergy.')).toEqual(['Lazarus Group', 'Mirage', 'BlackEnergy']);
  });
  it('recognises them in capitals too, with evidence alike', () => {
    expect(found('MIRAGE IN THE DESERT: A FILM REVIEW')).toEqual([]);
    expect(found('MIRAGE ransomware')).toEqual(['MIRAGE']);
  });
  it('never recognises a one-character name, and says so', () => {
    const x = k.entities.find((e) => e.name === 'X')!;
    expect(x.aliases).toEqual([]);
    expect(x.names).toEqual(['X']);
    expect(found('X malware hit the X group.')).toEqual([]);
    const summary = summarise({ sources: [{ source: catalogue, addedAt: '2026-01-01T00:00:00Z', enabled: true }], names: [], switchedOff: [] }, k, () => true);
    expect(summary.entities.find((e) => e.name === 'X')!.unmatched).toBe('too-short');
    expect(summary.entities.find((e) => e.name === 'Mirage')!.unmatched).toBeNull();
  });
  it('keeps the built-in names as they were: Macron is a word, and needs no evidence', () => {
    expect(found('Macron visited the Mirage factory.')).toEqual(['Macron']);
    expect(found('MACRON IN BERLIN')).toEqual(['MACRON']);
  });
});

describe('strict', () => {
  it('guards every name of a strict entity, curated ones too, and every name a strict catalogue brings', () => {
    const strict = compileKnowledge({ builtin: parseEntityFile(entitiesText).entities, sources: [catalogue], strict: new Set(['macron', 'c']) });
    const m = compileMatcher(strict.entities.filter((e) => e.aliases.length > 0));
    const names = (text: string): string[] => findMentions(text, m).map((x) => text.slice(x.start, x.end));
    expect(names('Emmanuel Macron spoke; BlackEnergy was mentioned.')).toEqual([]);
    expect(names('Pawn Storm, as ever.')).toEqual(['Pawn Storm']);
    expect(names('Emmanuel Macron spoke about the hackers behind BlackEnergy.')).toEqual(['Emmanuel Macron', 'BlackEnergy']);
    expect(found('Emmanuel Macron spoke; BlackEnergy was mentioned.')).toEqual(['Emmanuel Macron', 'BlackEnergy']); // (not strict)
  });
});
