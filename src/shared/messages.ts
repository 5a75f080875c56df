// The one message contract between the extension's contexts (content script, pages -> background).
// Each message names its params and result; the background validates every request before acting.
import { ENTITY_IDS, type EntityId } from '../knowledge/entities';

export interface Api {
  /** Open the bundled article in a tab, scrolled to a sentence, with an entity's mentions highlighted. */
  openArticle: { params: { entity: EntityId; sentence: number }; result: { opened: boolean } };
  /** The content script reports how many mentions of each entity the page holds (the toolbar badge). */
  reportMentions: { params: { counts: Record<EntityId, number> }; result: { ok: boolean } };
}

export type MessageType = keyof Api;
export type Params<K extends MessageType> = Api[K]['params'];
export type Result<K extends MessageType> = Api[K]['result'];
export interface Request<K extends MessageType = MessageType> {
  readonly type: K;
  readonly params: Params<K>;
}

const isEntityId = (v: unknown): v is EntityId => typeof v === 'string' && (ENTITY_IDS as readonly string[]).includes(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const validators: { [K in MessageType]: (p: unknown) => p is Params<K> } = {
  openArticle: (p): p is Params<'openArticle'> => {
    const o = p as Record<string, unknown> | null;
    return !!o && isEntityId(o['entity']) && isCount(o['sentence']);
  },
  reportMentions: (p): p is Params<'reportMentions'> => {
    const counts = (p as { counts?: unknown } | null)?.counts as Record<string, unknown> | undefined;
    return !!counts && typeof counts === 'object' && ENTITY_IDS.every((id) => isCount(counts[id]));
  },
};

/** Narrows an incoming message to a well-formed request, or returns null for anything else. */
export function parseRequest(message: unknown): Request | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, params } = message as { type?: unknown; params?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(validators, type)) return null;
  return validators[type as MessageType](params) ? ({ type, params } as Request) : null;
}
