// The automaton matcher against the RegExp matcher it replaced (kept in tests/support as an oracle): the
// same mentions, entity for entity and offset for offset, on thousands of random texts full of the cases the
// rules care about: names sharing prefixes across entities, invisible characters and runs of white space
// inside names, possessives, capitals, word characters touching names, surrogate pairs, block breaks.
import { describe, expect, it } from 'vitest';
import { Automaton, CLASSES, WORD_CLASS, foldName, foldedReach, lowerSameLength } from '../../src/knowledge/automaton';
import { WORD_CHAR } from '../../src/knowledge/text-chars';
import { compileMatcher, findMentions, type MatchEntity } from '../../src/knowledge/matcher';
import * as oracle from '../support/regex-matcher';
import { mulberry32 as prng } from '../bench/news-text.mjs';
import pack from '../support/pack';
import { randomEntities, randomText } from '../support/random-text';

/**
 * The oracle: the text folded as the scan reads it (soft hyphens dropped, a run of spaces as one, none at the
 * start), then every pattern looked for with indexOf, overlapping occurrences too, in the text's own offsets.
 * The first of equal patterns is the one reported.
 */
function naiveScan(patterns: readonly string[], text: string): { pattern: number; start: number; end: number }[] {
  let folded = '';
  const origin: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\u00AD') continue;
    if (c === ' ') {
      if (lastSpace) continue;
      lastSpace = true;
    } else lastSpace = false;
    folded += c;
    origin.push(i);
  }
  const out: { pattern: number; start: number; end: number }[] = [];
  patterns.forEach((p, index) => {
    if (p === '' || patterns.indexOf(p) !== index) return;
    for (let at = folded.indexOf(p); at >= 0; at = folded.indexOf(p, at + 1)) out.push({ pattern: index, start: origin[at]!, end: origin[at + p.length - 1]! + 1 });
  });
  return out;
}

describe('automaton', () => {
  it('finds every occurrence, overlapping ones too, in the text’s own offsets', () => {
    const a = new Automaton(['he', 'she', 'his', 'hers']);
    const text = 'ushers';
    expect(a.scan(text).map((h) => [text.slice(h.start, h.end), h.pattern])).toEqual([['she', 1], ['he', 0], ['hers', 3]]);
  });
  it('with its failure links computed as the scan needs them, finds every occurrence a search name by name finds', () => {
    const next = prng(5);
    const patterns = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => 'ab c.é'[Math.floor(next() * 6)]!).join('').trim()).map(foldName);
    // One automaton for all texts: links computed for one text serve the next (and linkAll's, all at once, too).
    const lazy = new Automaton(patterns);
    const eager = new Automaton(patterns).linkAll();
    const key = (h: { pattern: number; start: number; end: number }): string => `${h.start}:${h.end}:${h.pattern}`;
    let hits = 0;
    for (let t = 0; t < 200; t++) {
      const text = Array.from({ length: 60 }, () => 'ab c.é\u00AD  x'[Math.floor(next() * 10)]!).join('');
      const found = lazy.scan(text);
      const expected = naiveScan(patterns, text).map(key).sort();
      expect(found.map(key).sort(), text).toEqual(expected);
      expect(eager.scan(text).map(key).sort(), text).toEqual(expected);
      hits += found.length;
    }
    expect(hits).toBeGreaterThan(1000);
  });
  it('counts as word characters only characters of WORD_CHAR (one left out costs a walk; one too many would lose mentions)', () => {
    const word = new RegExp(`^${WORD_CHAR}$`, 'u');
    let words = 0;
    for (let c = 0; c < 0x10000; c++) {
      if (CLASSES[c] !== WORD_CLASS) continue;
      words += 1;
      expect(word.test(String.fromCharCode(c)), c.toString(16)).toBe(true);
    }
    expect(words).toBeGreaterThan(20_000);
  });
  it('reads invisible characters as nothing and any run of white space as one space', () => {
    const a = new Automaton([foldName('Fancy Bear')]);
    for (const text of ['Fancy Bear', 'Fancy\u00A0\n Bear', 'Fan\u00ADcy\u200B Bear', 'Fancy \u2060 Bear']) {
      const hits = a.scan(`x ${text}!`);
      expect(hits.map((h) => `x ${text}!`.slice(h.start, h.end)), JSON.stringify(text)).toEqual([text]);
    }
    expect(a.scan('FancyBear')).toEqual([]);
  });
  it('keeps names that are RegExp syntax literal, and never finds an empty one', () => {
    const a = new Automaton(['C++', '[redacted]', '.NET', '*', '']);
    const text = 'C++ and [redacted] on .NET *';
    expect(a.scan(text).map((h) => text.slice(h.start, h.end))).toEqual(['C++', '[redacted]', '.NET', '*']);
  });
});

describe('lowerSameLength', () => {
  it('gives the text in small letters with every offset kept, even where a small letter is longer (İ)', () => {
    expect(lowerSameLength('MimiKatz ÉLYSÉE Ωmega 𝐀')).toBe('mimikatz élysée ωmega 𝐀');
    const text = 'İstanbul MimiKatz';
    expect('İ'.toLowerCase()).toHaveLength(2);
    const lower = lowerSameLength(text);
    expect(lower).toHaveLength(text.length);
    expect(lower).toBe('İstanbul mimikatz');
  });
});

describe('foldedReach', () => {
  it('counts code units as the scan reads them: invisible ones for nothing, a run of white space for one', () => {
    const text = 'ab \u00AD\n\t cd';
    // a, b, the run of white space, c: four units; the soft hyphen counts for nothing.
    expect(foldedReach(text, 0, 4, 0)).toBe(text.indexOf('c') + 1);
    expect(foldedReach(text, 0, 100, 0)).toBe(text.length);
  });

  it('stops at the stop unit (a block break), however far the units would go', () => {
    const text = `ab${'\u0000'}cdef`;
    expect(foldedReach(text, 0, 5, 0)).toBe(2);
    expect(foldedReach(text, 3, 5, 0)).toBe(text.length);
  });
});

describe('the automaton matcher finds what the RegExp matcher found', () => {
  it('on 3,000 random texts and entity sets', () => {
    const next = prng(20261128);
    let mentions = 0;
    for (let round = 0; round < 300; round++) {
      const entities = randomEntities(next);
      const ours = compileMatcher(entities);
      const theirs = oracle.compileMatcher(entities);
      for (let t = 0; t < 10; t++) {
        const text = randomText(next);
        const found = findMentions(text, ours);
        expect(found, JSON.stringify({ text, entities })).toEqual(oracle.findMentions(text, theirs));
        mentions += found.length;
      }
    }
    expect(mentions).toBeGreaterThan(2000); // the texts do hold names
  });
  it('gives candidates that hold every mention, both with a few names (a RegExp) and with many (the automaton)', () => {
    const next = prng(77);
    // 70 more entities of names that never occur push the matcher past the small set, onto the automaton.
    const padding = Array.from({ length: 70 }, (_, i) => ({ id: `pad${i}`, aliases: [{ text: `Qzx${i}vv` }], exclusions: [] }));
    for (let round = 0; round < 100; round++) {
      const entities = randomEntities(next);
      for (const set of [entities, [...entities, ...padding]]) {
        const matcher = compileMatcher(set);
        for (let t = 0; t < 5; t++) {
          const text = randomText(next);
          const spans = matcher.candidates.find(text);
          for (const m of findMentions(text, matcher)) {
            expect(spans.some((s) => s.start <= m.start && m.start < s.end), JSON.stringify({ text, m, set: set.length })).toBe(true);
          }
        }
      }
    }
  });
  it('gives candidates that hold every mention of an ordinary word with evidence, however far apart the text puts them', () => {
    const next = prng(2026);
    const padding = Array.from({ length: 70 }, (_, i) => ({ id: `pad${i}`, aliases: [{ text: `Qzx${i}vv` }], exclusions: [] }));
    const glue = ['ransomware', 'Group', 'APT', 'hackers', 'groupe', ' ', '. ', '\u0000', 'x'.repeat(240), 'y '.repeat(130), 'Turla', 'Mirage', 'Hydra', 'Zen'];
    let guardedFound = 0;
    for (let round = 0; round < 200; round++) {
      const entities: MatchEntity[] = [
        { id: 'turla', kind: 'group', aliases: [{ text: 'Turla' }], exclusions: [] },
        { id: 'mirage', kind: 'malware', aliases: [{ text: 'Mirage', guard: 'evidence' }], exclusions: [] },
        { id: 'hydra', kind: 'group', aliases: [{ text: 'Hydra', guard: 'evidence' }, { text: 'Zen', guard: 'evidence' }], exclusions: [] },
        ...padding,
      ];
      const matcher = compileMatcher(entities);
      const text = Array.from({ length: 4 + Math.floor(next() * 12) }, () => glue[Math.floor(next() * glue.length)]!).join(' ');
      const spans = matcher.candidates.find(text);
      for (const m of findMentions(text, matcher)) {
        if (m.entity !== 'turla') guardedFound += 1;
        expect(spans.some((s) => s.start <= m.start && m.start < s.end), JSON.stringify({ text, m })).toBe(true);
      }
    }
    expect(guardedFound).toBeGreaterThan(50);
  });
  it('leaves out of the candidates an ordinary word with no evidence within reach, or inside another word', () => {
    const entities: MatchEntity[] = [
      { id: 'mirage', kind: 'malware', aliases: [{ text: 'Mirage', guard: 'evidence' }], exclusions: [] },
      { id: 'turla', kind: 'group', aliases: [{ text: 'Turla' }], exclusions: [] },
      ...Array.from({ length: 70 }, (_, i) => ({ id: `pad${i}`, aliases: [{ text: `Qzx${i}vv` }], exclusions: [] })),
    ];
    const matcher = compileMatcher(entities);
    const far = ' filler'.repeat(200);
    const found = (text: string): string[] => matcher.candidates.find(text).map((s) => text.slice(s.start, s.end));
    expect(found(`The Mirage casino.${far}`)).toEqual([]);
    expect(found(`The Mirage malware.${far}`)).toEqual(['Mirage']);
    expect(found(`Turla and Mirage.${far}`)).toEqual(['Turla', 'Mirage']);
    expect(found(`The Mirage casino.${far} Malwares`)).toEqual([]); // not the word itself
    // An ordinary word inside another, evidence or not, is none; a distinctive name a letter touches still is
    // (its own text node may end there: the walk tells).
    expect(found(`The Mirages malware.${far}`)).toEqual([]);
    expect(found(`The xMirage malware.${far}`)).toEqual([]);
    expect(found(`The xTurla group.${far}`)).toEqual(['Turla']);
  });
  it('searches several texts at once, and finds in each what a search of it alone finds', () => {
    const padding = Array.from({ length: 70 }, (_, i) => ({ id: `pad${i}`, aliases: [{ text: `Qzx${i}vv` }], exclusions: [] }));
    const matcher = compileMatcher([...randomEntities(prng(9)), ...padding]);
    const next = prng(10);
    const text = Array.from({ length: 400 }, () => randomText(next)).join(' filler text '.repeat(30));
    const texts = [text, '', text.slice(5_000, 60_000)];
    const search = matcher.candidates.search(texts);
    const found = search.next(0);
    expect(found).toEqual(texts.map((t) => matcher.candidates.find(t)));
    expect(found![0]!.length).toBeGreaterThan(100);
    expect(search.waiting).toBeNull();
  });
  it('with the built-in names and their context rules, on the bundled article and its variants', () => {
    const ours = compileMatcher(pack.entities);
    const theirs = oracle.compileMatcher(pack.entities);
    for (const s of pack.article.sentences) {
      for (const text of [s.text, s.text.toUpperCase(), `Brigitte ${s.text}`, s.text.replace(/ /gu, '\u00A0\u00AD')]) {
        expect(findMentions(text, ours), text).toEqual(oracle.findMentions(text, theirs));
      }
    }
  });
});
