// What the user edits is never ours to mark. The page watcher reports changes; this decides what they mean
// for the marks: a page rewriting text we split (React does) gets its text back as it wrote it, and a user's
// edit, or marked text becoming editable, gets the marks folded back into plain text before the edit lands.
import type { Highlighter } from '../marks/highlighter';
import type { PageWatcher } from './page-watcher';
import { insideEditable } from './text-layout';
import { TEXT_NODE } from '../node-types';

export interface EditGuard {
  /** For each of the page's own mutations, before anything is read again. */
  repair(record: MutationRecord): void;
  /** After each pass: while there are marks, keep an eye on designMode. */
  watchDesignMode(): void;
}

/** designMode switches on without any mutation to tell; while marks exist, look this often. */
const DESIGN_MODE_CHECK_MS = 500;

export function guardEdits(
  doc: Document,
  highlighter: Highlighter,
  watcher: () => PageWatcher,
  stop: () => void,
  signal: AbortSignal,
): EditGuard {
  // Before any edit lands: an editor may hold marks we could not see coming. Unmark first, so the edit
  // applies to the page's own text.
  doc.addEventListener('beforeinput', (e) => {
    if (doc.designMode === 'on') return stop();
    const target = e.composedPath()[0];
    if (target instanceof Node && insideEditable(target)) watcher().quietly(() => highlighter.unmarkWithin(target));
  }, { capture: true, signal });

  let timer = 0;
  const view = doc.defaultView;
  signal.addEventListener('abort', () => view?.clearInterval(timer), { once: true });

  // Whether a target is inside an editable area, remembered for the rest of the current task: a batch of
  // records (an infinite scroll appends hundreds of nodes) mostly shares one target.
  const editableNow = new Map<Node, boolean>();
  const insideEditableNow = (node: Node): boolean => {
    let known = editableNow.get(node);
    if (known === undefined) {
      if (editableNow.size === 0) queueMicrotask(() => editableNow.clear());
      editableNow.set(node, (known = insideEditable(node)));
    }
    return known;
  };

  return {
    repair(r) {
      // (No `quietly` here: this runs inside the observer's callback; the records it causes are harmless.)
      const editable = insideEditableNow(r.target);
      if (r.type === 'characterData') {
        if (editable) highlighter.releaseFollowers(r.target.nextSibling);
        else highlighter.detachFollowers(r.target.nextSibling);
      } else if (r.type === 'childList') {
        if ([...r.removedNodes].some((n) => n.nodeType === TEXT_NODE)) {
          if (editable) highlighter.releaseFollowers(r.nextSibling);
          else highlighter.detachFollowers(r.nextSibling);
        }
        // Marked content moved into an editor is the user's now.
        if (editable) for (const n of r.addedNodes) highlighter.unmarkWithin(n);
      } else if (r.type === 'attributes' && editable) {
        highlighter.unmarkWithin(r.target);
      }
    },
    watchDesignMode() {
      if (!view || timer || highlighter.size === 0) return;
      timer = view.setInterval(() => {
        if (doc.designMode === 'on') stop();
        else if (highlighter.size === 0) {
          view.clearInterval(timer);
          timer = 0;
        }
      }, DESIGN_MODE_CHECK_MS);
    },
  };
}
