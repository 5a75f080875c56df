// The user's settings: typed, with defaults, and parsed field by field so that a corrupt stored value falls
// back to its default instead of breaking the extension. Pure; storage lives in ./settings-store.
import { ENTITY_IDS, type BuiltinId } from '../knowledge/entities';

/** How marks look on pages (presets in ./highlight-styles). */
export type HighlightStyle = 'yellow' | 'blue' | 'pink' | 'underline';
export const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['yellow', 'blue', 'pink', 'underline'];

export interface Settings {
  readonly enabled: boolean;
  /** Host names where Backstory stays off. */
  readonly disabledSites: readonly string[];
  readonly entities: Readonly<Record<BuiltinId, boolean>>;
  /** Hover intent: how long the pointer rests on a mention before its card opens. */
  readonly hoverDelayMs: number;
  readonly highlightStyle: HighlightStyle;
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  entities: { 'pawn-storm': true, macron: true, 'trend-micro': true },
  hoverDelayMs: 300,
  highlightStyle: 'yellow',
};

export const HOVER_DELAY_RANGE = { min: 0, max: 2000 } as const;

export function parseSettings(raw: unknown): Settings {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const entitiesRaw = (typeof o['entities'] === 'object' && o['entities'] !== null ? o['entities'] : {}) as Record<string, unknown>;
  const entities = Object.fromEntries(
    ENTITY_IDS.map((id) => [id, typeof entitiesRaw[id] === 'boolean' ? entitiesRaw[id] : DEFAULT_SETTINGS.entities[id]]),
  ) as Record<BuiltinId, boolean>;
  const delay = o['hoverDelayMs'];
  const sites = o['disabledSites'];
  const style = o['highlightStyle'];
  return {
    enabled: typeof o['enabled'] === 'boolean' ? o['enabled'] : DEFAULT_SETTINGS.enabled,
    // Deduplicated: the options page lists each site once, and removing it must remove every copy.
    disabledSites: Array.isArray(sites) ? [...new Set(sites.filter((s): s is string => typeof s === 'string' && s !== ''))] : [],
    entities,
    hoverDelayMs:
      typeof delay === 'number' && Number.isFinite(delay) && delay >= HOVER_DELAY_RANGE.min && delay <= HOVER_DELAY_RANGE.max
        ? delay
        : DEFAULT_SETTINGS.hoverDelayMs,
    highlightStyle: (HIGHLIGHT_STYLES as readonly unknown[]).includes(style) ? (style as HighlightStyle) : DEFAULT_SETTINGS.highlightStyle,
  };
}

/** Whether Backstory should run on a page of this host name. */
export function isActiveOn(settings: Settings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(hostname);
}
