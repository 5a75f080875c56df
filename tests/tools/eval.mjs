#!/usr/bin/env node
// Measures recognition on the labelled corpus (/work/shared/corpus, see its README.md) in real browsers.
//   node tests/tools/eval.mjs [--browser chromium|firefox|both] [--allow-missing]
// Env BACKSTORY_CORPUS overrides the corpus directory. Writes tests/artifacts/eval.json.
// Exit 0 when every page matches its labels in every browser, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { startServer } from '../harness/server.mjs';
import { launchWithExtension, browserDistDir, blockRemoteRequests, REPO_ROOT } from '../harness/browsers.mjs';
import { collectMentions, waitForMarksSettled, countByEntity, ENTITIES } from '../harness/mentions.mjs';
import { FIREFOX_UUID, dropFiles, importDone, openExtensionPage, statusText } from '../harness/knowledge-import.mjs';

/** Default corpus location: a sibling of the repository (../shared/corpus). */
export const DEFAULT_CORPUS = process.env.BACKSTORY_CORPUS
  ? path.resolve(process.env.BACKSTORY_CORPUS)
  : path.resolve(REPO_ROOT, '..', 'shared', 'corpus');

export const ARTIFACT = path.join(REPO_ROOT, 'tests', 'artifacts', 'eval.json');

/**
 * Precision/recall/F1 from summed counts. With nothing found, precision is 1 (no false claims);
 * with nothing expected, recall is 1 (nothing missed).
 */
function scores({ tp, fp, fn }) {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * Runs the corpus in each browser (one launch per browser, one tab per page, sequentially).
 * @param {{ browsers?: Array<'chromium'|'firefox'>, corpusDir?: string, log?: (line: string) => void,
 *           settle?: Parameters<typeof waitForMarksSettled>[1] }} [options]
 *   settle: options for waitForMarksSettled (default quietMs 1000: large pages have long stretches
 *   without matches, during which the content script's slices add no marks).
 * @returns {Promise<{
 *   corpusDir: string, startedAt: string, pageCount: number,
 *   browsers: Record<string, {
 *     pages: Array<{ file: string, expected: Record<string, number>, found: Record<string, number>,
 *                    exact: boolean, settled: boolean, ms: number, mentions: object[], error?: string }>,
 *     entities: Record<string, { expected: number, found: number, tp: number, fp: number, fn: number,
 *                                precision: number, recall: number, f1: number }>,
 *     exact: number, total: number }>,
 *   mismatches: Array<{ browser: string, file: string, entity: string, expected: number, found: number }>,
 *   ok: boolean }>}
 */
export async function runEval({
  browsers = ['chromium', 'firefox'], corpusDir = DEFAULT_CORPUS, log = () => {}, settle = { quietMs: 1000 },
} = {}) {
  const labels = JSON.parse(fs.readFileSync(path.join(corpusDir, 'labels.json'), 'utf8'));
  const pagesDir = path.join(corpusDir, 'pages');
  const result = {
    corpusDir, startedAt: new Date().toISOString(), pageCount: labels.pages.length,
    browsers: {}, mismatches: [], ok: true,
  };
  // Corpus files are served relative to pages/, so the labels' 'pages/NN-x.html' becomes '/NN-x.html'.
  const server = await startServer({ root: pagesDir, csp: "script-src 'none'" });
  try {
    for (const name of browsers) {
      const extDir = browserDistDir(name, { variant: 'prod' });
      const launched = await launchWithExtension(name, extDir);
      const pages = [];
      try {
        for (const label of labels.pages) {
          const rel = path.relative('pages', label.file);
          const expected = Object.fromEntries(ENTITIES.map((e) => [e, label.expected?.[e] ?? 0]));
          const entry = { file: label.file, expected, found: null, exact: false, settled: false, ms: 0, mentions: [] };
          const t0 = Date.now();
          const page = await launched.browser.newPage();
          try {
            await blockRemoteRequests(page, [server.origin]);
            // Not 'load': offline, remote images/fonts could hold it; the settle wait covers document_idle.
            await page.goto(server.url(rel.split(path.sep).map(encodeURIComponent).join('/')),
              { waitUntil: 'domcontentloaded', timeout: 30_000 });
            entry.settled = (await waitForMarksSettled(page, settle)).settled;
            entry.mentions = await collectMentions(page);
            entry.found = countByEntity(entry.mentions);
          } catch (err) {
            entry.error = String(err?.message ?? err);
            entry.found = Object.fromEntries(ENTITIES.map((e) => [e, 0]));
          } finally {
            await page.close().catch(() => {});
            entry.ms = Date.now() - t0;
          }
          entry.exact = !entry.error && ENTITIES.every((e) => entry.found[e] === expected[e]);
          pages.push(entry);
          log(`${name} ${entry.exact ? 'ok  ' : 'DIFF'} ${label.file} (${entry.ms} ms)${entry.error ? ` error: ${entry.error}` : ''}`);
        }
      } finally {
        await launched.close();
      }

      const entities = {};
      for (const e of ENTITIES) {
        const sum = { expected: 0, found: 0, tp: 0, fp: 0, fn: 0 };
        for (const p of pages) {
          const exp = p.expected[e];
          const got = p.found[e];
          sum.expected += exp;
          sum.found += got;
          sum.tp += Math.min(got, exp);
          sum.fp += Math.max(0, got - exp);
          sum.fn += Math.max(0, exp - got);
        }
        entities[e] = { ...sum, ...scores(sum) };
      }
      for (const p of pages) {
        for (const e of ENTITIES) {
          if (p.found[e] !== p.expected[e]) {
            result.mismatches.push({ browser: name, file: p.file, entity: e, expected: p.expected[e], found: p.found[e] });
          }
        }
      }
      const exact = pages.filter((p) => p.exact).length;
      result.browsers[name] = { pages, entities, exact, total: pages.length };
      if (exact !== pages.length) result.ok = false;
    }
  } finally {
    await server.close();
  }
  return result;
}

/** The sample catalogues the catalogue measurement imports, as files in ../shared/knowledge-samples. */
export const CATALOGUE_FILES = ['misp-galaxy/threat-actor.json', 'misp-galaxy/malpedia.json', 'misp-galaxy/mitre-intrusion-set.json', 'mitre-attack/ics-attack-18.1.json'];

/**
 * The corpus read in real browsers with the sample catalogues imported as a user imports them (dropped on the
 * Knowledge page, one after the other): the marks on each page, built-in names' and imported ones'.
 * @param {{ browsers?: Array<'chromium'|'firefox'>, corpusDir?: string, samplesDir?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<Record<string, Record<string, number>>>} per browser, per page file, the marks
 */
export async function runCatalogueMarks({
  browsers = ['chromium', 'firefox'], corpusDir = DEFAULT_CORPUS, samplesDir = path.join(corpusDir, '..', 'knowledge-samples'), log = () => {},
} = {}) {
  const labels = JSON.parse(fs.readFileSync(path.join(corpusDir, 'labels.json'), 'utf8'));
  const server = await startServer({ root: path.join(corpusDir, 'pages'), csp: "script-src 'none'" });
  const out = {};
  try {
    for (const name of browsers) {
      const session = await launchWithExtension(name, browserDistDir(name, { variant: 'prod' }), { firefoxUuid: FIREFOX_UUID });
      const marks = (out[name] = {});
      try {
        const knowledge = await session.browser.newPage();
        await openExtensionPage(session, knowledge, 'knowledge.html');
        for (const file of CATALOGUE_FILES) {
          const before = await statusText(knowledge);
          await dropFiles(knowledge, [{ name: path.basename(file), text: fs.readFileSync(path.join(samplesDir, file), 'utf8') }]);
          log(`${name} ${await importDone(knowledge, /Imported/u, 120_000, before)}`);
        }
        for (const label of labels.pages) {
          const file = path.basename(label.file);
          const page = await session.browser.newPage();
          try {
            await blockRemoteRequests(page, [server.origin]);
            await page.goto(server.url(encodeURIComponent(file)), { waitUntil: 'domcontentloaded', timeout: 30_000 });
            await waitForMarksSettled(page, { quietMs: 1500 });
            marks[file] = (await collectMentions(page)).length;
          } finally {
            await page.close().catch(() => {});
          }
          log(`${name} ${file}: ${marks[file]} marks`);
        }
      } finally {
        await session.close();
      }
    }
  } finally {
    await server.close();
  }
  return out;
}

/** Per-browser report, mismatch list, markdown table and the summary line. */
export function formatReport(result) {
  const f3 = (x) => x.toFixed(3);
  const lines = [];
  for (const [name, b] of Object.entries(result.browsers)) {
    lines.push('', `== ${name}: ${b.exact}/${b.total} pages exact`);
    lines.push(['entity'.padEnd(12), 'expected', 'found', '   tp', '   fp', '   fn', 'precision', 'recall', '   F1'].join('  '));
    for (const [e, s] of Object.entries(b.entities)) {
      lines.push([e.padEnd(12), String(s.expected).padStart(8), String(s.found).padStart(5), String(s.tp).padStart(5),
        String(s.fp).padStart(5), String(s.fn).padStart(5), f3(s.precision).padStart(9), f3(s.recall).padStart(6),
        f3(s.f1).padStart(5)].join('  '));
    }
    const diffs = result.mismatches.filter((m) => m.browser === name);
    const errors = b.pages.filter((p) => p.error);
    if (diffs.length) {
      lines.push('', `pages that differ from labels in ${name}:`);
      for (const m of diffs) lines.push(`  ${m.file}  ${m.entity}  expected ${m.expected}  found ${m.found}`);
    }
    for (const p of errors) lines.push(`  ${p.file}  ERROR ${p.error}`);
    for (const p of b.pages.filter((x) => !x.settled && !x.error)) lines.push(`  ${p.file}  warning: marks did not settle`);
  }
  lines.push('', '| browser | entity | expected | found | precision | recall | F1 |', '|---|---|---:|---:|---:|---:|---:|');
  for (const [name, b] of Object.entries(result.browsers)) {
    for (const [e, s] of Object.entries(b.entities)) {
      lines.push(`| ${name} | ${e} | ${s.expected} | ${s.found} | ${f3(s.precision)} | ${f3(s.recall)} | ${f3(s.f1)} |`);
    }
  }
  const summary = Object.entries(result.browsers).map(([name, b]) => `${b.exact}/${b.total} in ${name}`);
  if (summary.length) summary[0] = summary[0].replace(' in ', ' pages exact in ');
  lines.push('', `eval: ${summary.join(', ')}`);
  return lines.join('\n');
}

function parseArgs(argv) {
  const opts = { browsers: ['chromium', 'firefox'], allowMissing: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let which = null;
    if (a === '--browser') which = argv[++i];
    else if (a.startsWith('--browser=')) which = a.slice(10);
    else if (a === '--allow-missing') { opts.allowMissing = true; continue; }
    else return { error: `unknown argument ${a}` };
    if (which === 'both') opts.browsers = ['chromium', 'firefox'];
    else if (which === 'chromium' || which === 'firefox') opts.browsers = [which];
    else return { error: `--browser must be chromium, firefox or both, not "${which}"` };
  }
  return opts;
}

async function main(argv) {
  const opts = parseArgs(argv);
  if (opts.error) {
    console.error(`eval: ${opts.error}\nusage: node tests/tools/eval.mjs [--browser chromium|firefox|both] [--allow-missing]`);
    return 2;
  }
  const corpusDir = DEFAULT_CORPUS;
  if (!fs.existsSync(path.join(corpusDir, 'labels.json'))) {
    console.error(`eval: no corpus at ${corpusDir} (labels.json missing; set BACKSTORY_CORPUS to override)`);
    return opts.allowMissing ? 0 : 1;
  }
  for (const name of opts.browsers) {
    const dir = browserDistDir(name);
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
      console.error(`eval: no build in ${dir}: run node build.mjs first`);
      return 1;
    }
  }
  const result = await runEval({ browsers: opts.browsers, corpusDir, log: (l) => console.error(l) });
  fs.mkdirSync(path.dirname(ARTIFACT), { recursive: true });
  fs.writeFileSync(ARTIFACT, JSON.stringify(result, null, 2) + '\n');
  console.error(`full result: ${path.relative(process.cwd(), ARTIFACT)}`);
  console.log(formatReport(result));
  const measured = measureCatalogues();
  if (measured) {
    console.log(`\n${formatCatalogues(measured)}`);
    const marks = await runCatalogueMarks({ browsers: opts.browsers, corpusDir, log: (l) => console.error(l) });
    console.log(`\n${formatCatalogueMarks(measured.result.perPage, marks)}`);
  }
  return result.ok ? 0 : 1;
}

/**
 * Recognition with thousands of imported names (MISP threat actors, malpedia, ATT&CK groups, ATT&CK for ICS):
 * recall on ATT&CK's own links, every mark of an imported name on the pages not about security, and the
 * mentions of each page. Measured by the unit test that keeps it (tests/unit/catalogue-eval.test.ts: the
 * extension's reader and matcher, in Node with happy-dom), which writes its figures where it is told. Null when
 * that test failed or the samples are missing.
 */
export function measureCatalogues() {
  const out = path.join(REPO_ROOT, 'tests', 'artifacts', 'catalogue-eval.json');
  fs.rmSync(out, { force: true });
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'tests/vitest.config.ts',
      '--project', 'unit', 'tests/unit/catalogue-eval.test.ts'], { cwd: REPO_ROOT, stdio: 'pipe', env: { ...process.env, BACKSTORY_CATALOGUE_EVAL: out } });
  } catch (err) {
    console.error(`eval: the catalogue measurement failed its test:\n${String(err.stdout ?? '').slice(-2000)}`);
  }
  return fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : null;
}

function formatCatalogues({ result, unguarded }) {
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  const row = (label, r) => `| ${label} | ${r.links.length} | ${r.links.filter((l) => l.known).length} | ${pct(r.recall)} | ${pct(r.knownRecall)} | ${pct(r.rightShare)} | ${r.marks.length} |`;
  return [
    `With the catalogues imported (${result.names} names): ATT&CK pages' links to groups and software, and marks of imported names on the ${''}corpus pages not about security`,
    '',
    '| rule for ordinary words | links | of names known | found | found, of names known | right entity, of found | marks on pages not about security |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('on (as shipped)', result),
    row('off (every name as any other)', unguarded),
    '',
    'Marks of imported names on pages not about security (rule on), with their context:',
    ...(result.marks.length ? result.marks.map((m) => `- ${m.page}: “${m.text}” (${m.entity}) … ${m.context}`) : ['- none']),
    '',
    `The first pass (the names over each page's textContent, then the walk) hands the exact reader the blocks of ${result.mentions - result.firstPassLost.length} ` +
      `of the ${result.mentions} mentions the whole pages read exactly hold (all 23 pages, rule on); the ones it leaves out:`,
    ...(result.firstPassLost.length ? result.firstPassLost.map((m) => `- ${m.page}: “${m.text}” (${m.entity}) … ${m.context}`) : ['- none']),
  ].join('\n');
}

/**
 * The browsers' marks against the Node measurement's mentions, page by page: where they agree, and where a
 * browser marks fewer or more (the content script reads a name's evidence in the blocks it reads, the
 * measurement in the whole page: it may find less, and should never find more).
 * @param {Record<string, number>} perPage
 * @param {Record<string, Record<string, number>>} marks
 */
export function compareCatalogueMarks(perPage, marks) {
  const rows = Object.entries(perPage).map(([page, node]) => ({ page, node, browsers: Object.fromEntries(Object.entries(marks).map(([b, m]) => [b, m[page] ?? 0])) }));
  return {
    rows,
    same: rows.filter((r) => Object.values(r.browsers).every((n) => n === r.node)).length,
    more: rows.flatMap((r) => Object.entries(r.browsers).filter(([, n]) => n > r.node).map(([browser, n]) => ({ page: r.page, browser, node: r.node, marks: n }))),
  };
}

function formatCatalogueMarks(perPage, marks) {
  const { rows, same } = compareCatalogueMarks(perPage, marks);
  const browsers = Object.keys(marks);
  return [
    `The same corpus in ${browsers.join(' and ')}, the four catalogues dropped on the Knowledge page: marks per page (built-in names' and imported ones'), ` +
      `against the mentions the measurement above counts. ${same} of ${rows.length} pages alike in ${browsers.length > 1 ? 'every browser' : browsers[0]}.`,
    '',
    `| page | measured (Node) | ${browsers.join(' | ')} |`,
    `|---|---:|${browsers.map(() => '---:').join('|')}|`,
    ...rows.map((r) => `| ${r.page} | ${r.node} | ${browsers.map((b) => r.browsers[b]).join(' | ')} |`),
  ].join('\n');
}

// Run only as a CLI, so vitest can import runEval without side effects.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => { console.error(`eval: ${err?.stack ?? err}`); process.exit(1); });
}
