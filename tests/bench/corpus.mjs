// The largest pages of the labelled corpus, as benchmark pages. The corpus is read-only: each chosen page is
// copied byte for byte into a temporary folder with one change, `data-backstory-bench` on its <html> tag
// (so the content script records its timings), and served from there with scripts blocked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../harness/browsers.mjs';

/** The corpus beside the repository (../shared/corpus), or BACKSTORY_CORPUS. */
export const CORPUS_DIR = process.env.BACKSTORY_CORPUS
  ? path.resolve(process.env.BACKSTORY_CORPUS)
  : path.resolve(REPO_ROOT, '..', 'shared', 'corpus');

/** Same as `npm run eval`: the labels describe the DOM as parsed with page scripts blocked. */
export const CORPUS_CSP = "script-src 'none'";

/**
 * Adds the bench attribute to the first <html> start tag. Works on the bytes as latin1, which maps every
 * byte to one char and back, so pages in any encoding (Shift_JIS, ISO-8859-1, UTF-8) keep their bytes.
 * @param {Buffer} bytes
 * @returns {Buffer}
 */
export function withBenchAttribute(bytes) {
  const text = bytes.toString('latin1');
  const at = text.search(/<html(?=[\s>])/iu);
  const out = at < 0
    ? `<html data-backstory-bench>${text}`
    : `${text.slice(0, at + 5)} data-backstory-bench${text.slice(at + 5)}`;
  return Buffer.from(out, 'latin1');
}

/**
 * Copies the `count` largest corpus pages into a temporary folder, with the bench attribute.
 * @param {number} count
 * @param {{ corpusDir?: string }} [options]
 * @returns {{ dir: string, pages: Array<{ id: string, file: string, bytes: number, expected: number|null }>,
 *             remove: () => void }}  expected: the labelled mention count (all entities), when labelled
 */
export function stageCorpusPages(count, { corpusDir = CORPUS_DIR } = {}) {
  const pagesDir = path.join(corpusDir, 'pages');
  if (count <= 0 || !fs.existsSync(pagesDir)) return { dir: '', pages: [], remove: () => {} };
  let labels = [];
  try {
    labels = JSON.parse(fs.readFileSync(path.join(corpusDir, 'labels.json'), 'utf8')).pages ?? [];
  } catch { /* unlabelled corpus: no expected counts */ }
  const expectedOf = (file) => {
    const label = labels.find((l) => path.basename(l.file) === file);
    return label ? Object.values(label.expected ?? {}).reduce((s, n) => s + n, 0) : null;
  };
  const largest = fs.readdirSync(pagesDir)
    .filter((f) => /\.html?$/iu.test(f))
    .map((f) => ({ file: f, bytes: fs.statSync(path.join(pagesDir, f)).size }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-bench-corpus-'));
  for (const { file } of largest) {
    fs.writeFileSync(path.join(dir, file), withBenchAttribute(fs.readFileSync(path.join(pagesDir, file))));
  }
  return {
    dir,
    pages: largest.map(({ file, bytes }) => ({
      id: `corpus:${file.replace(/\.html?$/iu, '')}`, file, bytes, expected: expectedOf(file),
    })),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
