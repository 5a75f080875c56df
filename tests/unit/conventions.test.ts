// The project's own rules, checked: no DOM from strings, one module per outside dependency, the pure core
// free of browser APIs, and every permission explained in the README.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = process.env['BACKSTORY_ROOT']!;
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|html)$/u.test(name) ? [full] : [];
  });
}
const sources = files(path.join(root, 'src')).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }));
/** The one module that may parse HTML text (with DOMParser). */
const HTML_DOCUMENT = 'src/shared/html-document.ts';
const importers = (module: string): string[] =>
  sources.filter((s) => new RegExp(`from '${module}(/[^']*)?'`, 'u').test(s.text)).map((s) => s.file);

describe('conventions', () => {
  it('builds no DOM from strings', () => {
    const offenders = sources.filter((s) => /\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|createContextualFragment/u.test(s.text));
    expect(offenders.map((s) => s.file)).toEqual([]);
  });
  it('parses HTML from a string in one module only, into a document never shown', () => {
    // Readability needs a Document for a remembered page or a saved .html file: DOMParser gives an inert one
    // (no scripts run, nothing loads), and it is never inserted into a page of ours.
    expect(sources.filter((s) => /DOMParser/u.test(s.text)).map((s) => s.file)).toEqual([HTML_DOCUMENT]);
  });
  it('runs no code from strings', () => {
    expect(sources.filter((s) => /\beval\(|new Function\(|setTimeout\(\s*['"`]/u.test(s.text)).map((s) => s.file)).toEqual([]);
  });
  it('imports each outside library in one module', () => {
    expect(importers('webextension-polyfill')).toEqual(['src/shared/browser.ts']);
    expect(importers('mark.js')).toEqual(['src/content/marks/highlighter.ts']);
    expect(importers('papaparse')).toEqual(['src/knowledge/import/csv.ts']);
    expect(importers('@mozilla/readability')).toEqual(['src/knowledge/import/html.ts']);
    expect(importers('idb')).toEqual(['src/background/knowledge-db.ts']);
  });
  it('keeps the knowledge core free of browser APIs', () => {
    const core = sources.filter((s) => s.file.startsWith('src/knowledge/'));
    expect(core.length).toBeGreaterThan(3);
    for (const s of core) {
      expect(s.text, s.file).not.toMatch(/\b(document|window|browser|chrome|navigator|localStorage)\./u);
      expect(s.text, s.file).not.toMatch(/from '\.\.\/(shared|content|background)/u);
    }
  });
  it('explains every permission in the README', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const asked: string[] = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])];
    expect(asked.length).toBeGreaterThan(0);
    for (const p of asked) expect(readme, `README does not explain ${p}`).toMatch(new RegExp(`\\| \`${p}\` \\|`, 'u'));
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
  });
});
