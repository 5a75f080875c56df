// @vitest-environment happy-dom
// The project's recognition fixtures, marked in happy-dom by the same reader and highlighter the extension
// runs (the e2e suite counts them again in real Chromium and Firefox).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pack from 'backstory:pack';
import { compileMatcher, findMentions } from '../../src/knowledge/matcher';
import { PageReader } from '../../src/content/reader/page-reader';
import { Highlighter } from '../../src/content/marks/highlighter';
import { ENTITY_IDS } from '../../src/knowledge/entities';

interface Case { name: string; html: string; expected: Record<string, number> }
const { cases } = JSON.parse(readFileSync(path.join(process.env['BACKSTORY_ROOT']!, 'tests/fixtures/recognition.json'), 'utf8')) as { cases: Case[] };
const matcher = compileMatcher(pack.entities);

describe('recognition fixtures', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    document.body.innerHTML = c.html;
    const reader = new PageReader([document.body], matcher.candidates, { own: ':not(*)' });
    const highlighter = new Highlighter('t');
    for (let chunk = reader.next(); chunk; chunk = reader.next()) highlighter.mark(chunk, findMentions(chunk.text, matcher));
    const counts = Object.fromEntries(ENTITY_IDS.map((id) => [id, 0]));
    for (const m of highlighter.live()) counts[m.entity]! += 1;
    expect(counts).toEqual(c.expected);
  });
});
