// Catalogue names that are ordinary words are recognised only as written and with evidence: nearby, or the
// page's being about security (unless made strict); names of one character never. The built-in names and the
// user's own are never guarded.
import { describe, expect, it } from 'vitest';
import { isOrdinaryName, isTooShort } from '../../src/knowledge/ordinary-names';
import { compileKnowledge } from '../../src/knowledge/knowledge';
import { SECURITY_CHARS_PER_WITNESS, SECURITY_WITNESSES, compileMatcher, findMentions, firstPass } from '../../src/knowledge/matcher';
import { parseEntityFile } from '../../src/knowledge/entities';
import type { CatalogueEntry, CatalogueSource } from '../../src/knowledge/source';
import { entitiesText } from '../support/pack';
import { summarise } from '../../src/knowledge/summary';

const entry = (name: string, aliases: string[] = [], kind: CatalogueEntry['kind'] = 'malware'): CatalogueEntry =>
  ({ key: name, name, aliases, kind, description: '', references: [] });
const catalogue: CatalogueSource = {
  id: 'c', title: 'C', origin: {},
  body: {
    type: 'catalogue',
    entries: [entry('Mirage'), entry('Hydra'), entry('GOP'), entry('X'), entry('Lazarus Group', [], 'group'), entry('BlackEnergy'), entry('APT28', [], 'group'), entry('Ursnif')],
  },
};
const k = compileKnowledge({ builtin: parseEntityFile(entitiesText).entities, sources: [catalogue] });
const matcher = compileMatcher(k.entities.filter((e) => e.aliases.length > 0));
const found = (text: string): string[] => findMentions(text, matcher).map((m) => text.slice(m.start, m.end));

describe('ordinary names', () => {
  it('tells ordinary words and very short names from distinctive ones', () => {
    for (const name of ['Mirage', 'Hydra', 'Pegasus', 'Rogue', 'gugi', 'GOP', 'UPS', 'Zen', 'KV', 'Cicada', 'Élysée']) expect(isOrdinaryName(name), name).toBe(true);
    // Several ordinary words are ordinary too: a book, a theory, a bird, a film before they are threat actors.
    for (const name of ['Animal Farm', 'The Big Bang', 'Common Raven', 'The Mask', 'Sandworm Team', 'Charming kitten', 'Cutting Sword of Justice']) expect(isOrdinaryName(name), name).toBe(true);
    // So is a word in capitals (the catalogue's PHOTO, PLATINUM, SUNBURST: a page's captions, headlines, menus).
    for (const name of ['PHOTO', 'PLATINUM', 'SUNBURST', 'STRONTIUM', 'PLA Navy']) expect(isOrdinaryName(name), name).toBe(true);
    // And a collective with a number: a class of carcinogens, a fire brigade's unit, a team.
    for (const name of ['Group 3', 'Group5', 'Unit 121', 'Team46', 'Bureau 121']) expect(isOrdinaryName(name), name).toBe(true);
    // And a word of small letters and digits, as a technical term is written (ext4, a file system; vo1d, h2miner).
    for (const name of ['ext4', 'vo1d', 'h2miner']) expect(isOrdinaryName(name), name).toBe(true);
    // Distinctive: digits, inner capitals or other marks, and several words one of which is a word of the trade.
    for (const name of ['APT28', 'BlackEnergy', 'njRAT', 'Agent.btz', 'TA505', 'WannaCry', 'Gh0st Rat', 'Lazarus Group', 'Cyber Berkut', 'Hacking Team', 'APT 33', 'TG-3390', 'Team338x']) expect(isOrdinaryName(name), name).toBe(false);
    // A word of the trade alone is an ordinary word ("Payload", a malware's name and the trade's word).
    expect(isOrdinaryName('Payload')).toBe(true);
    expect(isTooShort('X')).toBe(true);
    expect(isTooShort('KV')).toBe(false);
  });
  it('does not light up ordinary words on a page that is not about security', () => {
    expect(found('The Mirage is a classic car. Hydra plants grow in ponds. The GOP convention opens on Monday.')).toEqual([]);
  });
  it('recognises them with a word of the trade, or a distinctive name, nearby', () => {
    expect(found('The Mirage malware spread through the ministry.')).toEqual(['Mirage']);
    expect(found('Les pirates ont utilisé Hydra contre le ministère.')).toEqual(['Hydra']);
    // Plurals of the words of the trade count too.
    expect(found('Hydra backdoors and Mirage droppers were found.')).toEqual(['Hydra', 'Mirage']);
    expect(found('Les groupes Hydra et Mirage.')).toEqual(['Hydra', 'Mirage']);
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
    // The Knowledge page says which are highlighted only with evidence: those whose every name reads like ordinary words.
    expect(summary.entities.filter((e) => e.guarded).map((e) => e.name)).toEqual(['Mirage', 'Hydra', 'GOP', 'Ursnif']);
    // Every name, not some: one distinctive name is highlighted anywhere.
    const mixed: CatalogueSource = { ...catalogue, id: 'm', body: { type: 'catalogue', entries: [entry('Uroburos', ['Venomous Bear', 'KRYPTON']), entry('Hades', ['APT99'])] } };
    const km = compileKnowledge({ builtin: parseEntityFile(entitiesText).entities, sources: [mixed] });
    const sm = summarise({ sources: [{ source: mixed, addedAt: '2026-01-01T00:00:00Z', enabled: true }], names: [], switchedOff: [] }, km, () => true);
    expect(sm.entities.filter((e) => e.origin === 'catalogue').map((e) => [e.name, e.guarded ?? false])).toEqual([['Uroburos', true], ['Hades', false]]);
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

describe('a page about security', () => {
  // Three groups and malware named by distinctive names (SECURITY_WITNESSES), then, far from them and from any
  // word of the trade, a table's rows of ordinary-word names, as ATT&CK's pages list software.
  const far = ' Lorem ipsum dolor sit amet.'.repeat(40);
  const rows = 'Ursnif | 2019 ¶ Mirage | 2020 ¶ Hydra | 2021';
  const about = `Lazarus Group and APT28 used BlackEnergy.${far}${rows}`;
  const notAbout = `Lazarus Group and APT28 met.${far}${rows}`;
  const names = (text: string, m = matcher): string[] => {
    const page = firstPass([text], m).aboutSecurity;
    return findMentions(text, m, page).map((x) => text.slice(x.start, x.end));
  };

  it('is one that names three groups or malware by distinctive names, in one text or in several, densely enough', () => {
    expect([SECURITY_WITNESSES, SECURITY_CHARS_PER_WITNESS]).toEqual([3, 10_000]);
    expect(firstPass([about], matcher).aboutSecurity).toBe(true);
    expect(firstPass([notAbout], matcher).aboutSecurity).toBe(false);
    // Ordinary words do not count, nor a name inside another word, nor one entity named thrice.
    expect(firstPass(['Mirage, Hydra and Ursnif malware; APT28x, BlackEnergyOne; Lazarus Group, Lazarus Group.'], matcher).aboutSecurity).toBe(false);
    expect(firstPass(['Lazarus Group and APT28.', 'BlackEnergy.'], matcher).aboutSecurity).toBe(true);
    // Three in a long page (a news site's one article on security among many): not about security.
    const longer = (chars: number): string => `${about}${' Weather and sport.'.repeat(Math.ceil((chars - about.length) / 19))}`;
    expect(firstPass([longer(29_000)], matcher).aboutSecurity).toBe(true);
    expect(firstPass([longer(31_000)], matcher).aboutSecurity).toBe(false);
    // What the page read before counts: a feed's later batch needs no three names of its own, and an article on
    // security that a long page adds to others does not make it about security.
    expect(firstPass([rows], matcher).aboutSecurity).toBe(false);
    expect(firstPass([rows], matcher, firstPass([about], matcher).read).aboutSecurity).toBe(true);
    expect(firstPass([about], matcher, { chars: 100_000, witnesses: [] }).aboutSecurity).toBe(false);
  });
  it('recognises ordinary-word names there without evidence nearby, in the first pass and the exact one', () => {
    expect(names(about)).toEqual(['Lazarus Group', 'APT28', 'BlackEnergy', 'Ursnif', 'Mirage', 'Hydra']);
    expect(names(notAbout)).toEqual(['Lazarus Group', 'APT28']);
    const spans = firstPass([about], matcher).spans[0]!.map((s) => about.slice(s.start, s.end));
    expect(spans).toEqual(expect.arrayContaining(['Ursnif', 'Mirage', 'Hydra']));
    expect(firstPass([notAbout], matcher).spans[0]!.map((s) => notAbout.slice(s.start, s.end))).not.toContain('Mirage');
    // A letter touching the name still refuses it, unless it looks like the seam of two blocks' texts glued in
    // textContent (a digit, or a small letter then a capital: table cells written with no space between them).
    const spansOf = (text: string): string[] => firstPass([text], matcher).spans[0]!.map((s) => text.slice(s.start, s.end));
    expect(spansOf(`${about} Hydras and Mirages`).filter((t) => t === 'Hydra' || t === 'Mirage')).toEqual(['Mirage', 'Hydra']);
    const glued = `${about} Mirage2014Hydra2015 the banking trojanUrsnif`;
    expect(spansOf(glued).slice(-3)).toEqual(['Mirage', 'Hydra', 'Ursnif']);
    // Not on a page that is not about security, even with evidence nearby: there the seams would cost readings.
    expect(spansOf('The malware Mirage2014 spread.')).toEqual([]);
    expect(spansOf('The malware Mirage spread.')).toEqual(['Mirage']);
  });
  it('still asks evidence nearby of a name the user made strict', () => {
    const strict = compileKnowledge({ builtin: parseEntityFile(entitiesText).entities, sources: [catalogue], strict: new Set([k.entities.find((e) => e.name === 'Mirage')!.id]) });
    const m = compileMatcher(strict.entities.filter((e) => e.aliases.length > 0));
    expect(names(about, m)).toEqual(['Lazarus Group', 'APT28', 'BlackEnergy', 'Ursnif', 'Hydra']);
    expect(names(`${about} The Mirage ransomware.`, m)).toContain('Mirage');
  });
});
