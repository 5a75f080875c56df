// The user's collection in the extension's own IndexedDB (through `idb`, the one module that imports it).
// IndexedDB rather than storage.local: catalogues run to megabytes (malpedia's is 4 MB), and a transaction
// over all stores makes every change all or nothing: an import that fails half way, or runs out of quota,
// leaves what was stored before exactly as it was.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Collection, StoredSource } from '../knowledge/collection';
import type { UserEntity } from '../knowledge/knowledge';

interface Schema extends DBSchema {
  sources: { key: string; value: StoredSource };
  names: { key: string; value: UserEntity };
  meta: { key: string; value: readonly string[] };
}

const DB_NAME = 'backstory-knowledge';
const SWITCHED_OFF = 'switchedOff';
const STRICT = 'strict';

export interface Change {
  readonly putSources?: readonly StoredSource[];
  readonly deleteSources?: readonly string[];
  readonly putNames?: readonly UserEntity[];
  readonly deleteNames?: readonly string[];
  readonly switchedOff?: readonly string[];
  readonly strict?: readonly string[];
}

/** A write that did not happen; nothing of it was stored. */
export class StoreError extends Error {
  override name = 'StoreError';
}

export class KnowledgeDb {
  private db: Promise<IDBPDatabase<Schema>> | null = null;

  /** `name`: tests open a database of their own each. */
  constructor(private readonly name = DB_NAME) {}

  private open(): Promise<IDBPDatabase<Schema>> {
    return (this.db ??= openDB<Schema>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('sources', { keyPath: 'source.id' });
        db.createObjectStore('names', { keyPath: 'id' });
        db.createObjectStore('meta');
      },
    }));
  }

  async load(): Promise<Collection> {
    const db = await this.open();
    const tx = db.transaction(['sources', 'names', 'meta'], 'readonly');
    const [sources, names, switchedOff, strict] = await Promise.all([
      tx.objectStore('sources').getAll(),
      tx.objectStore('names').getAll(),
      tx.objectStore('meta').get(SWITCHED_OFF),
      tx.objectStore('meta').get(STRICT),
    ]);
    return { sources, names, switchedOff: switchedOff ?? [], strict: strict ?? [] };
  }

  /** Applies a change in one transaction: all of it is stored, or none. */
  async commit(change: Change): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['sources', 'names', 'meta'], 'readwrite');
    const sources = tx.objectStore('sources');
    const names = tx.objectStore('names');
    const pending: Promise<unknown>[] = [tx.done];
    try {
      // A value that cannot be stored throws here, before the rest is even asked for: the catch aborts it all.
      for (const id of change.deleteSources ?? []) pending.push(sources.delete(id));
      for (const s of change.putSources ?? []) pending.push(sources.put(s));
      for (const id of change.deleteNames ?? []) pending.push(names.delete(id));
      for (const n of change.putNames ?? []) pending.push(names.put(n));
      if (change.switchedOff) pending.push(tx.objectStore('meta').put(change.switchedOff, SWITCHED_OFF));
      if (change.strict) pending.push(tx.objectStore('meta').put(change.strict, STRICT));
      await Promise.all(pending);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already aborted by the failure itself
      }
      await Promise.allSettled(pending);
      const e = error as DOMException;
      throw new StoreError(e?.name === 'QuotaExceededError'
        ? 'the browser refused to store more (storage quota exceeded); nothing was changed'
        : `could not be stored (${e?.name ?? 'Error'}: ${e?.message ?? String(error)}); nothing was changed`);
    }
  }
}
