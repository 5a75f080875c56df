// The import's controls: the file button (keyboards, and those who cannot drag) and the drop zone. Both hand
// their files to importFiles; while it runs they are off, so that a second batch cannot interleave.
import type { Collection } from '../knowledge/collection';
import type { Join } from '../knowledge/merge';
import type { AddResult } from '../knowledge/summary';
import type { Outcome } from '../shared/messages';
import type { FileImportDeps } from './file-import';
import { importFiles } from './import-files';
import type { Status } from './status';

export interface ImportControls {
  readonly fileInput: HTMLInputElement;
  readonly dropZone: HTMLElement;
  readonly status: Status;
  readonly fileDeps: FileImportDeps;
  readonly addSources: (collection: Collection) => Promise<Outcome<AddResult> | undefined>;
  /** After a batch: redraw the lists and show the joins (before the status says what each file did). */
  readonly afterImport: (joins: readonly Join[]) => Promise<void>;
}

export function wireImport(c: ImportControls): void {
  const { fileInput, dropZone } = c;
  let busy = false;
  const setBusy = (on: boolean): void => {
    busy = on;
    fileInput.disabled = on;
    dropZone.classList.toggle('busy', on);
    dropZone.setAttribute('aria-busy', String(on));
  };

  async function importSelected(files: File[]): Promise<void> {
    if (busy || files.length === 0) return;
    // Disabling the focused file input drops focus on the page's body: it goes back there for the next pick.
    const refocus = fileInput.ownerDocument.activeElement === fileInput;
    // Off until the import's outcome is shown, not only while the files are read: a second drop would
    // interleave with the first, and the status would still say "Adding…" with the controls back on.
    setBusy(true);
    try {
      const { lines, joins } = await importFiles(files, { status: c.status, fileDeps: c.fileDeps, addSources: c.addSources });
      await c.afterImport(joins);
      c.status.show(lines);
    } finally {
      setBusy(false);
    }
    if (refocus) fileInput.focus();
  }

  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = ''; // the same file picked again (after fixing it) must fire "change" again
    void importSelected(files);
  });
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    dropZone.classList.add('dragging');
  });
  dropZone.addEventListener('dragleave', (event) => {
    if (!dropZone.contains(event.relatedTarget as Node | null)) dropZone.classList.remove('dragging');
  });
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    void importSelected([...(event.dataTransfer?.files ?? [])]);
  });
  // A file dropped beside the zone would make the browser leave the page to show it.
  for (const type of ['dragover', 'drop'] as const) fileInput.ownerDocument.addEventListener(type, (event) => event.preventDefault());
}
