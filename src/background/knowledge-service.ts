// The background's knowledge: the stored collection compiled with the built-in names, kept in memory until
// the collection changes. Every change goes through here, one at a time, and ends by publishing the matching
// pack that content scripts read. Cards and the Knowledge page's lists are built from the compiled knowledge.
import { compileCollection, exportCollection, mergeCollections, type Collection, type StoredSource } from '../knowledge/collection';
import { buildEntityCard, type EntityCard } from '../knowledge/entity-card';
import type { Knowledge, KnownEntity, BuiltinEntity, UserEntity } from '../knowledge/knowledge';
import { matchingPack, type MatchingPack } from '../knowledge/matching-pack';
import { summarise, type AddResult, type KnowledgeSummary } from '../knowledge/summary';
import type { EntityKind, Source } from '../knowledge/source';
import type { Change, KnowledgeDb } from './knowledge-db';
import type { SourceView } from '../shared/messages';

export interface Builtin {
  readonly entities: readonly BuiltinEntity[];
  /** The bundled article, as a source. */
  readonly source: Source;
  /** Per built-in entity, the words of the bundled article that say what it is (its card opens with them). */
  readonly leads: Readonly<Record<string, string>>;
}

interface Compiled {
  readonly collection: Collection;
  readonly knowledge: Knowledge;
  readonly sources: ReadonlyMap<string, Source>;
  readonly byId: ReadonlyMap<string, KnownEntity>;
}

export class KnowledgeService {
  private compiled: Promise<Compiled> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: KnowledgeDb,
    private readonly builtin: Builtin,
    /** Whether a built-in entity is switched on in the settings (the others are switched in the collection). */
    private readonly builtinOn: () => Promise<(id: string) => boolean>,
    private readonly publish: (pack: MatchingPack) => Promise<void>,
  ) {}

  private load(): Promise<Compiled> {
    return (this.compiled ??= this.db.load().then((collection) => this.compile(collection)));
  }

  /** The compiled state of a collection; `knowledge` when it is known already (compiling 7,000 names is not free). */
  private compile(collection: Collection, knowledge = compileCollection(this.builtin.entities, this.builtin.source, collection)): Compiled {
    const sources = new Map<string, Source>([[this.builtin.source.id, this.builtin.source], ...collection.sources.map((s): [string, Source] => [s.source.id, s.source])]);
    return { collection, knowledge, sources, byId: new Map(knowledge.entities.map((e) => [e.id, e])) };
  }

  private async isOn(): Promise<(e: KnownEntity) => boolean> {
    const { collection } = await this.load();
    const builtinOn = await this.builtinOn();
    const off = new Set(collection.switchedOff);
    return (e) => (e.origin === 'builtin' ? builtinOn(e.id) : !off.has(e.id));
  }

  /**
   * Runs changes one after another; each stores its change, then republishes. `next` is the state after the
   * change when the change knows it (compiled once, not again after storing); else it is read back and compiled.
   */
  private change<T>(run: (current: Compiled) => Promise<{ change: Change; result: T; next?: Compiled }>): Promise<T> {
    const next = this.queue.then(async () => {
      const { change, result, next: after } = await run(await this.load());
      await this.db.commit(change);
      this.compiled = after ? Promise.resolve(after) : null;
      await this.republish();
      return result;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Writes the matching pack for what is stored now (also after the settings switch a built-in name). */
  async republish(): Promise<void> {
    const { knowledge } = await this.load();
    const bundled = this.builtin.source.id;
    const local = (e: KnownEntity): boolean => e.origin === 'builtin' && e.entries.length === 0 && e.articles.every((a) => a === bundled);
    await this.publish(matchingPack(knowledge, await this.isOn(), local));
  }

  add(incoming: Collection): Promise<AddResult> {
    return this.change(async (current) => {
      const existing = new Set(current.collection.sources.map((s) => s.source.id));
      const merged = mergeCollections(current.collection, incoming);
      const ids = new Set(incoming.sources.map((s) => s.source.id));
      const knowledge = compileCollection(this.builtin.entities, this.builtin.source, merged);
      const speaks = knowledge.entities.filter((e) => e.entries.some((x) => ids.has(x.source)) || e.articles.some((a) => ids.has(a)));
      return {
        next: this.compile(merged, knowledge),
        change: {
          putSources: incoming.sources, putNames: incoming.names,
          ...(incoming.switchedOff.length ? { switchedOff: merged.switchedOff } : {}),
          ...(incoming.strict?.length ? { strict: merged.strict ?? [] } : {}),
        },
        result: {
          added: [...ids].filter((id) => !existing.has(id)),
          replaced: [...ids].filter((id) => existing.has(id)),
          joins: knowledge.joins.filter((j) => ids.has(j.source)),
          entities: speaks.length,
        },
      };
    });
  }

  /** Removes a source; returns it as stored, so that the page can offer to undo. */
  removeSource(id: string): Promise<StoredSource | null> {
    return this.change(async ({ collection }) => {
      const stored = collection.sources.find((s) => s.source.id === id) ?? null;
      return { change: { deleteSources: [id] }, result: stored };
    });
  }

  setSourceEnabled(id: string, enabled: boolean): Promise<boolean> {
    return this.change(async ({ collection }) => {
      const stored = collection.sources.find((s) => s.source.id === id);
      return { change: stored ? { putSources: [{ ...stored, enabled }] } : {}, result: !!stored };
    });
  }

  setEntityEnabled(id: string, enabled: boolean): Promise<boolean> {
    return this.change(async ({ collection, knowledge }) => {
      const off = new Set(collection.switchedOff);
      if (enabled) off.delete(id);
      else off.add(id);
      const switchedOff = [...off].sort();
      // What is switched off changes what pages match, not what is known: no compiling.
      return { change: { switchedOff }, result: true, next: this.compile({ ...collection, switchedOff }, knowledge) };
    });
  }

  /** Makes an entity or a source strict, or not: how their names are compiled changes (compiled again). */
  setStrict(id: string, strict: boolean): Promise<boolean> {
    return this.change(async ({ collection }) => {
      const set = new Set(collection.strict ?? []);
      if (strict) set.add(id);
      else set.delete(id);
      return { change: { strict: [...set].sort() }, result: true };
    });
  }


  addName(name: UserEntity): Promise<AddResult> {
    return this.add({ sources: [], names: [name], switchedOff: [] });
  }

  removeName(id: string): Promise<boolean> {
    return this.change(async () => ({ change: { deleteNames: [id] }, result: true }));
  }

  async summary(): Promise<KnowledgeSummary> {
    const { collection, knowledge } = await this.load();
    return summarise(collection, knowledge, await this.isOn());
  }

  /** Names and kinds of some entities (the popup lists what a tab holds). */
  async names(ids: readonly string[]): Promise<Record<string, { name: string; kind: EntityKind }>> {
    const { byId } = await this.load();
    const out: Record<string, { name: string; kind: EntityKind }> = {};
    for (const id of ids) {
      const e = byId.get(id);
      if (e) out[id] = { name: e.name, kind: e.kind };
    }
    return out;
  }

  async card(entity: string): Promise<EntityCard | null> {
    const { knowledge, sources, byId } = await this.load();
    const e = byId.get(entity);
    if (!e) return null;
    return buildEntityCard(e, knowledge, sources, { pinned: this.builtin.source.id, ...(this.builtin.leads[entity] ? { lead: this.builtin.leads[entity] } : {}) });
  }

  async source(id: string): Promise<SourceView | null> {
    const { knowledge, sources } = await this.load();
    const source = sources.get(id);
    if (!source) return null;
    const mentions = knowledge.mentions.get(id) ?? [];
    const named = new Set(mentions.flat().map((m) => m.entity));
    const names = Object.fromEntries(knowledge.entities.filter((e) => named.has(e.id)).map((e) => [e.id, e.name]));
    return { source, mentions, names };
  }

  async exportText(): Promise<string> {
    return exportCollection((await this.load()).collection);
  }
}
