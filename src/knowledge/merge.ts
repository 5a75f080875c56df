// Merging without blobs: when a catalogue entry joins an entity Backstory already knows. An entry joins the
// entity that already owns its name or one of its aliases (MISP's APT28, with Sofacy and Pawn Storm among its
// synonyms, joins the built-in Pawn Storm), under rules that keep unrelated groups apart:
//  - a name that two entries of the same catalogue share is no evidence (the catalogue itself tells them apart);
//  - an entity takes at most one entry from each catalogue (the catalogue says they are different things): the
//    entry with the strongest evidence, and none on a tie, whatever the order of the file;
//  - evidence weighs more when it is a name against a name (ATT&CK's "APT17" against MISP's "APT17") than an
//    alias against an alias (ATT&CK's "Axiom" against MISP's APT17, which lists Axiom as a synonym);
//  - an entry whose names point at two entities equally joins neither.
// Kinds must agree too: a malware family named after a group does not join the group.
import type { CatalogueEntry, CatalogueSource, EntityKind } from './source';

/** Who owns a name: the entity, and whether it is that entity's own name (or a curated built-in alias). */
export interface Owner {
  readonly id: string;
  readonly primary: boolean;
}

/** Name key (case and spacing folded) -> the entity that owns the name. */
export type NameIndex = Map<string, Owner>;

export interface Join {
  readonly source: string;
  readonly sourceTitle: string;
  /** The catalogue entry's name and key. */
  readonly entry: string;
  readonly key: string;
  /** The entity it joined. */
  readonly entity: string;
  /** The name they share. */
  readonly via: string;
}

export interface JoinStep {
  readonly entry: CatalogueEntry;
  /** Set when the entry joins an existing entity. */
  readonly joins: Join | null;
  /** Name keys that another entry of the same catalogue also uses. */
  readonly shared: ReadonlySet<string>;
  /** Whether the entry's name is its own in the catalogue: no other entry is called so (they may list it as an alias). */
  readonly ownName: boolean;
}

/** How names are compared when merging: case, compatibility forms and runs of white space folded. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Whether an entry of one kind may be the same thing as an entity of another. */
export function kindsAgree(a: EntityKind, b: EntityKind): boolean {
  if (a === b || a === 'other' || b === 'other') return true;
  const software = new Set<EntityKind>(['malware', 'tool']);
  return software.has(a) && software.has(b);
}

/** Names that more than one entry of a catalogue uses. */
export function sharedNames(entries: readonly CatalogueEntry[]): Set<string> {
  const count = new Map<string, number>();
  for (const e of entries) {
    for (const k of new Set([e.name, ...e.aliases].map(nameKey))) count.set(k, (count.get(k) ?? 0) + 1);
  }
  return new Set([...count].filter(([, n]) => n > 1).map(([k]) => k));
}

interface Score {
  readonly best: number;
  readonly total: number;
}
const compare = (a: Score, b: Score): number => a.best - b.best || a.total - b.total;

/** How much a shared name says: a name against a name most, an alias against an alias least. */
const weight = (entryName: boolean, owner: Owner): number => (entryName ? 2 : 1) * (owner.primary ? 2 : 1);

/**
 * Decides which existing entity each entry of a catalogue joins, if any, against the index as it stands
 * before the catalogue (entries of one catalogue never join each other).
 */
export function joinCatalogue(
  source: CatalogueSource,
  index: NameIndex,
  kindOf: (entity: string) => EntityKind | undefined,
): JoinStep[] {
  const shared = sharedNames(source.body.entries);
  const primary = new Map<string, number>();
  for (const e of source.body.entries) primary.set(nameKey(e.name), (primary.get(nameKey(e.name)) ?? 0) + 1);

  // Each entry's best entity, when one stands out: the strongest single piece of evidence first (a name that is
  // the entity's own name), then the sum of all.
  const wants = source.body.entries.map((entry) => {
    const scores = new Map<string, Score & { via: string }>();
    for (const [i, name] of [entry.name, ...entry.aliases].entries()) {
      const key = nameKey(name);
      if (shared.has(key)) continue;
      const owner = index.get(key);
      const kind = owner && kindOf(owner.id);
      if (!owner || !kind || !kindsAgree(kind, entry.kind)) continue;
      const c = scores.get(owner.id) ?? { best: 0, total: 0, via: name };
      const w = weight(i === 0, owner);
      scores.set(owner.id, { best: Math.max(c.best, w), total: c.total + w, via: w > c.best ? name : c.via });
    }
    const [best, second] = [...scores].sort((a, b) => compare(b[1], a[1]));
    return best && (!second || compare(best[1], second[1]) > 0) ? { entity: best[0], ...best[1] } : null;
  });

  // Each entity goes to the entry that wants it most; on a tie, to none.
  const winner = new Map<string, number>();
  const tied = new Set<string>();
  wants.forEach((w, i) => {
    if (!w) return;
    const held = winner.get(w.entity);
    const order = held === undefined ? 1 : compare(w, wants[held]!);
    if (order > 0) {
      winner.set(w.entity, i);
      tied.delete(w.entity);
    } else if (order === 0) tied.add(w.entity);
  });

  return source.body.entries.map((entry, i): JoinStep => {
    const w = wants[i];
    const joins = w && winner.get(w.entity) === i && !tied.has(w.entity)
      ? { source: source.id, sourceTitle: source.title, entry: entry.name, key: entry.key, entity: w.entity, via: w.via }
      : null;
    return { entry, joins, shared, ownName: primary.get(nameKey(entry.name)) === 1 };
  });
}
