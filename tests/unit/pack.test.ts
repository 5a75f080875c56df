// The knowledge pack: the article parsed as written, and cards that say nothing the article does not.
import { describe, expect, it } from 'vitest';
import pack, { articleText, entitiesText } from '../support/pack';
import { compilePack } from '../../src/knowledge/pack';
import { ENTITY_IDS } from '../../src/knowledge/entities';
import { FACTS_PER_CARD } from '../../src/knowledge/card-content';

const body = articleText.split('|||')[0]!.replace(/\s+/gu, ' ');

describe('article', () => {
  it('keeps every word of the body, in order, in its sentences', () => {
    const joined = pack.article.sentences.map((s) => s.text).join(' ');
    expect(joined).toBe(body.trim());
  });
  it('splits paragraphs on blank lines and sentences with Intl.Segmenter', () => {
    expect(pack.article.paragraphs).toHaveLength(articleText.split('|||')[0]!.trim().split(/\n\s*\n/u).length);
    expect(pack.article.sentences[0]!.text).toMatch(/^French presidential front-runner Emmanuel Macron .* Trend Micro\.$/u);
    // "U.S." does not end a sentence
    expect(pack.article.sentences.some((s) => s.text.includes('in the U.S. last year'))).toBe(true);
  });
  it('keeps the summary', () => {
    expect(pack.article.summary).toBe(articleText.split('|||')[1]!.trim());
  });
});

describe('cards', () => {
  it.each(ENTITY_IDS)('every factual line of the %s card is verbatim from the article', (id) => {
    const card = pack.cards[id];
    expect(card.facts.length).toBeGreaterThanOrEqual(2);
    expect(card.facts.length).toBeLessThanOrEqual(FACTS_PER_CARD);
    for (const fact of card.facts) {
      expect(pack.article.sentences[fact.sentence]!.text).toBe(fact.text);
      expect(body).toContain(fact.text);
      expect(pack.mentions[fact.sentence]!.some((m) => m.entity === id)).toBe(true);
    }
    expect(pack.article.sentences[card.description.sentence]!.text).toContain(card.description.text);
    for (const r of card.related) {
      const entities = pack.mentions[r.sentence]!.map((m) => m.entity);
      expect(entities).toContain(id);
      expect(entities).toContain(r.entity);
    }
  });
  it('opens each card with the sentence that says what the entity is', () => {
    for (const id of ENTITY_IDS) expect(pack.cards[id].facts[0]!.text).toContain(pack.cards[id].description.text);
  });
  it('links each entity to the others the article names with it', () => {
    expect(pack.cards['pawn-storm'].related.map((r) => r.entity).sort()).toEqual(['macron', 'trend-micro']);
  });
  it('finds the names in the article itself', () => {
    const all = pack.mentions.flat();
    expect(all.filter((m) => m.entity === 'pawn-storm')).toHaveLength(6);
    expect(all.filter((m) => m.entity === 'trend-micro')).toHaveLength(4);
  });
});

describe('bad input fails with a message that names the problem', () => {
  const entities = entitiesText;
  it.each([
    ['no separator', 'Just a body.', /found 0 "\|\|\|" separators/u],
    ['two separators', 'a ||| b ||| c', /found 2/u],
    ['empty body', '   |||summary', /body before "\|\|\|" is empty/u],
    ['empty summary', 'Body about Macron.|||  ', /summary after "\|\|\|" is empty/u],
    ['binary', 'Body\u0000|||x', /NUL/u],
    ['an entity never named', 'Only Macron and Trend Micro, a cyber-security consultant, French presidential front-runner.|||s', /never mentions pawn-storm/u],
  ])('article: %s', (_what, article, message) => {
    expect(() => compilePack(article, entities)).toThrow(message);
  });

  const withEntities = (edit: (data: any) => void): string => {
    const data = JSON.parse(entitiesText);
    edit(data);
    return JSON.stringify(data);
  };
  it.each([
    ['not JSON', '{"entities": [', /not valid JSON/u],
    ['unknown id', withEntities((d) => { d.entities[0].id = 'cozy-bear'; }), /entities\[0\]\.id: must be one of/u],
    ['no aliases', withEntities((d) => { d.entities[1].aliases = []; }), /entities\[1\]\.aliases: must be a non-empty array/u],
    ['empty alias', withEntities((d) => { d.entities[2].aliases[0].text = ''; }), /entities\[2\]\.aliases\[0\]\.text/u],
    ['bad regex', withEntities((d) => { d.entities[1].exclusions[0].before = '(?<=Brig'; }), /exclusions\[0\]\.before: is not a valid regular expression/u],
    ['alias twice', withEntities((d) => { d.entities[2].aliases.push({ text: 'Sednit' }); }), /alias "Sednit" is already an alias of pawn-storm/u],
    ['invented description', withEntities((d) => { d.entities[0].description = 'Russian military hackers'; }), /description of pawn-storm .* not in the article/u],
    ['bad kind', withEntities((d) => { d.entities[0].kind = 'thing'; }), /entities\[0\]\.kind/u],
    ['no year', withEntities((d) => { delete d.source.year; }), /source\.year/u],
  ])('entities: %s', (_what, json, message) => {
    expect(() => compilePack(articleText, json)).toThrow(message);
  });
});

describe('the content script’s slice of the pack', () => {
  it('holds every built-in card, quoting what the pack’s cards quote, and no article body', async () => {
    const { cardPack } = await import('../../src/knowledge/pack');
    const slim = cardPack(pack);
    for (const id of ENTITY_IDS) {
      const card = slim.cards[id];
      expect(card.citations).toHaveLength(1);
      const bundled = card.citations[0]!;
      expect(bundled.type === 'article' && bundled.quotes.map((q) => [q.sentence, q.text])).toEqual(pack.cards[id].facts.map((f) => [f.sentence, f.text]));
      expect(card.related.map((r) => r.entity).sort()).toEqual(pack.cards[id].related.map((r) => r.entity).sort());
    }
    expect(JSON.stringify(slim)).not.toContain(pack.article.sentences.find((s) => s.text.startsWith('Aurore Berge'))!.text);
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(pack).length * 0.7);
  });
});
