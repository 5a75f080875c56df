// A Backstory export (../collection.ts) read back. Every field is checked: the file may have been edited by
// hand or cut short, and a source that is let in is later shown in cards. All or nothing: the first problem
// fails the whole file, naming where it is.
import { EXPORT_FORMAT, EXPORT_VERSION, type Collection, type StoredSource } from '../collection';
import type { UserEntity } from '../knowledge';
import {
  ENTITY_KINDS, type ArticleBody, type CatalogueBody, type CatalogueEntry, type EntityKind, type Reference, type Sentence, type Source,
} from '../source';
import { ImportError } from './import-error';

type Obj = Record<string, unknown>;

class Reader {
  constructor(private readonly file: string) {}

  fail(where: string, problem: string): never {
    throw new ImportError(this.file, problem, where);
  }

  obj(v: unknown, where: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(where, 'must be an object');
    return v as Obj;
  }

  arr(v: unknown, where: string): unknown[] {
    if (!Array.isArray(v)) this.fail(where, 'must be an array');
    return v;
  }

  str(v: unknown, where: string, { empty = false } = {}): string {
    if (typeof v !== 'string' || (!empty && v.trim() === '')) this.fail(where, empty ? 'must be a string' : 'must be a non-empty string');
    return v;
  }

  optStr(v: unknown, where: string): string | undefined {
    return v === undefined ? undefined : this.str(v, where, { empty: true });
  }

  int(v: unknown, where: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) this.fail(where, 'must be a whole number');
    return v;
  }

  kind(v: unknown, where: string): EntityKind {
    if (!(ENTITY_KINDS as readonly unknown[]).includes(v)) this.fail(where, `must be one of ${ENTITY_KINDS.join(', ')}`);
    return v as EntityKind;
  }
}

/** Copies the optional string fields that are present. */
function optional(r: Reader, o: Obj, where: string, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = r.optStr(o[k], `${where}.${k}`);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function readArticle(r: Reader, o: Obj, where: string): ArticleBody {
  const sentences = r.arr(o['sentences'], `${where}.sentences`).map((raw, i): Sentence => {
    const s = r.obj(raw, `${where}.sentences[${i}]`);
    const id = r.int(s['id'], `${where}.sentences[${i}].id`);
    if (id !== i) r.fail(`${where}.sentences[${i}].id`, `must be ${i}`);
    return { id, paragraph: r.int(s['paragraph'], `${where}.sentences[${i}].paragraph`), text: r.str(s['text'], `${where}.sentences[${i}].text`) };
  });
  const paragraphs = r.arr(o['paragraphs'], `${where}.paragraphs`).map((p, i) =>
    r.arr(p, `${where}.paragraphs[${i}]`).map((id, j) => {
      const n = r.int(id, `${where}.paragraphs[${i}][${j}]`);
      if (n >= sentences.length) r.fail(`${where}.paragraphs[${i}][${j}]`, `names sentence ${n}, which does not exist`);
      return n;
    }));
  if (sentences.length === 0) r.fail(`${where}.sentences`, 'is empty');
  return { type: 'article', paragraphs, sentences, ...optional(r, o, where, ['byline', 'summary', 'lang']) };
}

function readEntry(r: Reader, raw: unknown, where: string): CatalogueEntry {
  const e = r.obj(raw, where);
  const references = r.arr(e['references'] ?? [], `${where}.references`).map((x, i): Reference =>
    optional(r, r.obj(x, `${where}.references[${i}]`), `${where}.references[${i}]`, ['externalId', 'url', 'label']));
  return {
    key: r.str(e['key'], `${where}.key`),
    name: r.str(e['name'], `${where}.name`),
    aliases: r.arr(e['aliases'] ?? [], `${where}.aliases`).map((a, i) => r.str(a, `${where}.aliases[${i}]`)),
    kind: r.kind(e['kind'], `${where}.kind`),
    description: r.str(e['description'] ?? '', `${where}.description`, { empty: true }),
    references,
  };
}

function readSource(r: Reader, raw: unknown, where: string): Source {
  const s = r.obj(raw, where);
  const origin = optional(r, r.obj(s['origin'] ?? {}, `${where}.origin`), `${where}.origin`, ['site', 'url', 'file']);
  const b = r.obj(s['body'], `${where}.body`);
  let body: ArticleBody | CatalogueBody;
  if (b['type'] === 'article') body = readArticle(r, b, `${where}.body`);
  else if (b['type'] === 'catalogue') {
    const entries = r.arr(b['entries'], `${where}.body.entries`).map((e, i) => readEntry(r, e, `${where}.body.entries[${i}]`));
    const keys = new Set(entries.map((e) => e.key));
    if (keys.size !== entries.length) r.fail(`${where}.body.entries`, 'two entries share a key');
    body = { type: 'catalogue', entries };
  } else r.fail(`${where}.body.type`, 'must be "article" or "catalogue"');
  return {
    id: r.str(s['id'], `${where}.id`),
    title: r.str(s['title'], `${where}.title`, { empty: true }),
    origin,
    ...optional(r, s, where, ['date', 'licence']),
    body,
  };
}

function readName(r: Reader, raw: unknown, where: string): UserEntity {
  const n = r.obj(raw, where);
  return {
    id: r.str(n['id'], `${where}.id`),
    name: r.str(n['name'], `${where}.name`),
    aliases: r.arr(n['aliases'] ?? [], `${where}.aliases`).map((a, i) => r.str(a, `${where}.aliases[${i}]`)),
    kind: r.kind(n['kind'], `${where}.kind`),
    note: r.str(n['note'] ?? '', `${where}.note`, { empty: true }),
  };
}

/** Whether parsed JSON looks like a Backstory export (so the format can be told from its content). */
export function isBackstoryExport(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Obj)['format'] === EXPORT_FORMAT;
}

export function importBackstory(data: unknown, file: string): Collection {
  const r: Reader = new Reader(file); // annotated: TypeScript narrows after r.fail() (never) only then
  const o = r.obj(data, 'top level');
  if (o['format'] !== EXPORT_FORMAT) r.fail('format', `must be "${EXPORT_FORMAT}": this is not a Backstory export`);
  if (o['version'] !== EXPORT_VERSION) r.fail('version', `is ${JSON.stringify(o['version'])}; this Backstory reads version ${EXPORT_VERSION}`);
  const sources = r.arr(o['sources'], 'sources').map((raw, i): StoredSource => {
    const s = r.obj(raw, `sources[${i}]`);
    const enabled = s['enabled'];
    if (typeof enabled !== 'boolean') r.fail(`sources[${i}].enabled`, 'must be true or false');
    return { source: readSource(r, s['source'], `sources[${i}].source`), addedAt: r.str(s['addedAt'], `sources[${i}].addedAt`), enabled };
  });
  if (new Set(sources.map((s) => s.source.id)).size !== sources.length) r.fail('sources', 'two sources share an id');
  return {
    sources,
    names: r.arr(o['names'] ?? [], 'names').map((n, i) => readName(r, n, `names[${i}]`)),
    switchedOff: r.arr(o['switchedOff'] ?? [], 'switchedOff').map((x, i) => r.str(x, `switchedOff[${i}]`)),
    strict: r.arr(o['strict'] ?? [], 'strict').map((x, i) => r.str(x, `strict[${i}]`)),
  };
}
