// What the popup shows, decided from what it knows about the tab. Pure, so every case is unit-tested.
import type { EntityId } from '../knowledge/entities';
import type { EntityKind } from '../knowledge/source';
import type { TabMentions } from '../shared/messages';
import { isActiveOn, type Settings } from '../shared/settings';

export interface PageFacts {
  readonly settings: Settings;
  /** Whether the user lets Backstory read websites (see shared/host-access). */
  readonly access: boolean;
  /** The user has just granted access from the popup: the page must be reloaded (or rescanned) first. */
  readonly justGranted: boolean;
  /** The tab's host name, when known (from its URL, or from what its content script reported). */
  readonly host: string | null;
  /** False for pages no extension may read (browser pages, stores); null when the URL is unknown. */
  readonly readable: boolean | null;
  readonly loading: boolean;
  readonly mentions: TabMentions;
}

export interface Found {
  readonly entity: EntityId;
  readonly count: number;
  readonly name: string;
  readonly kind: EntityKind;
}

export type PopupView =
  | { readonly kind: 'off' | 'unreadable' | 'no-access' | 'granted' | 'site-off' | 'loading' | 'none' }
  | { readonly kind: 'found'; readonly found: readonly Found[] };

export function popupView(facts: PageFacts): PopupView {
  if (!facts.settings.enabled) return { kind: 'off' };
  if (facts.readable === false) return { kind: 'unreadable' };
  if (!facts.access) return { kind: 'no-access' };
  if (facts.host !== null && !isActiveOn(facts.settings, facts.host)) return { kind: 'site-off' };
  const { counts, entities } = facts.mentions;
  if (!counts) {
    if (facts.justGranted) return { kind: 'granted' };
    return { kind: facts.loading ? 'loading' : 'unreadable' };
  }
  // Most mentioned first; ties keep the order the page reported them in, so the list does not jump around.
  // An entity the background no longer knows (removed since the page was read) is left out.
  const found = Object.entries(counts).flatMap(([entity, count]) => {
    const about = entities[entity];
    return about && count > 0 ? [{ entity, count, name: about.name, kind: about.kind }] : [];
  }).sort((a, b) => b.count - a.count);
  return found.length ? { kind: 'found', found } : { kind: 'none' };
}

/** Whether a URL is one a content script may run on at all (the host may still be withheld or switched off). */
export function isReadableUrl(url: string): boolean {
  return /^(?:https?|file):/iu.test(url);
}

/** The ?tab=<id> the popup was opened with as a page (see ./target-tab), or null for the toolbar popup. */
export function requestedTabId(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  return raw !== null && /^\d+$/u.test(raw) ? Number(raw) : null;
}
