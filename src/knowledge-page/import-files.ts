// Importing the files the user picked or dropped, one after another: each is added whole or refused whole,
// and the status ends with one line per file.
import type { Collection } from '../knowledge/collection';
import type { Join } from '../knowledge/merge';
import type { AddResult } from '../knowledge/summary';
import { t } from '../shared/i18n';
import type { Outcome } from '../shared/messages';
import { ImportCancelled, importFile, problemOf, type FileImportDeps } from './file-import';
import type { Status, StatusLine } from './status';
import { namesText } from './words';

export interface ImportRun {
  readonly status: Status;
  readonly fileDeps: FileImportDeps;
  readonly addSources: (collection: Collection) => Promise<Outcome<AddResult> | undefined>;
}

async function importOne(file: File, run: ImportRun): Promise<{ line: StatusLine; joins: readonly Join[] }> {
  try {
    run.status.progress(t('kpReading', [file.name]));
    const { collection, title } = await importFile(file.name, new Uint8Array(await file.arrayBuffer()), run.fileDeps);
    run.status.progress(t('kpAdding', [title]));
    const outcome = await run.addSources(collection);
    // No answer at all: the background refused the message (it checks a collection as strictly as a file).
    if (!outcome) throw new Error(t('kpNoAnswer'));
    if (!outcome.ok) throw new Error(outcome.error);
    const { replaced, entities, joins } = outcome.value;
    const text = replaced.length > 0 ? t('kpUpdated', [title, namesText(entities)]) : t('kpImported', [title, namesText(entities)]);
    return { line: { text }, joins };
  } catch (error) {
    const text = error instanceof ImportCancelled ? t('kpFileCancelled', [file.name]) : t('kpFileFailed', [file.name, problemOf(error)]);
    return { line: { text, error: true }, joins: [] };
  }
}

/** Imports each file on its own; returns the status lines and the joins of all that were added. */
export async function importFiles(files: readonly File[], run: ImportRun): Promise<{ lines: StatusLine[]; joins: Join[] }> {
  const lines: StatusLine[] = [];
  const joins: Join[] = [];
  for (const file of files) {
    const done = await importOne(file, run);
    lines.push(done.line);
    joins.push(...done.joins);
  }
  return { lines, joins };
}
