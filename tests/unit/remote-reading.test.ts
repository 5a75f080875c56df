// @vitest-environment happy-dom
// Reading a page whose first pass the background answers: one question for a whole batch of roots, no slice
// of work while the answer is on its way, then the blocks of its candidates read exactly, with the names it
// found.
import { describe, expect, it } from 'vitest';
import { PageReader } from '../../src/content/reader/page-reader';
import { WorkQueue } from '../../src/content/reader/work-queue';
import { remoteCandidates } from '../../src/content/reader/remote-candidates';
import { findMentions } from '../../src/knowledge/matcher';
import { packMatcher } from '../../src/knowledge/matching-pack';
import { nameSet } from '../support/name-set';
import { PageVocabulary, findPageNames, type PageNames } from '../../src/knowledge/page-names';

const entities = [
  { id: 'turla', kind: 'group' as const, aliases: [{ text: 'Turla' }], exclusions: [] },
  { id: 'mirage', kind: 'malware' as const, aliases: [{ text: 'Mirage', guard: 'evidence' as const }], exclusions: [] },
  ...Array.from({ length: 70 }, (_, i) => ({ id: `pad${i}`, aliases: [{ text: `Qzx${i}vv` }], exclusions: [] })),
];
const set = nameSet(entities);
const whole = packMatcher(set);

/** A background that answers when told to: the questions it was asked, and a way to answer them all. */
function slowBackground() {
  const asked: string[][] = [];
  const pending: (() => void)[] = [];
  const ask = (texts: string[]): Promise<PageNames> => {
    asked.push(texts);
    return new Promise((resolve) => pending.push(() => resolve(findPageNames(whole, set, texts))));
  };
  return { asked, ask, answer: () => pending.splice(0).forEach((f) => f()) };
}

const own = ':not(*)'; // (nothing is ours)

describe('reading with the background’s first pass', () => {
  it('asks once for a batch of roots, waits without reading, then reads the blocks of its candidates', async () => {
    // Blocks long enough to be read alone, and the casino far from the malware.
    const filler = ' and so on'.repeat(30);
    document.body.innerHTML = `<p id="a">Turla again.${filler}</p><div id="b"><p>Nothing.</p><p id="c">Mirage malware, by Turla.${filler}</p></div><p id="d">${filler} The Mirage casino</p>`;
    const background = slowBackground();
    const vocabulary = new PageVocabulary();
    const roots = ['a', 'b', 'd'].map((id) => document.getElementById(id)!);
    const reader = new PageReader(roots, remoteCandidates(background.ask, (n) => vocabulary.add(n), () => undefined), { own });
    for (let i = 0; i < 3; i++) {
      expect(reader.next(Infinity)?.nodes).toEqual([]); // however long it may run: nothing to read yet
      expect(reader.waiting).not.toBeNull();
    }
    expect(background.asked).toEqual([[`Turla again.${filler}`, `Nothing.Mirage malware, by Turla.${filler}`, `${filler} The Mirage casino`]]);
    background.answer();
    await reader.waiting;
    const texts: string[] = [];
    for (let chunk = reader.next(Infinity); chunk; chunk = reader.next(Infinity)) {
      if (chunk.nodes.length) texts.push(...findMentions(chunk.text, vocabulary.matcher).map((m) => `${m.entity}:${chunk.text.slice(m.start, m.end)}`));
    }
    expect(texts).toEqual(['turla:Turla', 'mirage:Mirage', 'turla:Turla']); // (not the casino: no evidence near it)
    expect(reader.done).toBe(true);
  });
  it('runs no slice of work while the answer is on its way (no polling)', async () => {
    document.body.innerHTML = '<p id="a">Turla</p>';
    const background = slowBackground();
    let reads = 0;
    let marked: string[] = [];
    const vocabulary = new PageVocabulary();
    const candidates = remoteCandidates(background.ask, (n) => vocabulary.add(n), () => undefined);
    const controller = new AbortController();
    const idle = new Promise<void>((resolve) => {
      const queue = new WorkQueue({
        read: (roots) => {
          const reader = new PageReader(roots, candidates, { own });
          return {
            get done() { return reader.done; },
            get waiting() { return reader.waiting; },
            next: (deadline?: number) => {
              reads += 1;
              return reader.next(deadline);
            },
          };
        },
        process: (chunk) => {
          marked = findMentions(chunk.text, vocabulary.matcher).map((m) => chunk.text.slice(m.start, m.end));
          return [];
        },
        onIdle: () => resolve(),
        metrics: { task() {}, loaded() {}, marked() {}, busy() {}, idle() {} },
        signal: controller.signal,
      });
      queue.add([document.getElementById('a')!]);
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const whileWaiting = reads;
    expect(whileWaiting).toBeLessThanOrEqual(2);
    background.answer();
    await idle;
    expect(marked).toEqual(['Turla']);
    controller.abort();
  });
});
