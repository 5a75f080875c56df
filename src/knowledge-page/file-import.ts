// One file's bytes turned into a Collection to add, or an error naming the file: all or nothing, so that a
// file cut short never leaves half its entries behind. No browser API here (the page injects the HTML parser
// and the question for an article's title), so that Node tests can import real files through it.
import type { Collection } from '../knowledge/collection';
import { importBackstory } from '../knowledge/import/backstory';
import { importCsv } from '../knowledge/import/csv';
import { decodeFile, detectFormat, detectJsonFormat, parseJson } from '../knowledge/import/detect';
import { fileTitle } from '../knowledge/import/entries';
import { importHtml } from '../knowledge/import/html';
import { ImportError } from '../knowledge/import/import-error';
import { importMisp } from '../knowledge/import/misp';
import { importStix } from '../knowledge/import/stix';
import { importText, type TextMeta } from '../knowledge/import/text';
import type { Source } from '../knowledge/source';

export interface FileImportDeps {
  /** HTML text as an inert Document (the browser's parser in the page, happy-dom in tests). */
  readonly parseHtml: (text: string) => Document;
  /** What a plain text or Markdown file cannot say itself; null when the user cancels. */
  readonly askMeta: (file: string, suggestedTitle: string) => Promise<TextMeta | null>;
  readonly now: () => Date;
}

export interface ImportedFile {
  readonly collection: Collection;
  /** What to call it in the status: the source's title, or the file's name for an export of several. */
  readonly title: string;
}

/** The user closed the question about a text file: not an error of the file, nothing imported. */
export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
  constructor(readonly file: string) {
    super(`${file}: cancelled`);
  }
}

/** JSON is parsed once here and handed on: detectFormat would parse a 50 MB file only to tell its format. */
function jsonSource(data: unknown, file: string): Source | Collection {
  switch (detectJsonFormat(data, file)) {
    case 'misp': return importMisp(data, file);
    case 'stix': return importStix(data, file);
    case 'backstory': return importBackstory(data, file);
  }
}

async function readFile(file: string, text: string, deps: FileImportDeps): Promise<Source | Collection> {
  if (/\.json$/iu.test(file)) return jsonSource(parseJson(text, file), file);
  const format = detectFormat(file, text);
  switch (format) {
    case 'csv': return importCsv(text, file);
    case 'html': return importHtml(deps.parseHtml(text), { file });
    case 'text':
    case 'markdown': {
      const meta = await deps.askMeta(file, fileTitle(file));
      if (meta === null) throw new ImportCancelled(file);
      return importText(text, file, meta);
    }
    // JSON without a .json name (a download saved as "export"): rare, so parsing it a second time is fine.
    default: return jsonSource(parseJson(text, file), file);
  }
}

const isCollection = (x: Source | Collection): x is Collection => 'sources' in x;

export async function importFile(file: string, bytes: Uint8Array, deps: FileImportDeps): Promise<ImportedFile> {
  const read = await readFile(file, decodeFile(file, bytes), deps);
  // A Backstory export is already a collection: its sources keep when they were first added (their order).
  if (isCollection(read)) {
    const only = read.sources.length === 1 ? read.sources[0]!.source : undefined;
    return { collection: read, title: only?.title || file };
  }
  return {
    collection: { sources: [{ source: read, addedAt: deps.now().toISOString(), enabled: true }], names: [], switchedOff: [] },
    title: read.title || file,
  };
}

/** Why a file was refused, in the importers' words (they name the place in the file), or the engine's. */
export function problemOf(error: unknown): string {
  if (error instanceof ImportError) return error.where ? `${error.where}: ${error.problem}` : error.problem;
  return error instanceof Error ? error.message : String(error);
}
