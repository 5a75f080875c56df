// The one model of a source: what Backstory knows comes from sources, and every card quotes one. A source is
// either an article (paragraphs of sentences) or a catalogue (entries with names, aliases and a description).
// Importers turn each file format into this model; the knowledge compiler (./knowledge.ts) turns sources
// into entities and what matching needs. Pure data: JSON-serialisable, stored as is.

/** What an entity is. Catalogue kinds map onto these; anything else is "other". */
export type EntityKind = 'group' | 'person' | 'company' | 'malware' | 'tool' | 'campaign' | 'other';
export const ENTITY_KINDS: readonly EntityKind[] = ['group', 'person', 'company', 'malware', 'tool', 'campaign', 'other'];

export interface Sentence {
  readonly id: number;
  readonly paragraph: number;
  readonly text: string;
}

export interface ArticleBody {
  readonly type: 'article';
  /** Sentence ids, paragraph by paragraph. */
  readonly paragraphs: readonly (readonly number[])[];
  readonly sentences: readonly Sentence[];
  readonly byline?: string;
  /** The article's own summary, when it carries one (the bundled article does). */
  readonly summary?: string;
  /** BCP 47 language tag of the text, when known. */
  readonly lang?: string;
}

export interface Reference {
  /** An identifier in the catalogue's scheme (ATT&CK's G0007, S0023), when it has one. */
  readonly externalId?: string;
  readonly url?: string;
  /** What the reference is called in its source (an ATT&CK citation name, a source name). */
  readonly label?: string;
}

export interface CatalogueEntry {
  /** Stable within its source (a MISP or STIX uuid, a CSV row's name): what entities refer to. */
  readonly key: string;
  readonly name: string;
  /** Other names, in the catalogue's order, without the name itself. */
  readonly aliases: readonly string[];
  readonly kind: EntityKind;
  /** Verbatim from the catalogue (it may hold Markdown and citation markers: shown as text, see ./rich-text). */
  readonly description: string;
  readonly references: readonly Reference[];
}

export interface CatalogueBody {
  readonly type: 'catalogue';
  readonly entries: readonly CatalogueEntry[];
}

export interface SourceOrigin {
  /** The site's name or host, for an article read on the web. */
  readonly site?: string;
  readonly url?: string;
  /** The file it was imported from. */
  readonly file?: string;
}

export interface Source {
  /** Stable: the same URL or the same catalogue imported again gets the same id, and replaces it. */
  readonly id: string;
  readonly title: string;
  readonly origin: SourceOrigin;
  /** When it was published, as far as known: "2017", "2017-04", or "2017-04-25". */
  readonly date?: string;
  /** The notice a licence asks to reproduce with any copy. */
  readonly licence?: string;
  readonly body: ArticleBody | CatalogueBody;
}

export type ArticleSource = Source & { readonly body: ArticleBody };
export type CatalogueSource = Source & { readonly body: CatalogueBody };

/** The bundled article's id among sources. */
export const BUNDLED_SOURCE_ID = 'bundled';

export const isArticle = (s: Source): s is ArticleSource => s.body.type === 'article';
export const isCatalogue = (s: Source): s is CatalogueSource => s.body.type === 'catalogue';

/**
 * A short, stable id from text (FNV-1a, 52 bits, base 36): sources and entities are named by what they come
 * from, so that importing the same thing again finds it. Not a security hash; collisions are astronomically rare
 * at the thousands of sources a user keeps.
 */
export function stableId(prefix: string, ...parts: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of parts.join('\u0000')) {
    const c = ch.codePointAt(0)!;
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${prefix}-${((h2 & 0xfffff) * 0x100000000 + h1).toString(36)}`;
}

/** A date as far as it is known ("2017-04-25T09:00:00Z" -> "2017-04-25"), or undefined when it is not a date. */
export function normaliseDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/u.exec(text);
  if (iso) return [iso[1], iso[2], iso[3]].filter(Boolean).join('-');
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString().slice(0, 10);
}
