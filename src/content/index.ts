// Content script entry: wires the reader, the highlighter, the page watcher and the hover card together.
// Everything it starts hangs off one AbortController, so switching Backstory off undoes it all.
import pack from 'backstory:pack';
import browser from '../shared/browser';
import { listenInTab, send } from '../shared/messaging';
import { isActiveOn, type Settings } from '../shared/settings';
import { loadSettings, onSettingsChanged } from '../shared/settings-store';
import { compileMatcher, findMentions } from '../knowledge/matcher';
import { ENTITY_IDS, type EntityId } from '../knowledge/entities';
import { Highlighter, MARK_ATTR } from './highlighter';
import { CardView, HOST_TAG } from './card-view';
import { HoverController } from './hover';
import { watchPage } from './page-watcher';
import { WorkQueue } from './work-queue';
import { createMetrics } from './metrics';
import { blocksInView, insideEditable } from './text-layout';
import { styleShadowRoot } from './shadow-styles';
import { LateComponents } from './late-components';

const isOwn = (el: Element): boolean => el.hasAttribute(MARK_ATTR) || el.localName === HOST_TAG;

interface Running {
  readonly controller: AbortController;
  /** Scrolls to the next mention after the last one shown and opens its card; false when there is none. */
  readonly showNext: (entity: EntityId | null) => boolean;
}

function start(settings: Settings): Running {
  const controller = new AbortController();
  const { signal } = controller;
  const matcher = compileMatcher(pack.entities.filter((e) => settings.entities[e.id]));
  const highlighter = new Highlighter('bs', settings.highlightStyle);
  const metrics = createMetrics(document);
  let delay = settings.hoverDelayMs;

  const t = (key: string, subs?: string[]): string => browser.i18n.getMessage(key, subs) || key;
  let hover: HoverController | null = null;
  const view = new CardView(document, pack, t, {
    articleUrl: (entity, sentence) => browser.runtime.getURL(`article.html?entity=${entity}#s${sentence}`),
    onReadArticle: (entity, sentence) => void send('openArticle', { entity, sentence }).catch(() => undefined),
    onPointerEnter: () => hover?.hold(),
    onPointerLeave: () => hover?.release(),
    onClose: () => hover?.dismiss(),
  }, __BACKSTORY_TEST__ ? 'open' : 'closed');
  hover = new HoverController(document, view, { delayMs: () => delay, signal });

  let reported = '';
  const report = (): void => {
    const counts = Object.fromEntries(ENTITY_IDS.map((id) => [id, 0])) as Record<EntityId, number>;
    for (const m of highlighter.live()) counts[m.entity] += 1;
    const key = JSON.stringify(counts);
    if (key === reported) return;
    reported = key;
    void send('reportMentions', { counts }).catch(() => undefined);
  };

  // The page rewrote or removed a text node we split. React does that: drop our stale copy of its old text.
  // In an area the user edits, the user did it: fold our marks back into text, losing nothing.
  const repair = (r: MutationRecord): void => {
    const editable = insideEditable(r.target);
    if (r.type === 'characterData') {
      if (editable) highlighter.releaseFollowers(r.target.nextSibling);
      else highlighter.detachFollowers(r.target.nextSibling);
    } else if (r.type === 'childList') {
      if ([...r.removedNodes].some((n) => n.nodeType === Node.TEXT_NODE)) {
        if (editable) highlighter.releaseFollowers(r.nextSibling);
        else highlighter.detachFollowers(r.nextSibling);
      }
      // Marked content moved into an editor is the user's now.
      // (No `quietly` here: this runs inside the observer's callback; the records it causes are harmless.)
      if (editable) for (const n of r.addedNodes) highlighter.unmarkWithin(n);
    } else if (r.type === 'attributes' && editable) {
      highlighter.unmarkWithin(r.target);
    }
  };
  // Before any edit lands: designMode has no mutation to tell us it was switched on, and an editor may hold
  // marks we could not see coming. Unmark first, so the edit applies to the page's own text.
  document.addEventListener('beforeinput', (e) => {
    if (document.designMode === 'on') return controller.abort();
    const target = e.composedPath()[0];
    if (target instanceof Node && insideEditable(target)) watcher.quietly(() => highlighter.unmarkWithin(target));
  }, { capture: true, signal });

  const seenShadows = new WeakSet<ShadowRoot>();
  const onShadowRoot = (root: ShadowRoot): void => {
    if (seenShadows.has(root)) return;
    seenShadows.add(root);
    watcher.observe(root);
    styleShadowRoot(root);
    queue.add([root]);
  };
  const components = new LateComponents(onShadowRoot, signal);
  const queue = new WorkQueue({
    scan: { isOwn, onShadowRoot, onComponentWithoutShadow: (el) => components.watch(el) },
    process: (chunk) => watcher.quietly(() => highlighter.mark(chunk, findMentions(chunk.text, matcher)).flatMap((m) => m.pieces)),
    onIdle: report,
    metrics,
    signal,
  });
  const readAgain = (roots: Node[]): void => {
    // A document switched to designMode is the user's to edit as a whole.
    if (document.designMode === 'on') return controller.abort();
    queue.add(roots.filter((r) => !insideEditable(r)));
  };
  const watcher = watchPage(document.documentElement, { onMutation: repair, onChanged: readAgain, isOwn, signal });
  if (document.body) queue.add([...blocksInView(document).filter((b) => !insideEditable(b)), document.body]);

  // A page restored from the back/forward cache keeps its marks, but the badge was cleared on navigation.
  window.addEventListener('pageshow', (e) => {
    if (!e.persisted) return;
    reported = '';
    report();
  }, { signal });

  // designMode is switched on without any mutation to tell: while there are marks, look now and then.
  const designCheck = window.setInterval(() => {
    if (highlighter.size > 0 && document.designMode === 'on') controller.abort();
  }, 500);

  signal.addEventListener('abort', () => {
    window.clearInterval(designCheck);
    const start = performance.now();
    watcher.quietly(() => highlighter.unmarkAll());
    metrics.task(start);
    metrics.idle();
    view.destroy();
    report();
  });
  onSettingsChanged((next) => {
    delay = next.hoverDelayMs;
    watcher.quietly(() => highlighter.setStyle(next.highlightStyle));
  }, signal);

  let lastShown: Element | null = null;
  const showNext = (entity: EntityId | null): boolean => {
    const firsts = highlighter.live()
      .filter((m) => entity === null || m.entity === entity)
      .map((m) => m.pieces.find((p) => p.isConnected)!)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    if (firsts.length === 0) return false;
    const after = lastShown?.isConnected
      ? firsts.find((m) => lastShown!.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING)
      : undefined;
    const mark = after ?? firsts[0]!;
    lastShown = mark;
    mark.scrollIntoView({ block: 'center', inline: 'nearest' });
    hover?.open(mark, true);
    return true;
  };
  return { controller, showNext };
}

async function main(): Promise<void> {
  // A document the user edits as a whole (designMode) is never touched.
  if (document.designMode === 'on' || !(document instanceof HTMLDocument)) return;
  let settings = await loadSettings();
  let running = isActiveOn(settings, location.hostname) ? start(settings) : null;
  listenInTab({
    showNextMention: async ({ entity }) => ({ found: running?.showNext(entity) ?? false }),
  });
  onSettingsChanged((next) => {
    const wasOn = isActiveOn(settings, location.hostname);
    const isOn = isActiveOn(next, location.hostname);
    const entitiesChanged = JSON.stringify(next.entities) !== JSON.stringify(settings.entities);
    settings = next;
    if (wasOn === isOn && !entitiesChanged) return;
    running?.controller.abort();
    running = isOn ? start(next) : null;
  }, new AbortController().signal);
}

void main();
