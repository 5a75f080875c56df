// The bench with catalogues imported, in each browser: the same pages read with the 3 built-in names, with
// ATT&CK's groups (~600 names), MISP's threat actors (~2,400), threat actors and malpedia (~7,200) and a
// synthetic catalogue of 50,000 names, each imported into a fresh profile the way the Knowledge page imports
// (the addSources message). Script time per page, medians over runs, and its ratio to the 3-name time of the
// same run; the time from reading storage to the matcher ready (loading); the tab's heap on the page with no
// mention, less the 3-name figure (Chromium: the heap of the page and its content script); and how long the
// 1 MB news page waits for all its marks (the background's answer included: it searches pages' text when
// there are more than a few names). Loading is set beside what the browser takes to answer a bare extension's
// content script that reads one key, on the same pages in the same run: the least any content script waits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../harness/browsers.mjs';
import { openExtensionPage } from './browser-bench.mjs';
import { launchBench } from './launch.mjs';
import { measureLoad } from './measure.mjs';
import { loadFigures, median, ratio } from './metrics.mjs';
import { loadKnowledgeCode, syntheticNames } from './names.mjs';

/** Polls until `check` holds (at most 10 s). */
async function waitFor(check) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('catalogue bench: the background published no matching pack');
}

const SAMPLES = path.join(REPO_ROOT, '..', 'shared', 'knowledge-samples', 'misp-galaxy');
const PROBE_ENTRY = 'probe:first-answer';

/**
 * A bare extension whose content script reads one key from storage and times the browser's answer. (Its empty
 * background is what the launcher waits for in Chromium.)
 * @param {'chromium'|'firefox'} name
 */
function firstAnswerProbe(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-probe-'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'First answer probe', version: '1.0', permissions: ['storage'],
    background: name === 'chromium' ? { service_worker: 'background.js' } : { scripts: ['background.js'] },
    content_scripts: [{ matches: ['<all_urls>'], js: ['probe.js'], run_at: 'document_idle' }],
    ...(name === 'firefox' ? { browser_specific_settings: { gecko: { id: 'first-answer-probe@example.org' } } } : {}),
  }));
  fs.writeFileSync(path.join(dir, 'background.js'), '\n');
  fs.writeFileSync(path.join(dir, 'probe.js'), `const start = performance.now();
(globalThis.browser ?? globalThis.chrome).storage.local.get('settings').then(() => performance.measure('${PROBE_ENTRY}', { start, end: performance.now() }));\n`);
  return dir;
}

/** The probe's figure on one load of a page (null when it did not come). */
async function firstAnswerMs(bb, url) {
  const page = await bb.browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    for (let i = 0; i < 100; i++) {
      const ms = await page.evaluate((name) => performance.getEntriesByName(name)[0]?.duration ?? null, PROBE_ENTRY);
      if (ms !== null) return ms;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return null;
  } finally {
    await page.close().catch(() => {});
  }
}
const PAGES = ['news-1MB', 'news-4MB', 'none-1MB'];

/** A catalogue of made-up names, as a source to import. */
function synthetic(count) {
  const entries = syntheticNames(count).map((name, i) => ({ key: `s${i}`, name, aliases: [], kind: 'malware', description: '', references: [] }));
  return { id: 'src-synthetic', title: 'Synthetic', origin: { file: 'synthetic.csv' }, body: { type: 'catalogue', entries } };
}

/** The catalogue sets, as collections ready for addSources (null: the built-in names only). */
export async function catalogueSets({ quick = false } = {}) {
  if (!fs.existsSync(SAMPLES)) return [{ label: '3 built-in', collection: null }];
  const k = await loadKnowledgeCode();
  const misp = (name) => k.importMisp(JSON.parse(fs.readFileSync(path.join(SAMPLES, name), 'utf8')), name);
  const stored = (sources) => ({ sources: sources.map((source, i) => ({ source, addedAt: `2026-01-0${i + 1}T00:00:00.000Z`, enabled: true })), names: [], switchedOff: [] });
  const actors = misp('threat-actor.json');
  // `ratioLimit`: the budget of issue 11, × the 3-name time (none for ATT&CK's groups); `main`: the set whose
  // loading and heap have budgets.
  const sets = [
    { label: '3 built-in', collection: null },
    { label: 'ATT&CK groups', collection: stored([misp('mitre-intrusion-set.json')]) },
    { label: 'threat actors', collection: stored([actors]), ratioLimit: 1.2 },
    { label: 'threat actors + malpedia', collection: stored([actors, misp('malpedia.json')]), ratioLimit: 1.2, main: true },
  ];
  if (!quick) sets.push({ label: 'synthetic 50,000', collection: stored([synthetic(50_000)]), ratioLimit: 1.5 });
  return sets;
}

/**
 * @param {'chromium'|'firefox'} name
 * @param {{ opts: { runs: number, limitSamples: number, dist: string }, pages: { id: string, url: string, origin: string, corpus: boolean }[], pattern: string, log: (l: string) => void }} ctx
 * @param {{ label: string, collection: object|null }[]} sets
 */
export async function benchCatalogues(name, ctx, sets) {
  const pages = ctx.pages.filter((p) => PAGES.includes(p.id));
  const extensionDir = path.join(ctx.opts.dist, name === 'chromium' ? 'chrome' : 'firefox');
  // Every catalogue's profile is open at once, and the runs interleave (each page loaded with each catalogue in
  // turn): the machine's load drifts over minutes, and measured one catalogue after another, the ratios moved
  // by a third between runs of the bench.
  const profiles = [];
  const probeDir = firstAnswerProbe(name);
  let probe = null;
  const firstAnswers = [];
  try {
    probe = await launchBench(name, { extensionDir: probeDir });
    for (const set of sets) {
      const bb = await launchBench(name, { extensionDir });
      const profile = { set, bb, loading: [], script: new Map(pages.map((p) => [p.id, []])), heap: [], done: [], longestTaskMs: null, importMs: null, forms: null };
      profiles.push(profile);
      const ext = await openExtensionPage(bb);
      if (set.collection) {
        const started = Date.now();
        const outcome = await ext.evaluate((c) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'addSources', params: c }), set.collection);
        profile.importMs = Date.now() - started;
        if (!outcome?.ok) throw new Error(`${set.label}: not imported (${outcome?.error ?? 'no answer'})`);
      }
      // (The pack the background published: on a fresh profile, its first start publishes the built-in names.)
      await waitFor(async () => typeof (await ext.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get('matching')))?.matching?.forms === 'string');
      const stored = await ext.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get('matching'));
      profile.forms = stored.matching.forms.split('\n').length;
    }
    const runs = Math.max(1, Math.min(ctx.opts.runs, 5));
    // The page with no mention takes about 6 ms, where one collection or timer moves a run by a sixth, and its
    // ratios moved between 1.0x and 1.6x from one bench to the next with medians of 5: it gets three times the
    // runs (it is the cheapest page to load).
    const runsOf = (p) => (p.id === 'none-1MB' ? 3 * runs : runs);
    for (let run = 0; run < 3 * runs; run++) {
      for (const p of pages.filter((page) => run < runsOf(page))) {
        const answer = await firstAnswerMs(probe, p.url);
        if (typeof answer === 'number') firstAnswers.push(answer);
        for (const profile of profiles) {
          // No switch-off measured here (extPage null): the main phase does it.
          const m = await measureLoad(profile.bb, p.url, { pattern: ctx.pattern, limitSamples: 3, corpus: p.corpus, origin: p.origin, extPage: null });
          const f = loadFigures(m);
          profile.script.get(p.id).push(f.scriptMs);
          // How long the page waits for all its marks (the background's answer included), from our first task.
          if (p.id === 'news-1MB' && typeof f.idleMs === 'number' && typeof f.firstTaskMs === 'number') profile.done.push(f.idleMs - f.firstTaskMs);
          if (typeof f.longestTaskMs === 'number') profile.longestTaskMs = Math.max(profile.longestTaskMs ?? 0, f.longestTaskMs);
          if (typeof f.matcherLoadMs === 'number') profile.loading.push(f.matcherLoadMs);
          // The tab's heap on the page with no mention: what the names cost, with no marks made (Chromium).
          if (p.id === 'none-1MB' && typeof m.heap === 'number') profile.heap.push(m.heap);
        }
      }
    }
  } finally {
    for (const profile of profiles) await profile.bb.close();
    await probe?.close();
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
  const rows = profiles.map((profile) => {
    const row = {
      set: profile.set.label, ratioLimit: profile.set.ratioLimit ?? null, main: profile.set.main ?? false, forms: profile.forms, importMs: profile.importMs, longestTaskMs: profile.longestTaskMs,
      pages: Object.fromEntries(pages.map((p) => [p.id, median(profile.script.get(p.id))])),
      loadMs: profile.loading.length ? median(profile.loading) : null,
      heap: profile.heap.length ? median(profile.heap) : null,
      doneMs: profile.done.length ? median(profile.done) : null,
    };
    ctx.log(`${name} catalogues: ${row.set}${row.forms ? ` (${row.forms} forms)` : ''}: loading ${row.loadMs?.toFixed(1) ?? '–'} ms, ${pages.map((p) => `${p.id} ${row.pages[p.id]?.toFixed(1)} ms`).join(', ')}`);
    return row;
  });
  const base = rows[0];
  const firstAnswer = firstAnswers.length ? median(firstAnswers) : null;
  ctx.log(`${name} catalogues: a bare content script's first answer: ${firstAnswer?.toFixed(1) ?? '–'} ms`);
  for (const r of rows) {
    r.ratios = Object.fromEntries(Object.entries(r.pages).map(([id, ms]) => [id, ratio(ms, base.pages[id])]));
    r.heapAdded = typeof r.heap === 'number' && typeof base.heap === 'number' ? r.heap - base.heap : null;
    r.firstAnswerMs = firstAnswer;
  }
  return rows;
}

/** The README table: script time per page and its ratio to the 3 built-in names, per browser. */
export function cataloguesTable(byBrowser) {
  const lines = ['| browser | catalogue | forms | import ms | loading ms (× first answer) | heap added (MiB) | longest task ms | news-1MB: all marked ms | ' + PAGES.map((p) => `${p}: script ms (×)`).join(' | ') + ' |',
    `|---|---|---:|---:|---:|---:|---:|---:|${PAGES.map(() => '---:').join('|')}|`];
  for (const [browser, rows] of Object.entries(byBrowser)) {
    for (const r of rows) {
      const heap = typeof r.heapAdded === 'number' ? (r.heapAdded / 1024 / 1024).toFixed(2) : '–';
      lines.push(`| ${browser} | ${r.set} | ${r.forms ?? '–'} | ${r.importMs ?? '–'} | ${r.loadMs?.toFixed(1) ?? '–'}${typeof r.loadMs === 'number' && r.firstAnswerMs ? ` (${ratio(r.loadMs, r.firstAnswerMs).toFixed(2)}×)` : ''} | ${heap} | ${r.longestTaskMs?.toFixed(1) ?? '–'} | ${r.doneMs?.toFixed(0) ?? '–'} | ${PAGES.map((p) => (r.pages[p] === undefined || r.pages[p] === null ? '–'
        : `${r.pages[p].toFixed(1)} (${r.ratios[p]?.toFixed(2)}×)`)).join(' | ')} |`);
    }
  }
  const answers = Object.entries(byBrowser).map(([browser, rows]) => `${browser} ${rows[0]?.firstAnswerMs?.toFixed(1) ?? '–'} ms`);
  lines.push('', `*First answer*: a bare extension's content script reading one key from storage, on the same pages in the same run (median): ${answers.join(', ')}.`);
  return lines.join('\n');
}
