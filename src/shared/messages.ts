// The one message contract between the extension's contexts (content script, pages -> background).
// Each message names its params and result; the background validates every request before acting.
import { ENTITY_IDS, type EntityId } from '../knowledge/entities';

/** Requests handled by the background (from content scripts and the extension's pages). */
export interface Api {
  /** Open the bundled article in a tab, scrolled to a sentence, with an entity's mentions highlighted. */
  openArticle: { params: { entity: EntityId; sentence: number }; result: { opened: boolean } };
  /** The content script reports how many mentions of each entity the page holds (the toolbar badge). */
  reportMentions: { params: { counts: Record<EntityId, number> }; result: { ok: boolean } };
  /**
   * For the popup: a tab's mention counts over all its frames (null until a content script there reported)
   * and the host name its top frame reported (the popup may not see the tab's URL). Extension pages only.
   */
  getTabMentions: { params: { tabId: number }; result: TabMentions };
}

export interface TabMentions {
  readonly counts: Readonly<Record<EntityId, number>> | null;
  readonly hostname: string | null;
}

/** The background mirrors each tab's counts to storage.session under this key: a change there means "ask again". */
export const MENTIONS_KEY_PREFIX = 'mentions:';
export const mentionsKey = (tabId: number): string => `${MENTIONS_KEY_PREFIX}${tabId}`;

/** Requests handled by the content script of a tab (sent with tabs.sendMessage from the extension). */
export interface TabApi {
  /** Scroll to the next mention (of one entity, or of any) after the last one shown, and open its card. */
  showNextMention: { params: { entity: EntityId | null }; result: { found: boolean } };
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

const isEntityId = (v: unknown): v is EntityId => typeof v === 'string' && (ENTITY_IDS as readonly string[]).includes(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const validators: { [K in keyof AnyApi]: (p: unknown) => p is Params<K> } = {
  openArticle: (p): p is Params<'openArticle'> => {
    const o = p as Record<string, unknown> | null;
    return !!o && isEntityId(o['entity']) && isCount(o['sentence']);
  },
  reportMentions: (p): p is Params<'reportMentions'> => {
    const counts = (p as { counts?: unknown } | null)?.counts as Record<string, unknown> | undefined;
    return !!counts && typeof counts === 'object' && ENTITY_IDS.every((id) => isCount(counts[id]));
  },
  getTabMentions: (p): p is Params<'getTabMentions'> => isCount((p as { tabId?: unknown } | null)?.tabId),
  showNextMention: (p): p is Params<'showNextMention'> => {
    const entity = (p as { entity?: unknown } | null)?.entity;
    return entity === null || isEntityId(entity);
  },
};

/** Narrows an incoming message to a well-formed request of `api`, or returns null for anything else. */
export function parseRequest<K extends keyof AnyApi>(message: unknown, api: readonly K[]): Request<K> | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, params } = message as { type?: unknown; params?: unknown };
  if (typeof type !== 'string' || !(api as readonly string[]).includes(type)) return null;
  return validators[type as K](params) ? ({ type, params } as Request<K>) : null;
}

export const BACKGROUND_API: readonly MessageType[] = ['openArticle', 'reportMentions', 'getTabMentions'];
export const TAB_API: readonly TabMessageType[] = ['showNextMention'];
