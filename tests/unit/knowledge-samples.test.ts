// The knowledge compiler on the real catalogues of ../shared/knowledge-samples: merging thousands of entries
// without fusing unrelated groups, and cards whose every quote is the source's own words.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileKnowledge, type Knowledge, type KnownEntity } from '../../src/knowledge/knowledge';
import { parseEntityFile } from '../../src/knowledge/entities';
import { bundledSource } from '../../src/knowledge/pack';
import { parseArticle } from '../../src/knowledge/article';
import { importMisp } from '../../src/knowledge/import/misp';
import { importStix } from '../../src/knowledge/import/stix';
import { importText } from '../../src/knowledge/import/text';
import { nameKey } from '../../src/knowledge/merge';
import { buildEntityCard } from '../../src/knowledge/entity-card';
import { compileMatcher, findMentions, firstPass } from '../../src/knowledge/matcher';
import type { CatalogueSource, Source } from '../../src/knowledge/source';
import { articleText, entitiesText } from '../support/pack';

const samples = path.join(process.env['BACKSTORY_ROOT']!, '..', 'shared', 'knowledge-samples');
const have = existsSync(samples);
const file = parseEntityFile(entitiesText);
const bundled = bundledSource(parseArticle(articleText), file);
const json = (p: string): unknown => JSON.parse(readFileSync(path.join(samples, p), 'utf8'));
const catalogue = (p: string): CatalogueSource =>
  (p.endsWith('18.1.json') ? importStix : importMisp)(json(p), path.basename(p));

/** An entity must not be recognised by the own names of two entries of one catalogue: that is a blob. */
function ownNamesPerCatalogue(e: KnownEntity, catalogues: readonly CatalogueSource[]): number {
  const recognised = new Set(e.aliases.map((a) => nameKey(a.text)));
  return Math.max(...catalogues.map((c) => c.body.entries.filter((x) => recognised.has(nameKey(x.name))).length));
}

describe.skipIf(!have)('merging the real catalogues (skipped without ../shared/knowledge-samples)', () => {
  const actors = have ? catalogue('misp-galaxy/threat-actor.json') : undefined!;
  const groups = have ? catalogue('misp-galaxy/mitre-intrusion-set.json') : undefined!;
  const k: Knowledge = have ? compileKnowledge({ builtin: file.entities, sources: [bundled, actors, groups] }) : undefined!;
  const byName = (name: string): KnownEntity => {
    const found = k.entities.filter((e) => e.name === name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };

  it('joins MISP’s APT28 and ATT&CK’s APT28 to the built-in Pawn Storm, and lists both joins', () => {
    const ps = byName('Pawn Storm');
    expect(ps.entries.map((x) => x.source)).toEqual([actors.id, groups.id]);
    const joins = k.joins.filter((j) => j.entity === 'pawn-storm');
    expect(joins.map((j) => j.entry)).toEqual(['APT28', 'APT28']);
    expect(ps.aliases.map((a) => a.text)).toEqual(expect.arrayContaining(['Sofacy', 'Fancy Bear', 'STRONTIUM', 'Fighting Ursa']));
  });
  it('leaves no entity that swallowed unrelated groups', () => {
    for (const e of k.entities) {
      // (A name entries of one catalogue share stands for itself, citing each of them: no merge.)
      if (e.shared) {
        expect(e.entries.length, e.name).toBeGreaterThan(1);
        expect(e.aliases.map((a) => a.text), e.name).toEqual([e.name]);
        continue;
      }
      // At most one entry of each catalogue, and recognised by the own name of at most one entry of each.
      const perSource = new Map<string, number>();
      for (const x of e.entries) perSource.set(x.source, (perSource.get(x.source) ?? 0) + 1);
      expect(Math.max(0, ...perSource.values()), e.name).toBeLessThanOrEqual(1);
      expect(ownNamesPerCatalogue(e, [actors, groups]), e.name).toBeLessThanOrEqual(1);
    }
    // Every ATT&CK group found its MISP counterpart or stands alone: nothing in between.
    const merged = k.entities.filter((e) => !e.shared);
    expect(merged.length).toBeGreaterThan(actors.body.entries.length);
    expect(merged.length).toBeLessThan(actors.body.entries.length + groups.body.entries.length + 3);
  });
  it('keeps the largest entities to names their entries give them', () => {
    const top = [...k.entities].sort((a, b) => b.aliases.length - a.aliases.length).slice(0, 5);
    console.log(`five entities with the most recognised names: ${top.map((e) => `${e.name} (${e.aliases.length}, ${e.entries.length} entries)`).join('; ')}`);
    for (const e of top) {
      const given = new Set<string>();
      for (const ref of e.entries) {
        const source = [actors, groups].find((c) => c.id === ref.source)!;
        const entry = source.body.entries.find((x) => x.key === ref.key)!;
        for (const n of [entry.name, ...entry.aliases]) given.add(nameKey(n));
      }
      if (e.origin === 'builtin') for (const a of file.entities.find((b) => b.id === e.id)!.aliases) given.add(nameKey(a.text));
      for (const a of e.aliases) expect(given, `${e.name}: ${a.text}`).toContain(nameKey(a.text));
    }
  });
  it('gives each name to one entity only', () => {
    const owner = new Map<string, string>();
    for (const e of k.entities) {
      for (const a of e.aliases) {
        const key = a.text; // as written: "APT 28" and "APT28" may both be Pawn Storm's
        expect(owner.get(key) ?? e.id, key).toBe(e.id);
        owner.set(key, e.id);
      }
    }
  });
});

describe.skipIf(!have)('cards from every sample quote their sources verbatim (skipped without ../shared/knowledge-samples)', () => {
  const catalogues = have ? ['misp-galaxy/threat-actor.json', 'misp-galaxy/mitre-intrusion-set.json', 'misp-galaxy/malpedia.json', 'mitre-attack/ics-attack-18.1.json'].map(catalogue) : [];
  const remembered = importText('Sandworm Team and Lazarus Group were both named by investigators.\n\nAPT28 was not.', 'notes.txt', { title: 'Notes', date: '2024-02-03' });
  const sources: Source[] = [bundled, ...catalogues, remembered];
  const k = have ? compileKnowledge({ builtin: file.entities, sources }) : undefined!;
  const byId = new Map(sources.map((s) => [s.id, s]));

  it('recognises a name two malpedia entries share as itself, its card citing both (Ursnif: Gozi and Snifula)', () => {
    const ursnif = k.entities.filter((e) => e.aliases.some((a) => a.text === 'Ursnif'));
    expect(ursnif.map((e) => [e.name, e.shared, e.kind])).toEqual([['Ursnif', true, 'malware']]);
    const card = buildEntityCard(ursnif[0]!, k, byId);
    expect(card.citations.map((c) => (c.type === 'catalogue' ? `${c.source.title}: ${c.name}` : c.type))).toEqual(['Malpedia — MISP galaxy: Gozi', 'Malpedia — MISP galaxy: Snifula']);
    expect(card.sharedBy).toEqual(['Gozi', 'Snifula']);
    // Gozi and Snifula keep it among the names they are also called, and are recognised by their own.
    for (const name of ['Gozi', 'Snifula']) expect(k.entities.find((e) => e.name === name)!.names, name).toContain('Ursnif');
  });
  it('lights up no name of ordinary words on everyday pages, and each of them beside the trade’s words', () => {
    const matcher = compileMatcher(k.entities.filter((e) => e.aliases.length > 0));
    const names = (text: string): string[] => {
      const page = firstPass([text], matcher).aboutSecurity;
      return findMentions(text, matcher, page).map((m) => text.slice(m.start, m.end));
    };
    // Threat actors of the catalogues, each also a book, a theory, a film, a bird, a game or a charm.
    const everyday = 'Orwell wrote Animal Farm in 1945. The Big Bang happened long ago. Jim Carrey starred in The Mask. ' +
      'The Common Raven nests on cliffs. Double Dragon was an arcade hit. A Lucky Cat waves from the shop window; an Evil Eye charm hangs by the door.';
    expect(names(everyday)).toEqual([]);
    // Malware the catalogues write in capitals, and what a page writes in capitals: captions, headlines, buttons.
    expect(names('PHOTO: AFP. COPPER AND PLATINUM PRICES SOAR AS THE SUMMIT OPENS. PLAY | STOP')).toEqual([]);
    expect(names('The SUNBURST backdoor reached 18,000 customers.')).toEqual(['SUNBURST']);
    // A collective and a number: MISP's names for APT1 and Lazarus Group, and a carcinogen's class, a fire brigade's unit.
    // ("Group" is a word of the trade: each in a text of its own.)
    expect(names('The agency lists it in Group 3, not classifiable.')).toEqual([]);
    expect(names('Unit 121 of the fire brigade arrived first.')).toEqual([]);
    expect(names('The disk is formatted as ext4.')).toEqual([]);
    expect(names('The hackers of Animal Farm and the Common Raven group struck banks.')).toEqual(['Animal Farm', 'Common Raven']);
  });
  it('compiles all four catalogues together', () => {
    expect(k.entities.length).toBeGreaterThan(4000);
    for (const name of ['Sandworm Team', 'Lazarus Group']) {
      const e = k.entities.find((x) => x.aliases.some((a) => a.text === name))!;
      expect(e, name).toBeDefined();
      expect(e.articles).toContain(remembered.id);
    }
  });
  it('quotes every entity’s sources verbatim', () => {
    let quotes = 0;
    let descriptions = 0;
    for (const e of k.entities) {
      const card = buildEntityCard(e, k, byId, { pinned: bundled.id });
      for (const c of card.citations) {
        const source = byId.get(c.source.id)!;
        expect(c.source.title).toBe(source.title);
        if (c.type === 'article') {
          expect(source.body.type).toBe('article');
          for (const q of c.quotes) {
            const sentence = source.body.type === 'article' ? source.body.sentences[q.sentence] : undefined;
            expect(sentence?.text).toBe(q.text);
            for (const m of q.marks) expect(e.aliases.map((a) => a.text.toUpperCase())).toContain(q.text.slice(m.start, m.end).replace(/['’][sS]$/u, '').replace(/\s+/gu, ' ').toUpperCase());
            quotes += 1;
          }
        } else {
          const entry = source.body.type === 'catalogue' ? source.body.entries.find((x) => x.key === c.entry) : undefined;
          // The runs tile the description: what the card shows stands for exactly the catalogue's text.
          expect(c.description.map((r) => entry!.description.slice(r.from, r.to)).join('')).toBe(entry!.description);
          for (const r of c.description) if (r.type === 'text') expect(r.text).toBe(entry!.description.slice(r.from, r.to));
          descriptions += 1;
        }
      }
    }
    expect(quotes).toBeGreaterThan(10);
    expect(descriptions).toBeGreaterThan(4000);
  });
});
