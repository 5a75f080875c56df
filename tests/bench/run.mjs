#!/usr/bin/env node
// npm run bench: first, in Node, how matching scales with 3 to 50,000 names (./names.mjs); then the built
// extension (dist/chrome, dist/firefox) on generated news pages, an infinite-scroll page and the largest corpus
// pages, in real Chromium and Firefox, one browser at a time. Every figure is
// also a ratio to "the limit" (tests/bench/limit.mjs) measured in the same page load.
//   node tests/bench/run.mjs [--browser chromium|firefox|both] [--quick] [--strict] [--runs N] [--dist DIR]
// --quick: one run, 10 batches, one corpus page, 3 limit samples, no synthetic catalogue. --no-catalogues: no
// catalogue imported (the phase that measures pages with MISP and ATT&CK catalogues, ./catalogues.mjs). --strict: exit 1 when a budget fails or
// cannot be measured. --dist: another build's folder (holding chrome/ and firefox/). Writes
// tests/artifacts/bench.json. Exits 0 otherwise: it is a measurement, not a test.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../harness/browsers.mjs';
import { startServer } from '../harness/server.mjs';
import { benchBrowser } from './browser-bench.mjs';
import { checkCatalogueBudgets, strictFailure } from './budgets.mjs';
import { CORPUS_CSP, stageCorpusPages } from './corpus.mjs';
import { namesPattern } from './limit.mjs';
import { generatedPages } from './pages.mjs';
import { benchNames, namesTable } from './names.mjs';
import { benchCatalogues, catalogueSets, cataloguesTable } from './catalogues.mjs';
import { budgetsMarkdown, budgetsTable, extrasTable, machineInfo, markdown, pagesTable } from './report.mjs';

const ARTIFACT = path.join(REPO_ROOT, 'tests', 'artifacts', 'bench.json');

const USAGE = 'usage: npm run bench -- [--browser chromium|firefox|both] [--quick] [--strict] [--runs N] [--dist DIR] [--no-catalogues]';

function parseArgs(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    log(USAGE);
    process.exit(0);
  }
  const value = (name) => {
    const i = argv.indexOf(`--${name}`);
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    return inline ? inline.slice(name.length + 3) : i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const which = value('browser') ?? 'both';
  if (!['chromium', 'firefox', 'both'].includes(which)) throw new Error(`--browser ${which}: expected chromium, firefox or both`);
  return {
    browsers: which === 'both' ? ['chromium', 'firefox'] : [which],
    quick,
    strict: argv.includes('--strict'),
    runs: Number(value('runs') ?? (quick ? 1 : 5)),
    catalogues: !argv.includes('--no-catalogues'),
    dist: path.resolve(REPO_ROOT, value('dist') ?? 'dist'),
    corpusPages: quick ? 1 : 3,
    limitSamples: quick ? 3 : 7,
    hovers: quick ? 3 : 7,
  };
}

const log = (line) => process.stdout.write(`${line}\n`);

/** The test variant (open shadow root), built fresh from the same sources into a temporary folder. */
function buildTestVariant() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-bench-build-'));
  execFileSync(process.execPath, ['build.mjs', '--test-variant', `--out=${out}`], { cwd: REPO_ROOT, stdio: 'pipe' });
  return out;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const pattern = namesPattern();
  const generated = generatedPages({ quick: opts.quick });
  const corpus = stageCorpusPages(opts.corpusPages);
  const server = await startServer();
  const corpusServer = corpus.dir ? await startServer({ root: corpus.dir, csp: CORPUS_CSP }) : null;
  let testBuild = null;
  try {
    testBuild = buildTestVariant();
  } catch (err) {
    log(`card: the test variant did not build (${String(err.stderr ?? err.message).trim().split('\n')[0]})`);
  }
  try {
    const pages = [
      ...generated.filter((g) => g.kind !== 'scroll').map((g) => ({
        id: g.id, kind: g.kind, bytes: g.page.bytes, expected: g.page.mentions, corpus: false,
        url: server.page(`/bench/${g.id}.html`, g.page.html), origin: server.origin,
      })),
      ...corpus.pages.map((c) => ({
        id: c.id, kind: 'corpus', bytes: c.bytes, expected: c.expected, corpus: true,
        url: corpusServer.url(encodeURIComponent(c.file)), origin: corpusServer.origin,
      })),
    ];
    const g = generated.find((x) => x.kind === 'scroll');
    const scroll = { url: server.page('/bench/scroll.html', g.page.html), origin: server.origin, bytes: g.page.bytes };
    log(`bench: ${pages.length} pages + infinite scroll (${g.batches} batches), ${opts.runs} run(s), browsers: ${opts.browsers.join(', ')}`);

    const report = { startedAt: new Date(started).toISOString(), machine: machineInfo(), options: { ...opts }, pattern, browsers: {} };
    // First, in Node: how matching scales with the number of names (catalogues of 3 to 50,000 names).
    report.names = await benchNames({ quick: opts.quick, log });
    for (const name of opts.browsers) report.browsers[name] = await benchBrowser(name, { opts, pages, scroll, pattern, testBuild, log });
    if (opts.catalogues) {
      const sets = await catalogueSets({ quick: opts.quick });
      report.catalogues = {};
      report.catalogueBudgets = {};
      for (const name of opts.browsers) {
        report.catalogues[name] = await benchCatalogues(name, { opts, pages, pattern, log }, sets);
        report.catalogueBudgets[name] = checkCatalogueBudgets(report.catalogues[name]);
      }
    }
    report.durationS = Math.round((Date.now() - started) / 1000);

    for (const [name, b] of Object.entries(report.browsers)) {
      const busy = typeof b.otherCpuBusy === 'number' ? `; other processes: ${Math.round(b.otherCpuBusy * 100)}% CPU before the runs` : '';
      log(`\n== ${b.version} ==  (ms, medians of ${opts.runs} run(s)${busy}; ×limit = ratio to one TreeWalker pass + one RegExp over the same page, same load)`);
      log(pagesTable(b));
      log('1st mark / all marked: from navigation start. frames (worst): made long by extension work (long, and not without it) / ' +
        'holding extension work / any / any without the extension');
      log(extrasTable(b));
      log('');
      log(budgetsTable(b.budgets));
    }
    log(`\n== matching, in Node: milliseconds (medians) and × the 3 built-in names ==\n${namesTable(report.names)}`);
    const catalogues = report.catalogues ? `\n\n${cataloguesTable(report.catalogues)}\n\n${budgetsMarkdown(report.catalogueBudgets)}` : '';
    if (report.catalogues) {
      log(`\n== with catalogues imported: script time per page (medians), × the 3 built-in names ==\n${cataloguesTable(report.catalogues)}`);
      for (const [name, budgets] of Object.entries(report.catalogueBudgets)) log(`\n${name}, with catalogues:\n${budgetsTable(budgets)}`);
    }
    log(`\n-- markdown for the README --\n${markdown(report)}\n\n${namesTable(report.names)}${catalogues}\n`);
    fs.mkdirSync(path.dirname(ARTIFACT), { recursive: true });
    fs.writeFileSync(ARTIFACT, `${JSON.stringify(report, null, 1)}\n`);
    log(`wrote ${path.relative(REPO_ROOT, ARTIFACT)} in ${report.durationS} s`);
    const failed = Object.values(report.browsers).some((b) => strictFailure(b.budgets))
      || Object.values(report.catalogueBudgets ?? {}).some(strictFailure);
    if (opts.strict && failed) process.exitCode = 1;
  } finally {
    await server.close();
    await corpusServer?.close();
    corpus.remove();
    if (testBuild) fs.rmSync(testBuild, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err?.stack ?? err}`);
  process.exit(1);
});
