// The build: deterministic output, each browser's manifest, and bad assets that stop it with a message
// naming the file and the problem.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';

const root = process.env['BACKSTORY_ROOT']!;
/** A fresh directory under the system's temporary one, removed when the file's tests end. */
const made: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const build = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'build.mjs'), ...args], { encoding: 'utf8' });

function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('build', () => {
  it('gives identical bytes twice, for both browsers', () => {
    const a = tempDir('bs-a-');
    const b = tempDir('bs-b-');
    expect(build(`--out=${a}`).status).toBe(0);
    expect(build(`--out=${b}`).status).toBe(0);
    const da = digest(a);
    expect(Object.keys(da)).toContain('chrome/content.js');
    expect(Object.keys(da)).toContain('firefox/manifest.json');
    expect(digest(b)).toEqual(da);
  });

  it('writes each browser its own manifest from the one source', () => {
    const out = tempDir('bs-m-');
    expect(build(`--out=${out}`).status).toBe(0);
    const chrome = JSON.parse(readFileSync(path.join(out, 'chrome/manifest.json'), 'utf8'));
    const firefox = JSON.parse(readFileSync(path.join(out, 'firefox/manifest.json'), 'utf8'));
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings.gecko.id).toBeTruthy();
    expect(chrome.permissions).toEqual(['storage', 'activeTab', 'contextMenus', 'unlimitedStorage']);
    // the article ships verbatim
    expect(readFileSync(path.join(out, 'chrome/article.txt'))).toEqual(readFileSync(path.join(root, 'assets/article.txt')));
  });

  function brokenAssets(file: string, content: string): string {
    const dir = tempDir('bs-assets-');
    cpSync(path.join(root, 'assets'), dir, { recursive: true });
    writeFileSync(path.join(dir, file), content);
    return dir;
  }

  it.each([
    ['article.txt', 'A body with no summary separator.', /article\.txt: article: expected the body, then "\|\|\|"/u],
    ['entities.json', '{ "source": { "year": 2017 }, "entities": [ { "id": "macron" ', /entities\.json: entities file: not valid JSON/u],
    ['entities.json', '{ "source": { "year": 2017 }, "entities": [{ "id": "macron", "name": "M", "kind": "person", "description": "x", "aliases": [{ "text": "Macron" }], "exclusions": [{ "why": "w", "before": "[" }] }] }',
      /entities\.json: entities file: entities\[0\]\.exclusions\[0\]\.before: is not a valid regular expression/u],
  ])('fails on a broken %s, naming it', (file, content, message) => {
    const out = tempDir('bs-out-');
    const result = build(`--assets=${brokenAssets(file, content)}`, `--out=${out}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^build failed: /u);
    expect(result.stderr).toMatch(message);
    expect(readdirSync(out)).toEqual([]); // nothing half-written
  });

  it('web-ext lint passes on the Firefox build with no errors or warnings', () => {
    const out = tempDir('bs-lint-');
    expect(build(`--out=${out}`).status).toBe(0);
    const report = JSON.parse(execFileSync(path.join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', path.join(out, 'firefox'), '--output', 'json'], { encoding: 'utf8' }));
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});
