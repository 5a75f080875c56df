// "Remember this article": the page as its content script sees it now (dynamic pages included), read with
// Readability here in the popup (the content script stays small), kept as a source by the background.
import { importHtml } from '../knowledge/import/html';
import { ImportError } from '../knowledge/import/import-error';
import type { AddResult } from '../knowledge/summary';
import type { Api, Outcome } from '../shared/messages';

export interface RememberDeps {
  readonly readPage: () => Promise<{ html: string; url: string }>;
  readonly parseHtml: (html: string, url: string) => Document;
  readonly addSources: (c: Api['addSources']['params']) => Promise<Outcome<AddResult>>;
  readonly now: () => Date;
}

/** `reason` null: the page could not be read at all (a browser page, a site without access). */
export type Remembered = { readonly ok: true; readonly title: string; readonly names: number; readonly again: boolean } | { readonly ok: false; readonly reason: string | null };

export async function rememberArticle(deps: RememberDeps): Promise<Remembered> {
  const page = await deps.readPage().catch(() => null);
  if (!page) return { ok: false, reason: null };
  try {
    const source = importHtml(deps.parseHtml(page.html, page.url), { url: page.url });
    const result = await deps.addSources({ sources: [{ source, addedAt: deps.now().toISOString(), enabled: true }], names: [], switchedOff: [] });
    if (!result.ok) return { ok: false, reason: result.error };
    return { ok: true, title: source.title, names: result.value.entities, again: result.value.replaced.length > 0 };
  } catch (error) {
    return { ok: false, reason: error instanceof ImportError ? error.problem : (error as Error).message };
  }
}
