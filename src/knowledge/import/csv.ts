// A spreadsheet of names, the format a team keeps by hand: one row per entity, a "name" column and optional
// "aliases", "kind", "description" and "source". The one module that imports papaparse.
import Papa from 'papaparse';
import { stableId, type CatalogueEntry, type CatalogueSource, type EntityKind, type Reference } from '../source';
import { aliasesOf, fileTitle, text, uniqueKeys } from './entries';
import { ImportError } from './import-error';

const KIND_WORDS: readonly [RegExp, EntityKind][] = [
  [/^(group|actor|apt|threat[ -]?actor|intrusion[ -]?set|adversary)s?$/u, 'group'],
  [/^(malware|ransomware|rat|backdoor|trojan|virus|worm|loader|stealer|botnet)s?$/u, 'malware'],
  [/^(tool|software|utility)s?$/u, 'tool'],
  [/^(campaign|operation)s?$/u, 'campaign'],
  [/^(person|people|individual)$/u, 'person'],
  [/^(company|companies|vendor|organi[sz]ation|firm|business)s?$/u, 'company'],
];

function kindOf(raw: string | undefined): EntityKind {
  const word = (raw ?? '').toLowerCase().replace(/\s+/gu, ' ').trim();
  return KIND_WORDS.find(([pattern]) => pattern.test(word))?.[1] ?? 'other';
}

function referenceOf(raw: string | undefined): Reference[] {
  if (raw === undefined) return [];
  return [/^https?:\/\/\S+$/iu.test(raw) ? { url: raw } : { label: raw }];
}

/**
 * The delimiter, from the header row alone: names of columns hold no separators, whereas papaparse's guess
 * looks at the rows, where aliases are themselves separated by ";" or "|". Excel in much of Europe writes ";".
 */
function delimiterOf(input: string): string {
  const header = input.slice(0, input.search(/\r?\n|$/u));
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

/** Header names read as each column, so that a sheet made for another tool mostly just works. */
const COLUMNS = {
  name: ['name'],
  aliases: ['aliases', 'alias', 'synonyms', 'other names'],
  kind: ['kind', 'type', 'category'],
  description: ['description'],
  source: ['source', 'url', 'reference'],
} as const satisfies Record<string, readonly string[]>;

interface Row {
  readonly line: number;
  readonly cells: readonly string[];
}

/** All rows with their line in the file (1-based), or the first syntax error: a half-read file is worse than none. */
function rowsOf(input: string, file: string): Row[] {
  const rows: Row[] = [];
  let line = 1;
  let counted = 0;
  let start = 0;
  let failure: ImportError | undefined;
  Papa.parse<string[]>(input, {
    delimiter: delimiterOf(input),
    skipEmptyLines: 'greedy',
    step(result, parser) {
      // The row starts after the previous one and any blank lines skipped since: count the line breaks there.
      const skipped = /^\s*/u.exec(input.slice(start, start + 4096))?.[0].length ?? 0;
      for (const end = start + skipped; counted < end; counted++) if (input.charCodeAt(counted) === 10) line++;
      const error = result.errors[0];
      if (error) {
        const problem = error.code === 'MissingQuotes' ? 'a quoted value is never closed (a " without its pair)' : error.message;
        failure = new ImportError(file, problem, `line ${line}`);
        parser.abort();
        return;
      }
      rows.push({ line, cells: result.data });
      start = result.meta.cursor;
    },
  });
  if (failure) throw failure;
  return rows;
}

export function importCsv(input: string, file: string): CatalogueSource {
  const rows = rowsOf(input.replace(/^\uFEFF/u, ''), file);
  const header = rows.shift();
  if (header === undefined) throw new ImportError(file, 'is empty');
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const column = (name: keyof typeof COLUMNS): number =>
    COLUMNS[name].map((header: string) => names.indexOf(header)).find((index) => index >= 0) ?? -1;
  if (column('name') < 0) {
    throw new ImportError(file, `no "name" column in the header row (found: ${names.filter(Boolean).join(', ') || 'nothing'})`, 'line 1');
  }
  const cell = (row: Row, name: keyof typeof COLUMNS): string | undefined => {
    const index = column(name);
    return index < 0 ? undefined : text(row.cells[index]);
  };

  const key = uniqueKeys();
  const entries: CatalogueEntry[] = [];
  for (const row of rows) {
    // A row longer than the header is most often a value with an unquoted comma: reading it would cut the
    // description short without a word. Empty trailing cells (a spreadsheet's trailing commas) are harmless.
    if (row.cells.slice(names.length).some((extra) => extra.trim() !== '')) {
      throw new ImportError(file, `has ${row.cells.length} values but the header row names ${names.length} (a value with a comma needs "quotes")`, `line ${row.line}`);
    }
    const name = cell(row, 'name');
    // Fatal rather than skipped: a row without a name is a mistake the user should fix, not silently lose.
    if (name === undefined) throw new ImportError(file, 'has no name', `line ${row.line}`);
    entries.push({
      key: key(name),
      name,
      aliases: aliasesOf(name, (cell(row, 'aliases') ?? '').split(/[;|]/u)),
      kind: kindOf(cell(row, 'kind')),
      description: cell(row, 'description') ?? '',
      references: referenceOf(cell(row, 'source')),
    });
  }
  if (entries.length === 0) throw new ImportError(file, 'holds a header row but no entries');
  return {
    id: stableId('src', 'csv', file),
    title: fileTitle(file),
    origin: { file },
    body: { type: 'catalogue', entries },
  };
}
