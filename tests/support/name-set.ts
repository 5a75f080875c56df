// Entities' names as the background's pack holds them (ids by index, forms sorted, guards, witnesses, rules),
// without compiling a whole knowledge: for tests of the first pass split between the background and a page.
import { matcherData, type MatchEntity } from '../../src/knowledge/matcher';
import type { NameSet } from '../../src/knowledge/matching-pack';

export function nameSet(entities: readonly MatchEntity[]): NameSet {
  const data = matcherData(entities);
  const ids = entities.map((e) => e.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const exclusions = Object.fromEntries(entities.flatMap((e, i) => (e.exclusions.length ? [[i, e.exclusions]] : [])));
  return {
    ids, forms: data.forms, owners: data.owners.map((id) => index.get(id)!), guarded: data.guarded, strict: data.strict ?? [], anyCase: data.anyCase ?? [],
    witnesses: data.witnesses.map((id) => index.get(id)!), exclusions,
  };
}
