// What a file is and its bytes as text: formats by extension and content, binary and oversized files refused,
// JSON errors placed by line and column.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeFile, detectFormat, detectJsonFormat, parseJson } from '../../src/knowledge/import/detect';
import { jsonErrorPosition } from '../../src/knowledge/import/json-error-position';
import { failure } from '../support/import-failure';

const samples = path.join(process.env['BACKSTORY_ROOT']!, '..', 'shared', 'knowledge-samples');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('detectFormat', () => {
  it.each([
    ['groups.csv', 'name\nA', 'csv'],
    ['notes.TXT', 'x', 'text'],
    ['write-up.md', '# x', 'markdown'],
    ['write-up.markdown', '# x', 'markdown'],
    ['page.html', '<p>x</p>', 'html'],
    ['page.htm', '<p>x</p>', 'html'],
    ['bundle.json', '{"type":"bundle","id":"bundle--1","objects":[]}', 'stix'],
    ['bundle.json', '{"id":"bundle--1","objects":[],"type":"bundle"}', 'stix'],
    ['cluster.json', '{"name":"x","values":[]}', 'misp'],
    ['export.json', '{"format":"backstory","version":1}', 'backstory'],
    ['download', '  {"type":"bundle","objects":[]}', 'stix'],
    ['saved-page', '<!DOCTYPE html><html><body></body></html>', 'html'],
  ])('reads %s as %s', (file, text, format) => {
    expect(detectFormat(file, text)).toBe(format);
  });

  it('says which formats it reads when JSON is none of them', () => {
    const error = failure(() => detectFormat('other.json', '{"hello":"world"}'));
    expect(error.message).toMatch(/^other\.json: is JSON in no format Backstory reads: expected a STIX 2\.1 bundle .*MISP galaxy cluster.*Backstory export/u);
    expect(failure(() => detectFormat('list.json', '[1, 2]')).problem).toBe(error.problem);
  });

  it('refuses a file with neither a known extension nor telling content', () => {
    expect(failure(() => detectFormat('report.pdf', '%PDF-1.7')).message).toMatch(/^report\.pdf: is not a file Backstory reads \(accepted: \.json/u);
  });

  it('reads the same format from parsed JSON', () => {
    expect(detectJsonFormat({ type: 'bundle' }, 'a.json')).toBe('stix');
    expect(failure(() => detectJsonFormat('text', 'a.json')).file).toBe('a.json');
  });

  it.skipIf(!existsSync(samples))('knows the real samples (skipped without ../shared/knowledge-samples)', () => {
    const read = (name: string) => readFileSync(path.join(samples, name), 'utf8');
    expect(detectFormat('threat-actor.json', read('misp-galaxy/threat-actor.json'))).toBe('misp');
    expect(detectFormat('ics-attack-18.1.json', read('mitre-attack/ics-attack-18.1.json'))).toBe('stix');
  });
});

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, 2]}', 'ok.json')).toEqual({ a: [1, 2] });
  });

  it.each([
    ['{\n  "a": 1,\n  "b" 2\n}', 'line 3, column 7'],
    ['{"a": 1,}', 'line 1, column 9'],
    ['[1, 2,\n\n   ]', 'line 3, column 4'],
    ['{"a": "tab\there"}', 'line 1, column 11'],
    ['{"a": tru}', 'line 1, column 7'],
    ['{"a": 1} x', 'line 1, column 10'],
    ['{"a":\n', 'line 2, column 1'],
    ['', 'line 1, column 1'],
  ])('places the mistake in %j at %s', (text, where) => {
    const error = failure(() => parseJson(text, 'broken.json'));
    expect(error.where).toBe(where);
    expect(error.message).toMatch(new RegExp(`^broken\\.json: ${where}: is not valid JSON \\(.+\\)$`, 'u'));
    expect(error.problem).not.toMatch(/position \d/u);
  });

  it('reads the place from the engine when it gives a position', () => {
    expect(failure(() => parseJson('{"a":\n "\u0001"}', 'ctl.json')).where).toBe('line 2, column 3');
  });

  it('finds the first fault where the engine does not say', () => {
    expect(jsonErrorPosition('{"a": [1, {"b": null}], "c": "\\u00e9"}')).toBe(-1);
    expect(jsonErrorPosition('{"a": "\\x"}')).toBe(7);
    expect(jsonErrorPosition('{"a": 01}')).toBe(7);
    expect(jsonErrorPosition('['.repeat(100_000))).toBe(100_000);
  });
});

describe('decodeFile', () => {
  it('decodes UTF-8 and drops the byte order mark', () => {
    expect(decodeFile('a.csv', utf8('\uFEFFname\nÉlysée'))).toBe('name\nÉlysée');
  });

  it('decodes UTF-16 with its byte order mark', () => {
    expect(decodeFile('excel.txt', new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]))).toBe('Aé');
    expect(decodeFile('excel.txt', new Uint8Array([0xfe, 0xff, 0x00, 0x41]))).toBe('A');
  });

  it('refuses binary data: a NUL byte, or bytes that are not UTF-8', () => {
    expect(failure(() => decodeFile('photo.json', new Uint8Array([0x7b, 0x00, 0x7d]))).message).toBe('photo.json: is not a text file (binary data)');
    expect(failure(() => decodeFile('latin1.csv', new Uint8Array([0x6e, 0x61, 0xe9, 0x0a]))).message).toBe('latin1.csv: is not a text file (binary data)');
  });

  it('refuses a file over 50 MB and reads one of exactly 50 MB', () => {
    expect(failure(() => decodeFile('huge.json', new Uint8Array(50 * 1024 * 1024 + 1))).message).toBe('huge.json: is larger than 50 MB');
    const limit = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    expect(decodeFile('big.txt', limit)).toHaveLength(50 * 1024 * 1024);
  });
});
