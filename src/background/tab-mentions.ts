// Mention counts per tab and frame, as the content scripts report them. Pure: the background keeps a copy in
// storage.session (see ./mention-store), because Chrome stops an idle service worker and its memory with it.
import { isEntityId, type EntityId } from '../knowledge/entities';
import type { TabMentions } from '../shared/messages';

export type Counts = Readonly<Record<EntityId, number>>;

/** One tab: counts per frame id (every frame runs its own content script), and its top frame's host. */
export interface TabRecord {
  readonly frames: Readonly<Record<string, Counts>>;
  readonly hostname: string | null;
}

const isCounts = (v: unknown): v is Counts =>
  typeof v === 'object' && v !== null && Object.entries(v).every(([id, n]) => isEntityId(id) && Number.isInteger(n) && n >= 0);

/** A stored record, or null when it is not one (an older version's format, say). */
export function parseTabRecord(raw: unknown): TabRecord | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { frames, hostname } = raw as { frames?: unknown; hostname?: unknown };
  if (typeof frames !== 'object' || frames === null || !Object.values(frames).every(isCounts)) return null;
  return { frames: frames as Record<string, Counts>, hostname: typeof hostname === 'string' ? hostname : null };
}

export function withReport(record: TabRecord | undefined, frameId: number, counts: Counts, hostname: string | null): TabRecord {
  return {
    frames: { ...record?.frames, [frameId]: counts },
    // Only the top frame says which site the tab shows.
    hostname: frameId === 0 ? hostname : record?.hostname ?? null,
  };
}

/** A tab's counts over all its frames (entities in the order the frames first reported them); names come later. */
export function tabMentions(record: TabRecord | undefined): Omit<TabMentions, 'entities'> {
  if (!record) return { counts: null, hostname: null };
  const counts: Record<EntityId, number> = {};
  for (const frame of Object.values(record.frames)) for (const [id, n] of Object.entries(frame)) counts[id] = (counts[id] ?? 0) + n;
  return { counts, hostname: record.hostname };
}

export function totalMentions(record: TabRecord | undefined): number {
  const { counts } = tabMentions(record);
  return counts ? Object.values(counts).reduce((sum, n) => sum + n, 0) : 0;
}
