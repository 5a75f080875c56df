// Catalogue descriptions shown as text: Markdown links, bare URLs and ATT&CK citations become runs that cover
// the original exactly, so nothing is added or lost, and nothing is ever read as HTML.
import { describe, expect, it } from 'vitest';
import { parseRichText, isWebUrl, type Run } from '../../src/knowledge/rich-text';

/** The runs must tile the text: each starts where the previous ended, and text runs are the text itself. */
function expectCover(text: string, runs: readonly Run[]): void {
  let at = 0;
  for (const r of runs) {
    expect(r.from).toBe(at);
    if (r.type === 'text') expect(r.text).toBe(text.slice(r.from, r.to));
    else expect(text.slice(r.from, r.to)).toContain(r.text);
    at = r.to;
  }
  expect(at).toBe(text.length);
}

describe('rich text', () => {
  it('reads ATT&CK Markdown links and citation markers', () => {
    const text = '[APT28](https://attack.mitre.org/groups/G0007) is a threat group.(Citation: Crowdstrike DNC June 2016)(Citation: FireEye APT28)';
    const runs = parseRichText(text);
    expectCover(text, runs);
    expect(runs.map((r) => r.type)).toEqual(['link', 'text', 'citation', 'citation']);
    expect(runs[0]).toMatchObject({ text: 'APT28', url: 'https://attack.mitre.org/groups/G0007' });
    expect(runs[2]!.text).toBe('Crowdstrike DNC June 2016');
    expect(runs.filter((r) => r.type !== 'citation').map((r) => r.text).join('')).toBe('APT28 is a threat group.');
  });
  it('makes bare web addresses links, without the sentence’s full stop', () => {
    const text = 'See https://example.org/report.pdf. Then more.';
    const runs = parseRichText(text);
    expectCover(text, runs);
    expect(runs[1]).toMatchObject({ type: 'link', url: 'https://example.org/report.pdf' });
  });
  it('keeps markup that is not a web link as plain text', () => {
    const text = 'Click [here](javascript:alert(1)) or <img src=x onerror=alert(1)> now';
    const runs = parseRichText(text);
    expectCover(text, runs);
    expect(runs).toEqual([{ type: 'text', text, from: 0, to: text.length }]);
  });
  it('accepts only http and https addresses as links', () => {
    expect(isWebUrl('https://attack.mitre.org/groups/G0007')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('data:text/html,<b>x</b>')).toBe(false);
  });
  it('handles an empty description', () => {
    expect(parseRichText('')).toEqual([]);
  });
});
