// The Names list's search: any of an entity's names, case-insensitively, over thousands of entities on every
// keystroke. Each entity's names are folded once per summary, not once per search.
import type { EntitySummary } from '../knowledge/summary';

export const SHOWN_AT_MOST = 100;

export interface Filtered {
  readonly shown: readonly EntitySummary[];
  /** All that match, shown or not. */
  readonly total: number;
}

const fold = (text: string): string => text.toLocaleLowerCase().replace(/\s+/gu, ' ').trim();

export class EntityIndex {
  private readonly folded: readonly { readonly entity: EntitySummary; readonly names: readonly string[] }[];

  constructor(entities: readonly EntitySummary[]) {
    // The user's own names first: they are the ones managed here; the rest in the knowledge's own order.
    const ordered = [...entities.filter((e) => e.origin === 'user'), ...entities.filter((e) => e.origin !== 'user')];
    this.folded = ordered.map((entity) => ({ entity, names: [entity.name, ...entity.names].map(fold) }));
  }

  /**
   * The entities with a name containing `query`: one called exactly so first, then one with a name that starts
   * so, then the rest, each group in list order.
   */
  filter(query: string, limit = SHOWN_AT_MOST): Filtered {
    const q = fold(query);
    if (q === '') return { shown: this.folded.slice(0, limit).map((f) => f.entity), total: this.folded.length };
    const ranked: [EntitySummary[], EntitySummary[], EntitySummary[]] = [[], [], []];
    for (const { entity, names } of this.folded) {
      let rank = 3;
      for (const name of names) {
        if (name === q) rank = 0;
        else if (rank > 1 && name.startsWith(q)) rank = 1;
        else if (rank > 2 && name.includes(q)) rank = 2;
        if (rank === 0) break;
      }
      if (rank < 3) ranked[rank as 0 | 1 | 2].push(entity);
    }
    const all = ranked.flat();
    return { shown: all.slice(0, limit), total: all.length };
  }
}
