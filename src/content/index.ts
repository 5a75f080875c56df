// Content script entry: wires the reader, the highlighter, the page watcher and the hover card together.
// Everything it starts hangs off one AbortController, so switching Backstory off undoes it all.
import pack from 'backstory:card-pack';
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
import { PageReader } from './page-reader';
import { createMetrics } from './metrics';
import { guardEdits } from './edit-guard';
import { MentionCursor } from './next-mention';
import { styleShadowRoot } from './shadow-styles';
import { LateComponents } from './late-components';
import { countsReporter } from './counts-report';

/** The toolbar's counts are told at most this often while a page keeps changing. */
const REPORT_EVERY_MS = 1000;

const isOwn = (el: Element): boolean => el.hasAttribute(MARK_ATTR) || el.localName === HOST_TAG;

interface Running {
  readonly controller: AbortController;
  /** Scrolls to the next mention after the last one shown and opens its card; false when there is none. */
  readonly showNext: (entity: EntityId | null) => boolean;
}

function start(settings: Settings): Running {
  const began = performance.now();
  const metrics = createMetrics(document);
  const controller = new AbortController();
  const { signal } = controller;
  const matcher = compileMatcher(pack.entities.filter((e) => settings.entities[e.id]));
  const highlighter = new Highlighter('bs', settings.highlightStyle);
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

  const counts = countsReporter(() => {
    const byEntity = Object.fromEntries(ENTITY_IDS.map((id) => [id, 0])) as Record<EntityId, number>;
    for (const m of highlighter.live()) byEntity[m.entity] += 1;
    return byEntity;
  }, (c) => void send('reportMentions', { counts: c }).catch(() => undefined), REPORT_EVERY_MS, window);

  const guard = guardEdits(document, highlighter, () => watcher, () => controller.abort(), signal);

  const seenShadows = new WeakSet<ShadowRoot>();
  const onShadowRoot = (root: ShadowRoot): void => {
    if (seenShadows.has(root)) return;
    seenShadows.add(root);
    watcher.observe(root);
    styleShadowRoot(root);
    queue.add([root]);
  };
  const components = new LateComponents(onShadowRoot, signal);
  const scan = { isOwn, onShadowRoot, onComponentWithoutShadow: (el: Element) => components.watch(el) };
  const queue = new WorkQueue({
    read: (roots) => new PageReader(roots, matcher.candidates, scan),
    process: (chunk) => watcher.quietly(() => highlighter.mark(chunk, findMentions(chunk.text, matcher)).flatMap((m) => m.pieces)),
    onIdle: () => {
      counts.report();
      guard.watchDesignMode();
    },
    metrics,
    signal,
  });
  const readAgain = (roots: Node[]): void => {
    // A document switched to designMode is the user's to edit as a whole. (Editable areas within it are
    // left out by the reader, which looks at the ancestors of the text it finds, and only of that.)
    if (document.designMode === 'on') return controller.abort();
    queue.add(roots);
  };
  const watcher = watchPage(document.documentElement, {
    onMutation: (r) => guard.repair(r), onChanged: readAgain, isOwn, signal, measure: (start) => metrics.task(start),
  });
  if (document.body) queue.add([document.body]);

  // A page restored from the back/forward cache keeps its marks, but the badge was cleared on navigation.
  window.addEventListener('pageshow', (e) => {
    if (!e.persisted) return;
    counts.forget();
    counts.report(true);
  }, { signal });

  signal.addEventListener('abort', () => {
    const start = performance.now();
    watcher.quietly(() => highlighter.unmarkAll());
    metrics.task(start);
    metrics.idle();
    view.destroy();
    counts.report(true);
  });
  onSettingsChanged((next) => {
    delay = next.hoverDelayMs;
    watcher.quietly(() => highlighter.setStyle(next.highlightStyle));
  }, signal);

  const cursor = new MentionCursor();
  const showNext = (entity: EntityId | null): boolean => {
    const mark = cursor.next(highlighter.live(), entity);
    if (!mark) return false;
    mark.scrollIntoView({ block: 'center', inline: 'nearest' });
    hover?.open(mark, true);
    return true;
  };
  // Setting up counts as our work too (compiling the names, the card, finding the blocks in view).
  metrics.task(began);
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
