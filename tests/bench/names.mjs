// How matching scales with the number of names, in Node (no browser): compiling what matching needs, building
// the automaton, finding the candidates on a whole page's text (the first pass: in the page with a few names,
// in the background with a catalogue), and the exact mentions, with the
// 3 built-in names, ATT&CK's groups (~800 names), MISP's threat actors (~2,400), threat actors and malpedia
// (~7,400) and a synthetic catalogue of 50,000, on the bench's generated 1 MB and 4 MB news pages and its page
// with no mention. Each figure is the median of several runs, and a ratio to the 3-name figure of the same run.
// The RegExp matcher that the automaton replaced is measured beside it, on the smaller catalogues, and the
// automaton with all its failure links built up front (before they were computed lazily) on all of them.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../harness/browsers.mjs';
import { mulberry32 } from './news-text.mjs';
import { newsPage } from './pages.mjs';
import { median } from './metrics.mjs';

const SAMPLES = path.join(REPO_ROOT, '..', 'shared', 'knowledge-samples', 'misp-galaxy');

/** The matcher, compiler and importers (TypeScript), bundled on the fly for Node: ./names-entry.ts. */
export async function loadKnowledgeCode() {
  // To a file, not a data: URL, so that a failure's stack names lines that can be read.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-names-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const outfile = path.join(dir, 'names-entry.mjs');
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'tests/bench/names-entry.ts')], bundle: true, format: 'esm', platform: 'node',
    outfile, logLevel: 'silent',
  });
  return import(outfile);
}

/** Page text as the content script's first pass reads it (textContent: tags gone, no block breaks). */
const textOf = (html) => html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gu, '').replace(/<[^>]+>/gu, '');

/** Made-up names of one to three words of syllables, all different, the same every run: a catalogue of any size. */
export function syntheticNames(count) {
  const random = mulberry32(50_000);
  const syllables = ['ka', 'ro', 'vex', 'tan', 'mir', 'ul', 'dra', 'zen', 'qua', 'lo', 'sti', 'bar', 'nyx', 'pol', 'ter', 'gho'];
  const word = () => {
    let w = '';
    for (let i = 0, n = 2 + Math.floor(random() * 3); i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    return w[0].toUpperCase() + w.slice(1);
  };
  // All different: a name two entries share is recognised for neither, and the catalogue would be smaller than it says.
  const names = new Set();
  while (names.size < count) names.add(Array.from({ length: 1 + Math.floor(random() * 3) }, word).join(' '));
  return [...names];
}

/** As a catalogue's names are matched once imported: in any case (see the matcher's resolveCase). */
const syntheticEntities = (count) => syntheticNames(count).map((text, i) => ({ id: `s${i}`, aliases: [{ text, caps: 'any-case' }], exclusions: [] }));

function time(run, repeat) {
  const samples = [];
  let result;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    result = run();
    samples.push(performance.now() - t);
  }
  return { ms: median(samples), result };
}

export async function benchNames({ quick = false, log = console.log } = {}) {
  const k = await loadKnowledgeCode();
  const file = k.parseEntityFile(fs.readFileSync(path.join(REPO_ROOT, 'assets', 'entities.json'), 'utf8'));
  const misp = (name) => k.importMisp(JSON.parse(fs.readFileSync(path.join(SAMPLES, name), 'utf8')), name);
  const entitiesOf = (sources) => k.compileKnowledge({ builtin: file.entities, sources }).entities.filter((e) => e.aliases.length > 0);
  const have = fs.existsSync(SAMPLES);
  const sets = [['3 built-in', file.entities]];
  if (have) {
    const [groups, actors, malpedia] = ['mitre-intrusion-set.json', 'threat-actor.json', 'malpedia.json'].map(misp);
    sets.push(['ATT&CK groups', entitiesOf([groups])], ['threat actors', entitiesOf([actors])], ['threat actors + malpedia', entitiesOf([actors, malpedia])]);
  } else log('names: ../shared/knowledge-samples not found: SKIPPED the catalogues');
  sets.push(['synthetic 50,000', [...file.entities, ...syntheticEntities(50_000)]]);

  const pages = [
    ['news 1 MB', textOf(newsPage({ seed: 1, bytes: 1_000_000 }).html)],
    ['news 4 MB', textOf(newsPage({ seed: 4, bytes: 4_000_000 }).html)],
    ['no mention 1 MB', textOf(newsPage({ seed: 7, bytes: 1_000_000, mentionEveryBytes: null }).html)],
  ];
  const repeat = quick ? 3 : 7;
  const rows = [];
  for (const [label, entities] of sets) {
    const names = entities.reduce((n, e) => n + e.aliases.length, 0);
    // Once per change of the knowledge, in the background: every form folded, sorted, with its entity.
    const data = time(() => k.matcherData(entities), repeat);
    // In the background, once per change of the knowledge and each time it wakes: the automaton from the stored forms.
    const rules = new Map(entities.filter((e) => e.exclusions.length).map((e) => [e.id, e.exclusions]));
    // (The automaton is built when first asked for.)
    const compiled = time(() => {
      const matcher = k.loadMatcher(data.result, rules);
      void matcher.automaton;
      return matcher;
    }, repeat);
    // Beside it, the automaton with every failure link built up front (what the extension used before).
    const ac = time(() => new k.Automaton(data.result.forms).linkAll(), repeat);
    const row = { set: label, entities: entities.length, names, dataMs: data.ms, loadMs: compiled.ms, acLoadMs: ac.ms, packBytes: JSON.stringify(data.result).length, pages: {} };
    for (const [page, text] of pages) {
      const candidates = time(() => compiled.result.candidates.find(text), repeat);
      const exact = time(() => k.findMentions(text, compiled.result), repeat);
      row.pages[page] = { candidatesMs: candidates.ms, candidates: candidates.result.length, mentionsMs: exact.ms, mentions: exact.result.length,
        acScanMs: time(() => ac.result.scan(text), repeat).ms };
      // The RegExp matcher, beside it, once, on the first page: it takes seconds from a few hundred names on.
      if (names <= 3000 && page === pages[0][0]) {
        const regex = k.compileRegexMatcher(entities);
        row.pages[page].regexCandidatesMs = time(() => regex.candidates.find(text), names < 100 ? repeat : 1).ms;
      }
    }
    rows.push(row);
    log(`names: ${label}: ${entities.length} entities, ${names} names, compiled in ${data.ms.toFixed(1)} ms, automaton built in ${compiled.ms.toFixed(1)} ms`);
  }
  return rows;
}

/** The table for the README: each time and its ratio to the 3 built-in names on the same page. */
export function namesTable(rows) {
  const base = rows[0];
  const pages = Object.keys(base.pages);
  const fmt = (ms, ref) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} (${(ms / ref).toFixed(2)}×)`;
  const head = ['catalogue', 'entities', 'names', 'compile ms (once)', 'build ms (background)', 'forms KiB', ...pages.map((p) => `${p}: candidates ms (×)`), ...pages.map((p) => `${p}: mentions ms (×)`), 'RegExp candidates, 1 MB (×)', 'eager links: build ms', ...pages.map((p) => `eager links: ${p} scan ms`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of rows) {
    const regex = r.pages[pages[0]].regexCandidatesMs;
    lines.push(`| ${[r.set, r.entities, r.names, r.dataMs.toFixed(1), r.loadMs.toFixed(1), (r.packBytes / 1024).toFixed(0),
      ...pages.map((p) => fmt(r.pages[p].candidatesMs, base.pages[p].candidatesMs)),
      ...pages.map((p) => fmt(r.pages[p].mentionsMs, base.pages[p].mentionsMs)),
      regex === undefined ? '–' : fmt(regex, base.pages[pages[0]].regexCandidatesMs), r.acLoadMs.toFixed(1),
      ...pages.map((p) => r.pages[p].acScanMs.toFixed(1))].join(' | ')} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchNames({ quick: process.argv.includes('--quick') });
  console.log(`\n${namesTable(rows)}`);
}
