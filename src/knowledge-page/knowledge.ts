// The Knowledge page's entry: wires the import, the lists, the name form and the export to the background's
// knowledge (every change goes through a message; the background answers with what happened or why not).
import browser from '../shared/browser';
import { parseHtml } from '../shared/html-document';
import { localizePage, t } from '../shared/i18n';
import { send } from '../shared/messaging';
import { MATCHING_KEY } from '../knowledge/matching-pack';
import type { KnowledgeSummary } from '../knowledge/summary';
import { EntityList } from './entity-list';
import { saveExport } from './export-file';
import { wireImport } from './import-controls';
import { showJoins } from './joins';
import { NameForm } from './name-form';
import { SourceList, sourceName } from './source-list';
import { Status } from './status';
import { textMetaDialog } from './text-meta';
import { articlesText, countsText } from './words';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
localizePage(document);
const status = new Status($('status'));
const search = $<HTMLInputElement>('entity-search');

/** Runs a change; a failure (no answer, or the background's reason) goes to the status as an error. */
async function attempt(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    status.show([{ text: t('kpFailed', [error instanceof Error ? error.message : String(error)]), error: true }]);
  }
}
function valueOf<T>(outcome: { ok: true; value: T } | { ok: false; error: string } | undefined): T {
  if (!outcome) throw new Error(t('kpNoAnswer'));
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.value;
}

// --- The lists, redrawn from the background's summary after every change --------------------------------
let latest = 0;
async function refresh(): Promise<KnowledgeSummary> {
  const asked = ++latest;
  const summary = await send('getKnowledge', {});
  // Answers may cross (a change here, another tab's there): only the last one asked for is drawn.
  if (asked === latest) {
    sources.render(summary.sources);
    entities.setKnowledge(summary.entities, new Map(summary.sources.map((s) => [s.id, sourceName(s)])));
    // The bundled article is always there, so it counts as a source.
    $('counts').textContent = countsText(summary.entities.length, summary.sources.length + 1);
  }
  return summary;
}
const refreshQuietly = (): Promise<void> => attempt(async () => void (await refresh()));
/** A switch: redrawn after the change, or after its failure (so that it shows what is stored, not the click). */
const switchOver = (run: () => Promise<unknown>): void => void attempt(async () => void (await run())).then(refreshQuietly);

const sources = new SourceList($('sources'), $('sources-empty'), {
  setEnabled: (s, enabled) => switchOver(async () => valueOf(await send('setSourceEnabled', { id: s.id, enabled }))),
  setStrict: (s, strict) => switchOver(async () => valueOf(await send('setStrict', { id: s.id, strict }))),
  remove: (s) => void attempt(async () => {
    const removed = valueOf(await send('removeSource', { id: s.id }));
    await refresh();
    if (!removed) return;
    const name = sourceName(s);
    status.showWithUndo(t('kpRemoved', [name]), () => void attempt(async () => {
      valueOf(await send('addSources', { sources: [removed], names: [], switchedOff: [] }));
      status.show(t('kpRestored', [name]));
      await refresh();
      sources.focus(s.id);
    })).focus();
  }),
}, () => $('sources-heading'));

const entities = new EntityList({ list: $('entities'), matches: $('entity-matches'), fallback: () => search }, {
  setEnabled: (e, enabled) => switchOver(async () => valueOf(await send('setEntityEnabled', { id: e.id, enabled }))),
  setStrict: (e, strict) => switchOver(async () => valueOf(await send('setStrict', { id: e.id, strict }))),
  removeName: (e) => void attempt(async () => {
    valueOf(await send('removeName', { id: e.id }));
    status.show(t('kpNameRemoved', [e.name]));
    await refresh();
  }),
});

let searchTimer: ReturnType<typeof setTimeout> | undefined;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  // Thousands of entities: filter once the user pauses, not on every keystroke.
  searchTimer = setTimeout(() => entities.search(search.value), 120);
});

// --- Import ---------------------------------------------------------------------------------------------
wireImport({
  fileInput: $('file-input'),
  dropZone: $('drop-zone'),
  status,
  fileDeps: { parseHtml: (text) => parseHtml(text), askMeta: textMetaDialog($('text-meta')), now: () => new Date() },
  addSources: (collection) => send('addSources', collection),
  afterImport: (joins) => attempt(async () => {
    const summary = await refresh();
    const names = new Map(summary.entities.map((e) => [e.id, e.name]));
    showJoins($('joins'), joins, (id) => names.get(id) ?? id);
  }),
});

// --- A name of one's own ---------------------------------------------------------------------------------
const nameForm = new NameForm($('name-form'), async (input) => {
  let added = false;
  await attempt(async () => {
    const { entity } = valueOf(await send('addName', input));
    added = true;
    const summary = await refresh();
    const articles = new Set(summary.sources.filter((s) => s.type === 'article').map((s) => s.id));
    const found = summary.entities.find((e) => e.id === entity);
    const count = found ? found.sources.filter((id) => articles.has(id)).length : 0;
    const text = t('kpNameAdded', [input.name, articlesText(count)]);
    status.show(found?.unmatched ? `${text} ${found.unmatched === 'too-short' ? t('kpUnmatchedShort') : t('kpUnmatched')}` : text);
  });
  return added;
});

// --- Export ----------------------------------------------------------------------------------------------
$('export').addEventListener('click', () => void attempt(async () => {
  const { text } = await send('exportKnowledge', {});
  status.show(t('kpExported', [saveExport(text)]));
}));

// Another tab (or the popup's "Remember this article") changed the knowledge: the background then publishes a
// new matching pack, the one key every change rewrites.
let changeTimer: ReturnType<typeof setTimeout> | undefined;
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !(MATCHING_KEY in changes)) return;
  clearTimeout(changeTimer);
  changeTimer = setTimeout(() => void refreshQuietly(), 100);
});

// Opened from the "Add to Backstory" menu (knowledge.html?add=…): the form, once the lists above it are drawn
// (drawn later, they would push it out of view).
const asked = new URLSearchParams(location.search).get('add');
void refreshQuietly().then(() => {
  if (asked) nameForm.prefill(asked);
});
