// What a dropped file is, and its bytes as text: the checks every importer would otherwise repeat, with
// errors a user can act on (which file, which line) instead of an engine's message.
import { isRecord } from './entries';
import { ImportError } from './import-error';
import { jsonErrorPosition } from './json-error-position';

export type FileFormat = 'misp' | 'stix' | 'csv' | 'text' | 'markdown' | 'html' | 'backstory';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const EXTENSIONS: Readonly<Record<string, FileFormat | 'json'>> = {
  csv: 'csv',
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  json: 'json',
};

const ACCEPTED = '.json (STIX 2.1 bundle, MISP galaxy cluster, Backstory export), .csv, .txt, .md, .html';

/** The format of already parsed JSON, for a caller that has parsed it once and should not parse 50 MB twice. */
export function detectJsonFormat(data: unknown, file: string): 'misp' | 'stix' | 'backstory' {
  if (isRecord(data)) {
    if (data['type'] === 'bundle') return 'stix';
    if (data['format'] === 'backstory') return 'backstory';
    if (Array.isArray(data['values'])) return 'misp';
  }
  throw new ImportError(
    file,
    'is JSON in no format Backstory reads: expected a STIX 2.1 bundle ("type": "bundle"), a MISP galaxy cluster (a "values" array) or a Backstory export ("format": "backstory")',
  );
}

export function detectFormat(file: string, text: string): FileFormat {
  const extension = /\.([^./\\]+)$/u.exec(file)?.[1]?.toLowerCase() ?? '';
  let format = EXTENSIONS[extension];
  if (format === undefined) {
    // No telling extension (a download saved as "export"): only unmistakable content is accepted.
    const start = text.trimStart().slice(0, 1024);
    if (start.startsWith('{')) format = 'json';
    else if (/^(?:<!doctype html|<html[\s>])/iu.test(start)) format = 'html';
    else throw new ImportError(file, `is not a file Backstory reads (accepted: ${ACCEPTED})`);
  }
  return format === 'json' ? detectJsonFormat(parseJson(text, file), file) : format;
}

/**
 * Bytes as text. UTF-8, or UTF-16 with its byte order mark (Excel's "Unicode text"); anything else is refused
 * rather than read as mojibake that would then be matched against pages.
 */
export function decodeFile(file: string, bytes: Uint8Array): string {
  if (bytes.length > MAX_FILE_BYTES) throw new ImportError(file, 'is larger than 50 MB');
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16 === undefined && bytes.subarray(0, 8192).includes(0)) throw new ImportError(file, 'is not a text file (binary data)');
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(file, 'is not a text file (binary data)');
  }
  return text.replace(/^\uFEFF/u, '');
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** JSON.parse with the place of the mistake, in lines and columns a text editor shows. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const message = error.message;
    // V8: "… in JSON at position 12 (line 2 column 3)"; SpiderMonkey: "JSON.parse: … at line 2 column 3 of the JSON data".
    const lineColumn = /line (\d+) column (\d+)/u.exec(message);
    const position = /at position (\d+)/u.exec(message);
    let where: string | undefined;
    if (lineColumn) where = `line ${lineColumn[1]}, column ${lineColumn[2]}`;
    else if (position) where = lineAndColumn(text, Number(position[1]));
    else {
      const found = jsonErrorPosition(text);
      if (found >= 0) where = lineAndColumn(text, found);
    }
    const reason = message
      .replace(/^JSON\.parse: /u, '')
      .replace(/^(Unexpected token '[^']*'), "[\s\S]*" is not valid JSON$/u, '$1')
      .replace(/\s*(?:in JSON )?at position \d+(?: \(line \d+ column \d+\))?/u, '')
      .replace(/\s*at line \d+ column \d+ of the JSON data/u, '')
      .trim();
    throw new ImportError(file, `is not valid JSON (${reason})`, where);
  }
}
