// The entity data file (assets/entities.json): its types and the validation that makes a broken file fail
// the build with a message naming what is wrong, instead of shipping a matcher that silently misses.

/** The built-in entities, defined with the bundled article. */
export type BuiltinId = 'pawn-storm' | 'macron' | 'trend-micro';
export const ENTITY_IDS: readonly BuiltinId[] = ['pawn-storm', 'macron', 'trend-micro'];
/** Any entity's id: a built-in one, or one of a name the user imported or added (see ./knowledge). */
export type EntityId = string;
/** What an entity id looks like (built-in ids, and `stableId`'s "ent-…" and "user-…"). */
export const isEntityId = (v: unknown): v is EntityId => typeof v === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/u.test(v);
export const isBuiltinId = (v: unknown): v is BuiltinId => (ENTITY_IDS as readonly unknown[]).includes(v);

export interface Alias {
  readonly text: string;
  /**
   * "exact": only as written (STRONTIUM). Default: as written or in ALL CAPS. "any-case": also in other cases, as
   * catalogues write one name several ways (malpedia's MimiKatz, ATT&CK's Mimikatz); see ./matcher's resolveCase.
   * Given to catalogues' names by the knowledge compiler, never read from the entity file.
   */
  readonly caps?: 'exact' | 'as-written-or-upper' | 'any-case';
  /**
   * "evidence": an ordinary word, recognised only with evidence: nearby, or the page's being about security
   * (see ../knowledge/ordinary-names). "strict": the user's choice, only with evidence nearby.
   */
  readonly guard?: 'evidence' | 'strict';
}

export interface Exclusion {
  readonly why: string;
  readonly form?: 'upper';
  readonly before?: string;
  readonly after?: string;
  readonly block?: string;
}

export interface Entity {
  readonly id: BuiltinId;
  readonly name: string;
  readonly kind: 'group' | 'person' | 'company';
  /** What the entity is, in the article's own words (checked verbatim at build time). */
  readonly description: string;
  readonly aliases: readonly Alias[];
  readonly exclusions: readonly Exclusion[];
}

export interface EntityFile {
  /** When the bundled article was published (the card's source line). */
  readonly source: { readonly year: number };
  readonly entities: readonly Entity[];
}

export class EntityFileError extends Error {
  override name = 'EntityFileError';
}

const KINDS = new Set(['group', 'person', 'company']);

function fail(where: string, problem: string): never {
  throw new EntityFileError(`entities file: ${where}: ${problem}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.trim() === '') fail(where, 'must be a non-empty string');
  return v;
}

function regexSource(v: unknown, where: string): string | undefined {
  if (v === undefined) return undefined;
  const source = nonEmptyString(v, where);
  try {
    new RegExp(source, 'u');
  } catch (e) {
    fail(where, `is not a valid regular expression (${(e as Error).message})`);
  }
  return source;
}

function parseAlias(v: unknown, where: string): Alias {
  if (!isRecord(v)) fail(where, 'must be an object like {"text": "APT28"}');
  const text = nonEmptyString(v['text'], `${where}.text`);
  if (text !== text.trim() || /\s{2,}/u.test(text)) fail(`${where}.text`, `"${text}" has stray white space`);
  const caps = v['caps'];
  if (caps === undefined) return { text };
  if (caps !== 'exact' && caps !== 'as-written-or-upper') fail(`${where}.caps`, 'must be "exact" or "as-written-or-upper"');
  return { text, caps };
}

function parseExclusion(v: unknown, where: string): Exclusion {
  if (!isRecord(v)) fail(where, 'must be an object');
  const why = nonEmptyString(v['why'], `${where}.why`);
  const form = v['form'];
  if (form !== undefined && form !== 'upper') fail(`${where}.form`, 'must be "upper" when given');
  const parts = {
    before: regexSource(v['before'], `${where}.before`),
    after: regexSource(v['after'], `${where}.after`),
    block: regexSource(v['block'], `${where}.block`),
  };
  if (!parts.before && !parts.after && !parts.block) fail(where, 'needs at least one of before, after, block');
  return {
    why,
    ...(form ? { form } : {}),
    ...(parts.before ? { before: parts.before } : {}),
    ...(parts.after ? { after: parts.after } : {}),
    ...(parts.block ? { block: parts.block } : {}),
  };
}

function parseEntity(v: unknown, where: string): Entity {
  if (!isRecord(v)) fail(where, 'must be an object');
  const id = v['id'];
  if (typeof id !== 'string' || !(ENTITY_IDS as readonly string[]).includes(id)) {
    fail(`${where}.id`, `must be one of ${ENTITY_IDS.join(', ')} (got ${JSON.stringify(id)})`);
  }
  const kind = v['kind'];
  if (typeof kind !== 'string' || !KINDS.has(kind)) fail(`${where}.kind`, `must be one of ${[...KINDS].join(', ')}`);
  const aliases = v['aliases'];
  if (!Array.isArray(aliases) || aliases.length === 0) fail(`${where}.aliases`, 'must be a non-empty array');
  const exclusions = v['exclusions'] ?? [];
  if (!Array.isArray(exclusions)) fail(`${where}.exclusions`, 'must be an array');
  return {
    id: id as BuiltinId,
    name: nonEmptyString(v['name'], `${where}.name`),
    kind: kind as Entity['kind'],
    description: nonEmptyString(v['description'], `${where}.description`),
    aliases: aliases.map((a, i) => parseAlias(a, `${where}.aliases[${i}]`)),
    exclusions: exclusions.map((x, i) => parseExclusion(x, `${where}.exclusions[${i}]`)),
  };
}

/** Parses the JSON text of the entity file; throws EntityFileError naming the problem. */
export function parseEntityFile(jsonText: string): EntityFile {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch (e) {
    throw new EntityFileError(`entities file: not valid JSON (${(e as Error).message})`);
  }
  if (!isRecord(data)) fail('top level', 'must be an object with "source" and "entities"');
  const source = data['source'];
  if (!isRecord(source)) fail('source', 'must be an object {year}');
  const year = source['year'];
  if (typeof year !== 'number' || !Number.isInteger(year)) fail('source.year', 'must be a whole number');
  const list = data['entities'];
  if (!Array.isArray(list) || list.length === 0) fail('entities', 'must be a non-empty array');
  const entities = list.map((e, i) => parseEntity(e, `entities[${i}]`));
  const seenIds = new Set<string>();
  const seenAliases = new Map<string, string>();
  for (const e of entities) {
    if (seenIds.has(e.id)) fail(`entity ${e.id}`, 'is listed twice');
    seenIds.add(e.id);
    for (const a of e.aliases) {
      const owner = seenAliases.get(a.text);
      if (owner) fail(`entity ${e.id}`, `alias "${a.text}" is already an alias of ${owner}`);
      seenAliases.set(a.text, e.id);
    }
  }
  return { source: { year }, entities };
}
