// The user's collection: every source they added, the names of their own, and what they switched off. It is
// what the extension stores, and what an export holds: one JSON file, written the same way every time, so that
// export -> import -> export gives the very same bytes.
import { compileKnowledge, type BuiltinEntity, type Knowledge, type UserEntity } from './knowledge';
import type { Source } from './source';

export interface StoredSource {
  readonly source: Source;
  /** When it was added (ISO 8601): sources are compiled in this order, so earlier ones keep shared names. */
  readonly addedAt: string;
  readonly enabled: boolean;
}

export interface Collection {
  readonly sources: readonly StoredSource[];
  readonly names: readonly UserEntity[];
  /** Entities the user switched off (any kind; the built-in ones live in the settings). */
  readonly switchedOff: readonly string[];
  /**
   * Entities and sources the user made strict: their names are recognised only with evidence nearby, as a
   * catalogue's ordinary words are (see ./ordinary-names). Absent in exports made before it existed.
   */
  readonly strict?: readonly string[];
}

export const EXPORT_FORMAT = 'backstory';
export const EXPORT_VERSION = 1;

const byAdded = (a: StoredSource, b: StoredSource): number =>
  a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : a.source.id < b.source.id ? -1 : a.source.id > b.source.id ? 1 : 0;

/** The sources in compile order. */
export function orderedSources(collection: Collection): StoredSource[] {
  return [...collection.sources].sort(byAdded);
}

/** Compiles the built-in knowledge and the user's collection together (switched-off sources left out). */
export function compileCollection(builtin: readonly BuiltinEntity[], bundled: Source, collection: Collection): Knowledge {
  const sources = [bundled, ...orderedSources(collection).filter((s) => s.enabled).map((s) => s.source)];
  // Names by id, as sources by when they were added: the result never depends on the order storage gives.
  const user = [...collection.names].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return compileKnowledge({ builtin, user, sources, strict: new Set(collection.strict ?? []) });
}

/** Adds or replaces sources (by id), names (by id) and switches; what is not mentioned stays as it was. */
export function mergeCollections(into: Collection, from: Collection): Collection {
  const sources = new Map(into.sources.map((s) => [s.source.id, s]));
  for (const s of from.sources) sources.set(s.source.id, s);
  const names = new Map(into.names.map((n) => [n.id, n]));
  for (const n of from.names) names.set(n.id, n);
  return {
    sources: [...sources.values()],
    names: [...names.values()],
    switchedOff: [...new Set([...into.switchedOff, ...from.switchedOff])],
    strict: [...new Set([...(into.strict ?? []), ...(from.strict ?? [])])],
  };
}

/** Objects with their keys sorted, recursively: the bytes of an export never depend on how an object was built. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => [k, canonical(o[k])]));
}

/**
 * The export file: stable order everywhere (sources by when they were added, names and switches by id, keys
 * sorted), so the same collection gives the same bytes.
 */
export function exportCollection(collection: Collection): string {
  const data = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    sources: orderedSources(collection),
    names: [...collection.names].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    switchedOff: [...collection.switchedOff].sort(),
    strict: [...(collection.strict ?? [])].sort(),
  };
  return `${JSON.stringify(canonical(data), null, 1)}\n`;
}
