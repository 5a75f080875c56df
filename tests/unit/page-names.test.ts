// The first pass split between the background and the page (src/knowledge/page-names, src/content/reader/
// remote-candidates): the background's answer must let the page find, in any block of its text, exactly what
// the matcher of every name finds there; texts too long for one message are searched in overlapping pieces.
import { describe, expect, it } from 'vitest';
import { NOTHING_READ, findMentions, isAboutSecurity, readOn, type MatchEntity, type PageSoFar, type Span } from '../../src/knowledge/matcher';
import { packMatcher, pageMatching, parsePageMatching, storeMatchingPack, type MatchingPack } from '../../src/knowledge/matching-pack';
import { PIECE_CHARS, PageVocabulary, findPageNames, spansOf, textOf, type PageNames } from '../../src/knowledge/page-names';
import { remoteCandidates } from '../../src/content/reader/remote-candidates';
import { BLOCK_BREAK } from '../../src/knowledge/text-chars';
import { mulberry32 as prng } from '../bench/news-text.mjs';
import { anyCased, randomEntities, randomText } from '../support/random-text';
import { nameSet } from '../support/name-set';

/** Whether the page is about security once it has read this answer's texts after what it read before. */
const verdict = (answer: PageNames, before: PageSoFar = NOTHING_READ): boolean => isAboutSecurity(readOn(before, answer.read));

/** Names that never occur: enough of them to put the page's own matcher past a RegExp, onto the automaton. */
const padding: MatchEntity[] = Array.from({ length: 70 }, (_, i) => ({ id: `pad${i}`, aliases: [{ text: `Qzx${i}vv` }], exclusions: [] }));

/**
 * Guarded names, groups to witness for them (three make a text about security: see the matcher's
 * SECURITY_WITNESSES), and a context rule: every kind of name the pack holds.
 */
const ordinary: MatchEntity[] = [
  { id: 'turla', kind: 'group', aliases: [{ text: 'Turla' }], exclusions: [] },
  { id: 'apt28', kind: 'group', aliases: [{ text: 'APT28' }], exclusions: [] },
  { id: 'mirage', kind: 'malware', aliases: [{ text: 'Mirage', guard: 'evidence' }], exclusions: [] },
  { id: 'hydra', kind: 'group', aliases: [{ text: 'Hydra', guard: 'evidence' }, { text: 'Zen', guard: 'evidence' }], exclusions: [] },
  { id: 'cobalt', kind: 'group', aliases: [{ text: 'Cobalt', guard: 'strict' }], exclusions: [] },
  { id: 'storm', kind: 'group', aliases: [{ text: 'Storm' }], exclusions: [{ before: 'Desert ', why: 'the war' }] },
];
const ORDINARY_GLUE = ['ransomware', 'Group', 'APT', 'hackers', ' ', '. ', 'x'.repeat(240), 'Turla', 'APT28', 'Mirage', 'Hydra', 'Zen', 'Cobalt', 'Desert Storm', 'Storm'];
/** The same, with names written in other cases (catalogues' names are recognised so: see the matcher's resolveCase). */
const MIXED_GLUE = [...ORDINARY_GLUE, 'TuRla', 'turla', 'MiRage', 'mirage', 'HYDRA', 'hyDra', 'ZEN', 'zEn', 'STORM', 'desert StOrm'];

describe('the names a page holds, found by the background', () => {
  it('let the page find in every block what the matcher of every name finds there (3,000 random pages)', () => {
    const next = prng(1129);
    let mentions = 0;
    let aboutSecurity = 0;
    for (let round = 0; round < 300; round++) {
      // Every other round of each kind with catalogues' names, recognised in other cases too, in mixed-case text.
      const mixed = round % 4 >= 2;
      const names = mixed ? anyCased : (e: MatchEntity[]): MatchEntity[] => e;
      const glue = mixed ? MIXED_GLUE : ORDINARY_GLUE;
      const entities = round % 2 ? [...names(randomEntities(next)), ...padding] : [...names([...ordinary, ...randomEntities(next)]), ...padding];
      const set = nameSet(entities);
      const whole = packMatcher(set);
      for (let t = 0; t < 10; t++) {
        const blocks = Array.from({ length: 1 + Math.floor(next() * 4) }, () => (round % 2 ? randomText(next, mixed)
          : Array.from({ length: 3 + Math.floor(next() * 8) }, () => glue[Math.floor(next() * glue.length)]!).join(' ')));
        // The page sends its textContent (blocks glued, nothing between them), and reads its blocks exactly.
        const answer = findPageNames(whole, set, [blocks.join('')]);
        const page = new PageVocabulary();
        page.add(answer.names, answer.read);
        expect(page.aboutSecurity).toBe(verdict(answer));
        const exact = blocks.join(BLOCK_BREAK);
        const found = findMentions(exact, page.matcher, page.aboutSecurity);
        expect(found, JSON.stringify({ blocks, round })).toEqual(findMentions(exact, whole, verdict(answer)));
        mentions += found.length;
        aboutSecurity += Number(verdict(answer));
      }
    }
    expect(mentions).toBeGreaterThan(3000);
    expect(aboutSecurity).toBeGreaterThan(100);
  });
  it('has the page read in any case only the names its text writes in another case, and learns more later', () => {
    const set = nameSet([...anyCased(ordinary), ...padding]);
    const whole = packMatcher(set);
    const anyCaseForms = (text: string): string[] => {
      const { names } = findPageNames(whole, set, [text]);
      return names.anyCase.map((i) => names.forms[i]!);
    };
    expect(anyCaseForms('Turla and the TURLA group')).toEqual([]);
    expect(anyCaseForms('Turla, then TuRla')).toEqual(['Turla']);
    // The vocabulary learns a name as written from one answer, then in another case from a later one.
    const page = new PageVocabulary();
    page.add(findPageNames(whole, set, ['Turla']).names);
    expect(page.matcher.foldsCase).toBe(false);
    expect(findMentions('TuRla', page.matcher)).toEqual([]);
    page.add(findPageNames(whole, set, ['TuRla']).names);
    expect(page.matcher.foldsCase).toBe(true);
    expect(findMentions('Turla and TuRla', page.matcher)).toEqual(findMentions('Turla and TuRla', whole));
    expect(findMentions('Turla and TuRla', page.matcher)).toHaveLength(2);
  });
  it('answers with the candidates the whole matcher gives, and only the names the text holds', () => {
    const entities = [...ordinary, ...padding];
    const set = nameSet(entities);
    const whole = packMatcher(set);
    const texts = ['Turla used Mirage malware.', 'Nothing here.', 'The Hydra casino', 'ZEN and TURLA'];
    const answer = findPageNames(whole, set, texts);
    expect(answer.spans.map((flat) => spansOf(flat))).toEqual(texts.map((t) => whole.candidates.find(t)));
    expect([...answer.names.forms].sort()).toEqual(['Hydra', 'Mirage', 'TURLA', 'Turla', 'ZEN'].sort());
    expect(answer.names.ids.map((id) => id).sort()).toEqual(['hydra', 'mirage', 'turla']);
    // Each form keeps its entity, its guard, and the witnesses stay those entities that are of a witness kind.
    const byForm = new Map(answer.names.forms.map((f, i) => [f, answer.names.ids[answer.names.owners[i]!]]));
    expect(byForm.get('ZEN')).toBe('hydra');
    expect(answer.names.guarded.map((i) => answer.names.forms[i]).sort()).toEqual(['Hydra', 'Mirage', 'ZEN']);
    expect(answer.names.witnesses.map((i) => answer.names.ids[i]).sort()).toEqual(['hydra', 'mirage', 'turla']);
  });
  it('reads a text sent as UTF-8 bytes with the same offsets as the string (lone surrogates included)', () => {
    const set = nameSet([...ordinary, ...padding]);
    const text = 'é\uD800 Turla 𝐀 and \uDC00Mirage malware, 中文 Zen';
    const sent = new TextEncoder().encode(text);
    expect(textOf(sent)).toHaveLength(text.length);
    const [fromBytes, fromString] = [findPageNames(packMatcher(set), set, [textOf(sent)]), findPageNames(packMatcher(set), set, [text])];
    expect(fromBytes).toEqual(fromString);
    expect(fromBytes.spans[0]!.length).toBeGreaterThan(4);
  });
  it('says whether the page is about security, over all it has read, and the page keeps count for its later texts', () => {
    const set = nameSet([...ordinary, ...padding]);
    const whole = packMatcher(set);
    const far = ' Lorem ipsum.'.repeat(60);
    const rows = 'Mirage ¶ Hydra ¶ Zen';
    const about = findPageNames(whole, set, [`Turla, APT28 and the Storm group.${far}`, rows]);
    expect(verdict(about)).toBe(true);
    expect(about.read.witnesses).toHaveLength(3);
    expect(spansOf(about.spans[1]!).map((s) => rows.slice(s.start, s.end))).toEqual(['Mirage', 'Hydra', 'Zen']);
    // A later text alone: about security only by what the page read before.
    expect(verdict(findPageNames(whole, set, [rows]))).toBe(false);
    expect(findPageNames(whole, set, [rows]).spans[0]).toEqual([]);
    expect(spansOf(findPageNames(whole, set, [rows], about.read).spans[0]!)).toHaveLength(3);
    const page = new PageVocabulary();
    page.add(about.names, about.read);
    const later = findPageNames(whole, set, [rows], page.soFar);
    page.add(later.names, later.read);
    expect(page.aboutSecurity).toBe(true);
    expect(page.soFar.chars).toBe(about.read.chars + rows.length);
    expect(findMentions(rows, page.matcher, page.aboutSecurity).map((m) => rows.slice(m.start, m.end))).toEqual(['Mirage', 'Hydra', 'Zen']);
    // A feed that then adds a long article on something else: the page, read whole, is no longer about security,
    // and that article's ordinary words stand only with evidence, as anywhere.
    const sport = `${' The Hydra swim team won again.'.repeat(1000)}`;
    const next = findPageNames(whole, set, [sport], page.soFar);
    expect(verdict(next, page.soFar)).toBe(false);
    expect(next.spans[0]).toEqual([]);
    page.add(next.names, next.read);
    expect(page.aboutSecurity).toBe(false);
    // And the other way: an article on security added to a long page about other things does not make it so.
    const news = findPageNames(whole, set, [sport]);
    const article = `Turla, APT28 and the Storm group. ${rows}`;
    expect(verdict(findPageNames(whole, set, [article], news.read), news.read)).toBe(false);
    expect(verdict(findPageNames(whole, set, [article]))).toBe(true);
  });
  it('carries the context rules of the entities it names', () => {
    const set = nameSet([...ordinary, ...padding]);
    const answer = findPageNames(packMatcher(set), set, ['Operation Desert Storm, and the Storm group']);
    const page = new PageVocabulary();
    page.add(answer.names);
    const text = 'Operation Desert Storm, and the Storm group';
    expect(findMentions(text, page.matcher).map((m) => text.slice(m.start, m.end + 6))).toEqual(['Storm group']);
  });
});

describe('the page’s half: texts sent, answers awaited', () => {
  const entities = [...ordinary, ...padding];
  const set = nameSet(entities);
  const whole = packMatcher(set);
  const background = (texts: string[]): Promise<PageNames> => Promise.resolve().then(() => findPageNames(whole, set, texts));

  it('waits for the answer without the clock, then gives each text its candidates and learns their names', async () => {
    const learned = new PageVocabulary();
    const failures: unknown[] = [];
    const candidates = remoteCandidates(background, (n) => learned.add(n), (e) => failures.push(e));
    const texts = ['Turla and Mirage malware', '', 'no name'];
    const search = candidates.search(texts);
    expect(search.next(Infinity)).toBeNull();
    expect(search.waiting).not.toBeNull();
    await search.waiting;
    expect(search.waiting).toBeNull();
    expect(search.next(0)).toEqual(texts.map((t) => whole.candidates.find(t)));
    expect(learned.size).toBe(2);
    expect(failures).toEqual([]);
  });
  it('searches a text longer than a message in overlapping pieces, and finds each occurrence once, even across a cut', async () => {
    const sentence = 'The Turla group and Mirage ransomware. ';
    const text = sentence.repeat(Math.ceil((PIECE_CHARS * 2.3) / sentence.length));
    const sent: number[] = [];
    let messages = 0;
    const candidates = remoteCandidates((texts) => {
      messages += 1;
      sent.push(...texts.map((t) => t.length));
      return background(texts);
    }, () => undefined, () => undefined);
    const search = candidates.search([text, 'Zen hackers']);
    let steps = 1;
    while (search.next(0) === null && !search.waiting) steps += 1; // a deadline long past: one message per step
    expect(steps).toBe(messages);
    expect(messages).toBeGreaterThan(2);
    await search.waiting;
    const [found, other] = search.next(0)!;
    expect(Math.max(...sent)).toBeLessThanOrEqual(PIECE_CHARS);
    expect(sent.length).toBeGreaterThan(3);
    const expected: Span[] = whole.candidates.find(text);
    expect(found!.length).toBe(expected.length);
    expect(found).toEqual(expected);
    expect(other).toEqual(whole.candidates.find('Zen hackers'));
  });
  it('tells when the background does not answer, and finds nothing rather than waiting forever', async () => {
    const failures: unknown[] = [];
    const candidates = remoteCandidates(() => Promise.reject(new Error('Receiving end does not exist.')), () => undefined, (e) => failures.push(e));
    const search = candidates.search(['Turla']);
    expect(search.next(Infinity)).toBeNull();
    await search.waiting;
    expect(search.next(0)).toEqual([[]]);
    expect(failures).toHaveLength(1);
    // Nor when sending throws at once (the extension was reloaded under the page).
    const thrown = remoteCandidates(() => {
      throw new Error('Extension context invalidated.');
    }, () => undefined, (e) => failures.push(e)).search(['Turla']);
    expect(thrown.next(Infinity)).toBeNull();
    await thrown.waiting;
    expect(thrown.next(0)).toEqual([[]]);
    expect(failures).toHaveLength(2);
  });
});

describe('what content scripts read of the pack', () => {
  const packOf = (entities: readonly MatchEntity[]): MatchingPack => ({ ...nameSet(entities), local: ['macron'] });
  it('holds the pack itself when a RegExp searches it in the page, and leaves a big or guarded one to the background', () => {
    const few = packOf(randomEntities(prng(3)));
    expect(pageMatching(few, storeMatchingPack(few)).small).toEqual(storeMatchingPack(few));
    const many = packOf([...randomEntities(prng(3)), ...padding]);
    expect(pageMatching(many, storeMatchingPack(many)).small).toBeNull();
    const guarded = packOf(ordinary);
    expect(pageMatching(guarded, storeMatchingPack(guarded)).small).toBeNull();
  });
  it('has a revision that changes with the pack, and only with it (the same pack published again restarts no page)', () => {
    const a = packOf([...ordinary, ...padding]);
    const b = packOf([...ordinary, ...padding.slice(1)]);
    const revision = (p: MatchingPack): string => pageMatching(p, storeMatchingPack(p)).revision;
    expect(revision(a)).toBe(revision(packOf([...ordinary, ...padding])));
    expect(revision(a)).not.toBe(revision(b));
  });
  it('is read back as written, and anything malformed reads as nothing published', () => {
    const few = packOf(randomEntities(prng(4)));
    const written = JSON.parse(JSON.stringify(pageMatching(few, storeMatchingPack(few))));
    expect(parsePageMatching(written)).toEqual({ revision: written.revision, local: few.local, small: few });
    // (The small pack is read by the one parser of stored packs: an owner past the ids, a guard past the forms.)
    const past = storeMatchingPack({ ...few, owners: few.owners.map(() => few.ids.length) });
    const guardPast = storeMatchingPack({ ...few, guarded: [few.forms.length] });
    for (const broken of [null, 'x', { revision: 1, local: [], small: null }, { revision: 'r', local: [3], small: null },
      { ...written, small: past }, { ...written, small: guardPast }, { ...written, small: { ...written.small, version: 2 } }]) {
      expect(parsePageMatching(broken)).toBeNull();
    }
  });
});
