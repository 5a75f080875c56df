// The background's knowledge service, set up with the built-in pack, the settings (for the built-in names'
// switches) and storage.local (where content scripts read the matching pack).
import pack from 'backstory:pack';
import browser from '../shared/browser';
import { loadSettings, onSettingsChanged } from '../shared/settings-store';
import { bundledSource } from '../knowledge/pack';
import { isBuiltinId } from '../knowledge/entities';
import { MATCHING_KEY, storeMatchingPack } from '../knowledge/matching-pack';
import { KnowledgeDb } from './knowledge-db';
import { KnowledgeService } from './knowledge-service';

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
  (matching) => browser.storage.local.set({ [MATCHING_KEY]: storeMatchingPack(matching) }),
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
