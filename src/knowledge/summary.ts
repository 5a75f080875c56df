// What the Knowledge page lists: each source with how many names it brings, each entity with the sources that
// speak of it. Small enough to send in one message even for thousands of entities (no description, no text).
import { orderedSources, type Collection } from './collection';
import type { Join } from './merge';
import type { Knowledge, KnownEntity } from './knowledge';
import type { EntityKind } from './source';
import { isTooShort } from './ordinary-names';

export interface SourceSummary {
  readonly id: string;
  readonly title: string;
  readonly type: 'article' | 'catalogue';
  readonly date?: string;
  readonly site?: string;
  readonly url?: string;
  readonly file?: string;
  readonly licence?: string;
  readonly addedAt: string;
  readonly enabled: boolean;
  /** Its names recognised only with evidence nearby. */
  readonly strict: boolean;
  /** How many entities it speaks of (entries of a catalogue, names an article mentions). */
  readonly names: number;
}

export interface EntitySummary {
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  readonly names: readonly string[];
  readonly origin: KnownEntity['origin'];
  readonly sources: readonly string[];
  readonly enabled: boolean;
  /** Its names recognised only with evidence nearby. */
  readonly strict: boolean;
  /**
   * Why it is never highlighted, when it is not: its names all belong to other entities (or to two entries of
   * one catalogue), or they are all too short to recognise safely (one character).
   */
  readonly unmatched: null | 'taken' | 'too-short';
  /** A name several entries of a catalogue share (see KnownEntity.shared). */
  readonly shared?: true;
  /** Every name it is recognised by reads like ordinary words: highlighted only with evidence (./ordinary-names). */
  readonly guarded?: true;
}

export interface KnowledgeSummary {
  readonly sources: readonly SourceSummary[];
  readonly entities: readonly EntitySummary[];
  readonly joins: readonly Join[];
}

/** The sources that speak of an entity: the catalogues it is made of, then the articles that mention it. */
export const sourcesOf = (e: KnownEntity): string[] => [...new Set([...e.entries.map((x) => x.source), ...e.articles])];

export function summarise(collection: Collection, knowledge: Knowledge, isOn: (entity: KnownEntity) => boolean): KnowledgeSummary {
  const strict = new Set(collection.strict ?? []);
  const counts = new Map<string, number>();
  for (const e of knowledge.entities) for (const s of sourcesOf(e)) counts.set(s, (counts.get(s) ?? 0) + 1);
  const sources = orderedSources(collection).map(({ source: s, addedAt, enabled }): SourceSummary => ({
    id: s.id, title: s.title, type: s.body.type, addedAt, enabled, strict: strict.has(s.id),
    names: enabled ? (counts.get(s.id) ?? 0) : s.body.type === 'catalogue' ? s.body.entries.length : 0,
    ...(s.date ? { date: s.date } : {}), ...(s.origin.site ? { site: s.origin.site } : {}),
    ...(s.origin.url ? { url: s.origin.url } : {}), ...(s.origin.file ? { file: s.origin.file } : {}),
    ...(s.licence ? { licence: s.licence } : {}),
  }));
  const entities = knowledge.entities.map((e): EntitySummary => ({
    id: e.id, name: e.name, kind: e.kind, names: e.names, origin: e.origin, sources: sourcesOf(e),
    enabled: isOn(e), strict: strict.has(e.id), unmatched: e.aliases.length > 0 ? null : e.names.every(isTooShort) ? 'too-short' : 'taken',
    ...(e.shared ? { shared: true as const } : {}),
    ...(!e.shared && e.aliases.length > 0 && e.aliases.every((a) => a.guard === 'evidence') ? { guarded: true as const } : {}),
  }));
  return { sources, entities, joins: knowledge.joins };
}

/** What adding sources did. */
export interface AddResult {
  /** Sources added, and those that replaced one with the same id (the same URL or catalogue again). */
  readonly added: readonly string[];
  readonly replaced: readonly string[];
  /** Entries of the added catalogues that joined an entity already known. */
  readonly joins: readonly Join[];
  /** Entities the added sources speak of. */
  readonly entities: number;
}
