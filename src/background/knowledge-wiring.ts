// The background's knowledge service, set up with the built-in pack, the settings (for the built-in names'
// switches) and storage.local (the matching pack, and what content scripts read of it), and the search of pages.
import pack from 'backstory:pack';
import browser from '../shared/browser';
import { loadSettings, onSettingsChanged } from '../shared/settings-store';
import { bundledSource } from '../knowledge/pack';
import { isBuiltinId } from '../knowledge/entities';
import { MATCHING_KEY, PAGE_MATCHING_KEY, pageMatching, parseMatchingPack, storeMatchingPack } from '../knowledge/matching-pack';
import { NameSearch } from './name-search';
import { KnowledgeDb } from './knowledge-db';
import { KnowledgeService } from './knowledge-service';

/** Searches pages for the names the user's knowledge holds (the pack as last published). */
export const names = new NameSearch(async () => parseMatchingPack((await browser.storage.local.get(MATCHING_KEY))[MATCHING_KEY]));

export const knowledge = new KnowledgeService(
  new KnowledgeDb(),
  {
    entities: pack.entities,
    source: bundledSource(pack.article, { source: pack.source, entities: pack.entities }),
    leads: Object.fromEntries(pack.entities.map((e) => [e.id, e.description])),
  },
  async () => {
    const { entities } = await loadSettings();
    return (id) => !isBuiltinId(id) || entities[id];
  },
  (matching) => {
    names.use(matching);
    const stored = storeMatchingPack(matching);
    return browser.storage.local.set({ [MATCHING_KEY]: stored, [PAGE_MATCHING_KEY]: pageMatching(matching, stored) });
  },
);

/** A change of the built-in names' switches changes what pages match: publish again. */
export function republishOnSettings(): void {
  let last = '';
  onSettingsChanged((s) => {
    const key = JSON.stringify(s.entities);
    if (key !== last) void knowledge.republish().catch(() => undefined);
    last = key;
  }, new AbortController().signal);
}
