// The one message contract between the extension's contexts (content scripts and pages -> background, and
// pages -> a tab's content script). Each message names its params and result; the receiver validates every
// request before acting (sources to store as deeply as an import does: see the background's addSources).
import { isEntityId, type EntityId } from '../knowledge/entities';
import type { Collection, StoredSource } from '../knowledge/collection';
import type { EntityCard } from '../knowledge/entity-card';
import { ENTITY_KINDS, type EntityKind, type Source } from '../knowledge/source';
import type { AddResult, KnowledgeSummary } from '../knowledge/summary';
import { MAX_TEXTS, MESSAGE_CHARS, type PageNames, type PageText } from '../knowledge/page-names';
import type { PageSoFar } from '../knowledge/matcher';

/** Where the reader page opens: a source, at a sentence of an article or an entry of a catalogue. */
export interface SourceTarget {
  readonly source: string;
  readonly entity: EntityId | null;
  readonly sentence: number | null;
  readonly entry: string | null;
}

/** A source as the reader page shows it: with its mentions and the names of the entities they are of. */
export interface SourceView {
  readonly source: Source;
  readonly mentions: readonly (readonly { readonly entity: string; readonly start: number; readonly end: number }[])[];
  readonly names: Readonly<Record<string, string>>;
}

/** A change of the knowledge, answered with what happened, or with why nothing did. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Requests handled by the background (from content scripts and the extension's pages). */
export interface Api {
  /** Open the reader page in a tab beside the sender's: a source at a sentence or entry. */
  openSource: { params: SourceTarget; result: { opened: boolean } };
  /** The content script reports how many mentions of each entity the page holds (the toolbar badge). */
  reportMentions: { params: { counts: Record<EntityId, number> }; result: { ok: boolean } };
  /**
   * For the popup: a tab's mention counts over all its frames (null until a content script there reported),
   * the host name its top frame reported (the popup may not see the tab's URL), and the entities' names.
   */
  getTabMentions: { params: { tabId: number }; result: TabMentions };
  /**
   * The first pass over a page's texts when the user has added knowledge: the candidates in each, and the
   * names they hold (../knowledge/page-names). The background holds the names; a page sends its text.
   */
  /** `page`: what the page read before, as its earlier answers told it (see ../knowledge/page-names). */
  findNames: { params: { texts: PageText[]; page?: PageSoFar }; result: PageNames };
  /** A card, when it opens (content scripts carry no source text). */
  getCard: { params: { entity: EntityId }; result: { card: EntityCard | null } };
  // The Knowledge page, the popup and the reader page (extension pages only):
  addSources: { params: Collection; result: Outcome<AddResult> };
  addName: { params: { name: string; aliases: string[]; kind: EntityKind; note: string }; result: Outcome<AddResult & { entity: EntityId }> };
  removeName: { params: { id: EntityId }; result: Outcome<boolean> };
  removeSource: { params: { id: string }; result: Outcome<StoredSource | null> };
  setSourceEnabled: { params: { id: string; enabled: boolean }; result: Outcome<boolean> };
  setEntityEnabled: { params: { id: EntityId; enabled: boolean }; result: Outcome<boolean> };
  /** Strict: an entity's or a source's names recognised only with evidence nearby. */
  setStrict: { params: { id: string; strict: boolean }; result: Outcome<boolean> };
  getKnowledge: { params: Record<string, never>; result: KnowledgeSummary };
  exportKnowledge: { params: Record<string, never>; result: { text: string } };
  getSource: { params: { id: string }; result: { view: SourceView | null } };
}

export interface TabMentions {
  readonly counts: Readonly<Record<EntityId, number>> | null;
  readonly hostname: string | null;
  /** Each counted entity's name and kind. */
  readonly entities: Readonly<Record<EntityId, { readonly name: string; readonly kind: EntityKind }>>;
}

/** The background mirrors each tab's counts to storage.session under this key: a change there means "ask again". */
export const MENTIONS_KEY_PREFIX = 'mentions:';
export const mentionsKey = (tabId: number): string => `${MENTIONS_KEY_PREFIX}${tabId}`;

/** Requests handled by the content script of a tab (sent with tabs.sendMessage from the extension). */
export interface TabApi {
  /** Scroll to the next mention (of one entity, or of any) after the last one shown, and open its card. */
  showNextMention: { params: { entity: EntityId | null }; result: { found: boolean } };
  /** The page as it is now, for "Remember this article" (read in the popup with Readability). */
  readPage: { params: Record<string, never>; result: { html: string; url: string } };
}

type AnyApi = Api & TabApi;
export type MessageType = keyof Api;
export type TabMessageType = keyof TabApi;
export type Params<K extends keyof AnyApi> = AnyApi[K]['params'];
export type Result<K extends keyof AnyApi> = AnyApi[K]['result'];
export interface Request<K extends keyof AnyApi = keyof AnyApi> {
  readonly type: K;
  readonly params: Params<K>;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 100_000): v is string => typeof v === 'string' && v.length <= max;
const isId = (v: unknown): v is string => isText(v, 200) && v !== '';
const isEmpty = (p: unknown): p is Record<string, never> => isRecord(p) && Object.keys(p).length === 0;
/** A page names at most this many different entities in one report (more is not a page, it is an attack). */
const MAX_COUNTED = 10_000;

/**
 * The shape of a collection. Its content is read as strictly as an export file by the background before it
 * is stored (the reader is large, and every context imports this module, content scripts included).
 */
const isCollection = (p: unknown): p is Collection =>
  isRecord(p) && Array.isArray(p['sources']) && Array.isArray(p['names']) && Array.isArray(p['switchedOff']);

/** A page's reading so far: a count of characters, and the entities that witness its subject. */
function isPageSoFar(p: unknown): p is PageSoFar {
  if (!isRecord(p) || !isCount(p['chars'])) return false;
  const witnesses = p['witnesses'];
  return Array.isArray(witnesses) && witnesses.length <= MAX_COUNTED && witnesses.every(isEntityId);
}

const validators: { [K in keyof AnyApi]: (p: unknown) => p is Params<K> } = {
  openSource: (p): p is Params<'openSource'> => isRecord(p) && isId(p['source'])
    && (p['entity'] === null || isEntityId(p['entity'])) && (p['sentence'] === null || isCount(p['sentence']))
    && (p['entry'] === null || isId(p['entry'])),
  reportMentions: (p): p is Params<'reportMentions'> => {
    const counts = isRecord(p) ? p['counts'] : undefined;
    if (!isRecord(counts)) return false;
    const entries = Object.entries(counts);
    return entries.length <= MAX_COUNTED && entries.every(([id, n]) => isEntityId(id) && isCount(n));
  },
  getTabMentions: (p): p is Params<'getTabMentions'> => isRecord(p) && isCount(p['tabId']),
  findNames: (p): p is Params<'findNames'> => {
    if (!isRecord(p) || (p['page'] !== undefined && !isPageSoFar(p['page']))) return false;
    const texts = p['texts'];
    if (!Array.isArray(texts) || texts.length > MAX_TEXTS) return false;
    let size = 0;
    for (const t of texts) {
      // (Bytes: UTF-8, at most 3 per UTF-16 code unit.)
      if (typeof t === 'string') size += t.length;
      else if (t instanceof Uint8Array) size += t.length / 3;
      else return false;
    }
    return size <= MESSAGE_CHARS;
  },
  getCard: (p): p is Params<'getCard'> => isRecord(p) && isEntityId(p['entity']),
  addSources: (p): p is Params<'addSources'> => isCollection(p),
  addName: (p): p is Params<'addName'> => isRecord(p) && isText(p['name'], 300) && p['name'].trim() !== ''
    && Array.isArray(p['aliases']) && p['aliases'].length <= 1000 && p['aliases'].every((a) => isText(a, 300))
    && (ENTITY_KINDS as readonly unknown[]).includes(p['kind']) && isText(p['note'], 10_000),
  removeName: (p): p is Params<'removeName'> => isRecord(p) && isEntityId(p['id']),
  removeSource: (p): p is Params<'removeSource'> => isRecord(p) && isId(p['id']),
  setSourceEnabled: (p): p is Params<'setSourceEnabled'> => isRecord(p) && isId(p['id']) && typeof p['enabled'] === 'boolean',
  setEntityEnabled: (p): p is Params<'setEntityEnabled'> => isRecord(p) && isEntityId(p['id']) && typeof p['enabled'] === 'boolean',
  setStrict: (p): p is Params<'setStrict'> => isRecord(p) && isId(p['id']) && typeof p['strict'] === 'boolean',
  getKnowledge: isEmpty,
  exportKnowledge: isEmpty,
  getSource: (p): p is Params<'getSource'> => isRecord(p) && isId(p['id']),
  showNextMention: (p): p is Params<'showNextMention'> => {
    const entity = isRecord(p) ? p['entity'] : undefined;
    return entity === null || isEntityId(entity);
  },
  readPage: isEmpty,
};

/** Narrows an incoming message to a well-formed request of `api`, or returns null for anything else. */
export function parseRequest<K extends keyof AnyApi>(message: unknown, api: readonly K[]): Request<K> | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, params } = message as { type?: unknown; params?: unknown };
  if (typeof type !== 'string' || !(api as readonly string[]).includes(type)) return null;
  return validators[type as K](params) ? ({ type, params } as Request<K>) : null;
}

export const BACKGROUND_API: readonly MessageType[] = [
  'openSource', 'reportMentions', 'getTabMentions', 'findNames', 'getCard', 'addSources', 'addName', 'removeName', 'removeSource',
  'setSourceEnabled', 'setEntityEnabled', 'setStrict', 'getKnowledge', 'exportKnowledge', 'getSource',
];
/** What only the extension's own pages may ask: a content script runs inside web pages, which may be hostile. */
export const PAGE_ONLY: ReadonlySet<MessageType> = new Set<MessageType>([
  'getTabMentions', 'addSources', 'addName', 'removeName', 'removeSource', 'setSourceEnabled', 'setEntityEnabled', 'setStrict',
  'getKnowledge', 'exportKnowledge', 'getSource',
]);
export const TAB_API: readonly TabMessageType[] = ['showNextMention', 'readPage'];
