// CSV sheets kept by hand: columns by name, aliases split, kinds read from free text, errors with their line.
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/knowledge/import/csv';
import { failure } from '../support/import-failure';


describe('CSV import', () => {
  it('reads names, aliases, kinds, descriptions and sources, headers in any case and order', () => {
    const source = importCsv(
      [
        ' Kind ,NAME,Aliases,Description,Source',
        'APT,Pawn Storm,"APT28; Fancy Bear | Sednit;;APT28",Russian group.,https://example.com/pawn-storm',
        'ransomware,WannaCry,,"Worm, 2017.",Vendor report 12',
        'company,Trend Micro,Trend,,',
      ].join('\n'),
      'groups/My Groups.csv',
    );
    expect(source.title).toBe('My Groups');
    expect(source.origin).toEqual({ file: 'groups/My Groups.csv' });
    expect(source.body.entries).toEqual([
      { key: 'Pawn Storm', name: 'Pawn Storm', aliases: ['APT28', 'Fancy Bear', 'Sednit'], kind: 'group', description: 'Russian group.', references: [{ url: 'https://example.com/pawn-storm' }] },
      { key: 'WannaCry', name: 'WannaCry', aliases: [], kind: 'malware', description: 'Worm, 2017.', references: [{ label: 'Vendor report 12' }] },
      { key: 'Trend Micro', name: 'Trend Micro', aliases: ['Trend'], kind: 'company', description: '', references: [] },
    ]);
    expect(importCsv('name\nX', 'groups/My Groups.csv').id).toBe(source.id);
  });

  it.each([
    ['threat actor', 'group'], ['Intrusion Set', 'group'], ['actor', 'group'], ['RAT', 'malware'], ['backdoor', 'malware'],
    ['trojan', 'malware'], ['software', 'tool'], ['Tool', 'tool'], ['operation', 'campaign'], ['campaign', 'campaign'],
    ['person', 'person'], ['vendor', 'company'], ['organization', 'company'], ['Organisation', 'company'],
    ['', 'other'], ['country', 'other'],
  ])('reads the kind %j as %s', (kind, expected) => {
    expect(importCsv(`name,kind\nX,${kind}`, 'k.csv').body.entries[0]!.kind).toBe(expected);
  });

  it('reads a one-column sheet, a BOM, CRLF, semicolons as separators and blank lines', () => {
    expect(importCsv('\uFEFFname\r\nA\r\n\r\nB\r\n', 'one.csv').body.entries.map((e) => e.name)).toEqual(['A', 'B']);
    const semi = importCsv('name;aliases\nA;"x, y|z"\n', 'semi.csv');
    expect(semi.body.entries[0]!.aliases).toEqual(['x, y', 'z']);
  });

  it('keeps names that repeat, with keys made unique', () => {
    expect(importCsv('name\nA\nA\nA', 'r.csv').body.entries.map((e) => e.key)).toEqual(['A', 'A#2', 'A#3']);
  });

  it('reads values that span lines and ignores empty trailing cells', () => {
    const source = importCsv('name,description\nA,"one\ntwo"\nB,three,,\n', 'm.csv');
    expect(source.body.entries.map((e) => e.description)).toEqual(['one\ntwo', 'three']);
  });

  it('names the columns it found when there is no name column', () => {
    const error = failure(() => importCsv('Title, Aliases ,kind\nA,b,c', 'no-name.csv'));
    expect(error.message).toBe('no-name.csv: line 1: no "name" column in the header row (found: title, aliases, kind)');
  });

  it('refuses a row without a name, with its line counted over blank lines and multi-line values', () => {
    const error = failure(() => importCsv('name,description\nA,"x\ny"\n\nB,b\n , orphan\nC,c', 'empty-name.csv'));
    expect(error.message).toBe('empty-name.csv: line 6: has no name');
  });

  it('refuses an unterminated quote, at the line where it opens', () => {
    const error = failure(() => importCsv('name,description\nA,a\nB,"never closed\nC,c\n', 'quote.csv'));
    expect(error.where).toBe('line 3');
    expect(error.message).toContain('quote.csv');
    expect(error.problem).toContain('never closed');
  });

  it('refuses a row with more values than columns (an unquoted comma would cut a description short)', () => {
    const error = failure(() => importCsv('name,description\nA,Worm, spread in 2017\n', 'extra.csv'));
    expect(error.message).toContain('extra.csv: line 2: has 3 values but the header row names 2');
  });

  it.each([['', 'is empty'], ['name\n', 'holds a header row but no entries'], ['\n\n', 'is empty']])('refuses %j', (text, problem) => {
    const error = failure(() => importCsv(text, 'void.csv'));
    expect(error.problem).toBe(problem);
    expect(error.message).toContain('void.csv');
  });
});
