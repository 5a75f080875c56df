// Content script entry: wires the reader, the highlighter, the page watcher and the hover card together.
// Everything it starts hangs off one AbortController, so switching Backstory off undoes it all.
import pack from 'backstory:card-pack';
import browser, { messagesCarryBytes } from '../shared/browser';
import { listenInTab, send } from '../shared/messaging';
import { isActiveOn, type Settings } from '../shared/settings';
import { loadSettings, onSettingsChanged } from '../shared/settings-store';
import { loadMatching, onMatchingChanged } from '../shared/matching-store';
import { compileMatcher, findMentions, type Candidates, type Matcher } from '../knowledge/matcher';
import { isBuiltinId, type EntityId } from '../knowledge/entities';
import { packMatcher, type PageMatching } from '../knowledge/matching-pack';
import { PageVocabulary } from '../knowledge/page-names';
import { remoteCandidates } from './reader/remote-candidates';
import type { EntityCard } from '../knowledge/entity-card';
import { Highlighter, MARK_SELECTOR } from './marks/highlighter';
import { CardView, HOST_TAG } from './card/card-view';
import { HoverController } from './card/hover';
import { watchPage } from './reader/page-watcher';
import { WorkQueue } from './reader/work-queue';
import { PageReader } from './reader/page-reader';
import { createMetrics } from './report/metrics';
import { guardEdits } from './reader/edit-guard';
import { MentionCursor } from './report/next-mention';
import { styleShadowRoot } from './marks/shadow-styles';
import { LateComponents } from './reader/late-components';
import { countsReporter } from './report/counts-report';
import { readerUrl } from '../shared/reader-url';

/** The toolbar's counts are told at most this often while a page keeps changing. */
const REPORT_EVERY_MS = 1000;

/** Our own elements: the marks and the card's host. */
const OWN = `${MARK_SELECTOR},${HOST_TAG}`;

interface Running {
  readonly controller: AbortController;
  /** Scrolls to the next mention after the last one shown and opens its card; false when there is none. */
  readonly showNext: (entity: EntityId | null) => boolean;
}

const encoder = new TextEncoder();

/**
 * How a page is matched: the first pass over its texts, the matcher its candidates' blocks are read with, and
 * whether the page is about security (as what it read shows: see ../knowledge/matcher's SECURITY_WITNESSES).
 */
interface PageMatch {
  readonly candidates: Candidates;
  matcher(): Matcher<EntityId>;
  aboutSecurity(): boolean;
}

/**
 * What to match: the built-in names, until the background has published the user's knowledge (it leaves out
 * what is switched off). A few names (a small pack) are matched in the page; more, by the background's
 * automaton first (./reader/remote-candidates), then in the page with the names it found. `failed`: the
 * background did not answer (gone, as in an update): the page goes on with the built-in names.
 */
function matchFor(settings: Settings, matching: PageMatching | null, failed: () => void): PageMatch {
  const local = (m: Matcher<EntityId>): PageMatch => ({ candidates: m.candidates, matcher: () => m, aboutSecurity: () => false });
  const builtin = (): PageMatch => local(compileMatcher<EntityId>(pack.entities.filter((e) => isBuiltinId(e.id) && settings.entities[e.id])));
  if (!matching) return builtin();
  try {
    if (matching.small) return local(packMatcher(matching.small));
  } catch {
    return builtin();
  }
  const vocabulary = new PageVocabulary();
  return {
    candidates: remoteCandidates((texts) => send('findNames', {
      texts: messagesCarryBytes ? texts.map((t) => encoder.encode(t)) : texts, page: vocabulary.soFar,
    }), (names, read) => vocabulary.add(names, read), failed),
    matcher: () => vocabulary.matcher,
    aboutSecurity: () => vocabulary.aboutSecurity,
  };
}

/** Cards: the built-in ones ship here; the others (and built-in ones with more sources) come from the background. */
function cardSource(matching: PageMatching | null): (entity: EntityId) => EntityCard | null | Promise<EntityCard | null> {
  const local = matching ? new Set(matching.local) : null;
  const asked = new Map<EntityId, Promise<EntityCard | null>>();
  return (entity) => {
    if (isBuiltinId(entity) && (local?.has(entity) ?? true)) return pack.cards[entity];
    let card = asked.get(entity);
    if (!card) {
      card = send('getCard', { entity }).then((r) => r.card, () => null);
      asked.set(entity, card);
      void card.then((c) => c ?? asked.delete(entity)); // a miss is asked again next time
    }
    return card;
  };
}

/**
 * `loading`: when reading what matching needs from storage began, on a page's first start. `failed`: the
 * background did not answer a search (see matchFor).
 */
function start(settings: Settings, matching: PageMatching | null, failed: () => void, loading: number | null = null): Running {
  const began = performance.now();
  const metrics = createMetrics(document);
  const controller = new AbortController();
  const { signal } = controller;
  const match = matchFor(settings, matching, failed);
  const highlighter = new Highlighter('bs', settings.highlightStyle);
  let delay = settings.hoverDelayMs;

  const t = (key: string, subs?: string[]): string => browser.i18n.getMessage(key, subs) || key;
  let hover: HoverController | null = null;
  const view = new CardView(document, cardSource(matching), t, {
    href: (target) => browser.runtime.getURL(readerUrl(target)),
    open: (target) => void send('openSource', target).catch(() => undefined),
    onPointerEnter: () => hover?.hold(),
    onPointerLeave: () => hover?.release(),
    onClose: () => hover?.dismiss(),
  }, __BACKSTORY_TEST__ ? 'open' : 'closed');
  hover = new HoverController(document, view, { delayMs: () => delay, signal });

  const counts = countsReporter(() => {
    const byEntity: Record<EntityId, number> = {};
    for (const m of highlighter.live()) byEntity[m.entity] = (byEntity[m.entity] ?? 0) + 1;
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
  const scan = { own: OWN, onShadowRoot, onComponentWithoutShadow: (el: Element) => components.watch(el) };
  const queue = new WorkQueue({
    read: (roots) => new PageReader(roots, match.candidates, scan),
    process: (chunk) => watcher.quietly(() => highlighter.mark(chunk, findMentions(chunk.text, match.matcher(), match.aboutSecurity())).flatMap((m) => m.pieces)),
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
    onMutation: (r) => guard.repair(r), onChanged: readAgain, own: OWN, signal, measure: (start) => metrics.task(start),
  });
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
  if (loading !== null) metrics.loaded(loading);
  if (document.body) queue.add([document.body]);
  // Setting up counts as our work too (the names to match, the card).
  metrics.task(began);
  return { controller, showNext };
}

async function main(): Promise<void> {
  // A document the user edits as a whole (designMode) is never touched.
  if (document.designMode === 'on' || !(document instanceof HTMLDocument)) return;
  const loading = performance.now();
  const metrics = createMetrics(document);
  let [settings, matching] = await Promise.all([loadSettings(), loadMatching((start) => metrics.task(start)).catch(() => null)]);
  // The background did not answer: the built-in names, from then on.
  const failed = (): void => {
    if (!matching) return;
    matching = null;
    restart();
  };
  let running = isActiveOn(settings, location.hostname) ? start(settings, matching, failed, loading) : null;
  listenInTab({
    showNextMention: async ({ entity }) => ({ found: running?.showNext(entity) ?? false }),
    // The page as the reader sees it, for "Remember this article" (the popup reads it with Readability).
    readPage: async () => ({ html: document.documentElement.outerHTML, url: location.href }),
  });
  const restart = (): void => {
    running?.controller.abort();
    running = isActiveOn(settings, location.hostname) ? start(settings, matching, failed) : null;
  };
  const forever = new AbortController().signal;
  onSettingsChanged((next) => {
    const wasOn = isActiveOn(settings, location.hostname);
    const isOn = isActiveOn(next, location.hostname);
    // With a matching pack, the background follows the built-in switches and publishes a new pack.
    const entitiesChanged = !matching && JSON.stringify(next.entities) !== JSON.stringify(settings.entities);
    settings = next;
    if (wasOn !== isOn || entitiesChanged) restart();
  }, forever);
  onMatchingChanged((next) => {
    matching = next;
    restart();
  }, forever);
}

void main();
