// The hover card: built node by node (never from HTML strings) in a shadow root on its own host element, so
// the page's CSS cannot restyle it and its text cannot be read as markup. What it says comes from a card
// source: the built-in cards ship with the content script, the others come from the background.
import type { EntityCard } from '../../knowledge/entity-card';
import { BUNDLED_SOURCE_ID } from '../../knowledge/source';
import { CARD_CSS } from './card-style';
import { placeCard, type Box } from './card-position';
import { pageTheme } from './card-theme';
import { elIn as el } from '../../shared/dom';
import { aliasLine, citationsBody, sourceLabel, type CitationActions, type SourceTarget, type Translate } from './card-citations';

export type { Translate } from './card-citations';

/** A card now, or later (from the background), or none. */
export type CardSource = (entity: string) => EntityCard | null | Promise<EntityCard | null>;

export interface CardActions extends CitationActions {
  readonly onPointerEnter: () => void;
  readonly onPointerLeave: () => void;
  readonly onClose: () => void;
}

export const HOST_TAG = 'backstory-card';

export class CardView {
  /** Built on the first show: a page where no card is ever opened never pays for one. */
  private parts: { host: HTMLElement; card: HTMLElement } | null = null;
  private shown: string | null = null;
  /** Bumped by every show and hide: a card that arrives late is drawn only if it is still the one wanted. */
  private wanted = 0;
  private anchor: Box | null = null;

  constructor(
    private readonly doc: Document,
    private readonly cards: CardSource,
    private readonly t: Translate,
    private readonly actions: CardActions,
    private readonly mode: ShadowRootMode,
  ) {}

  /** The card's host element, once the card has been shown. */
  get host(): HTMLElement | undefined {
    return this.parts?.host;
  }

  private build(): { host: HTMLElement; card: HTMLElement } {
    if (this.parts) return this.parts;
    const { doc, actions } = this;
    const host = doc.createElement(HOST_TAG);
    // Inline !important beats any page rule on the host itself (`* { all: unset }`, `display: none`).
    for (const [prop, value] of [['all', 'initial'], ['display', 'block'], ['position', 'fixed'], ['top', '0'],
      ['left', '0'], ['width', '0'], ['height', '0'], ['z-index', '2147483647'], ['transform', 'none']]) {
      host.style.setProperty(prop!, value!, 'important');
    }
    // A manual popover lives in the top layer: above any z-index, and not moved by a transform or filter that
    // the page puts on <html> (which would otherwise become the fixed card's containing block).
    host.setAttribute('popover', 'manual');
    const root = host.attachShadow({ mode: this.mode });
    // The card speaks the UI language, left to right, whatever the page's; -1 lets it take focus for screen readers.
    const card = el(doc, 'div', { class: 'card', role: 'dialog', 'aria-modal': 'false', hidden: '', tabindex: '-1', dir: 'ltr' });
    root.append(el(doc, 'style', {}, CARD_CSS), card);
    card.addEventListener('pointerenter', () => actions.onPointerEnter());
    card.addEventListener('pointerleave', () => actions.onPointerLeave());
    return (this.parts = { host, card });
  }

  get entity(): string | null {
    return this.shown;
  }

  /** Shows an entity's card by the anchor; a card the background has to give is shown when it arrives. */
  show(entity: string, anchor: Box): void {
    const wanted = ++this.wanted;
    this.anchor = anchor;
    if (this.shown === entity && this.parts && !this.parts.card.hidden) return this.reposition();
    const content = this.cards(entity);
    if (content instanceof Promise) {
      void content.then((c) => wanted === this.wanted && c && this.display(c)).catch(() => undefined);
    } else if (content) this.display(content);
  }

  private display(content: EntityCard): void {
    const { host, card } = this.build();
    if (!host.isConnected) this.doc.documentElement.append(host);
    this.raise(host);
    if (this.shown !== content.entity) this.render(card, content);
    this.shown = content.entity;
    card.dataset['theme'] = pageTheme(this.doc);
    card.hidden = false;
    this.reposition();
  }

  /** Keeps the card next to its mention when the page scrolls or resizes. */
  moveTo(anchor: Box): void {
    this.anchor = anchor;
    this.reposition();
  }

  /** Into the top layer, where the browser has it (Chrome 114, Firefox 125); else the fallback in reposition(). */
  private raise(host: HTMLElement): void {
    try {
      if (typeof host.showPopover === 'function' && !host.matches(':popover-open')) host.showPopover();
    } catch {
      // A page that opened a modal dialog can refuse us the top layer: the card still shows, positioned in place.
    }
  }

  hide(): void {
    this.wanted += 1;
    if (this.parts) this.parts.card.hidden = true;
    this.shown = null;
  }

  /** Moves keyboard focus to the card itself: announced as a dialog by its name; Tab goes on to its links. */
  focus(): void {
    this.parts?.card.focus();
  }

  /** Moves keyboard focus to the card's first link or button. */
  focusFirstControl(): void {
    this.parts?.card.querySelector<HTMLElement>('.body button, footer a, button')?.focus();
  }

  holdsFocus(): boolean {
    return this.parts !== null && this.doc.activeElement === this.parts.host;
  }

  destroy(): void {
    this.parts?.host.remove();
  }

  private reposition(): void {
    const card = this.parts?.card;
    if (!this.anchor || !card) return;
    const view = this.doc.defaultView;
    // Measured untransformed: the height it wants, and where its containing block puts it. That origin is the
    // viewport's in the top layer, but a page's transform on <html> moves it when the top layer is refused.
    card.style.removeProperty('max-height');
    card.style.transform = 'none';
    const size = card.getBoundingClientRect();
    const direction = this.doc.dir === 'rtl' || this.doc.documentElement.dir === 'rtl' ? 'rtl' : 'ltr';
    const place = placeCard(this.anchor, size, {
      width: this.doc.documentElement.clientWidth || view?.innerWidth || 0,
      height: view?.innerHeight ?? 0,
    }, direction);
    card.style.transform = `translate(${Math.round(place.left - size.left)}px, ${Math.round(place.top - size.top)}px)`;
    if (place.maxHeight !== null) card.style.maxHeight = `${Math.floor(place.maxHeight)}px`;
    card.dataset['side'] = place.side;
  }

  private render(card: HTMLElement, content: EntityCard): void {
    const { doc, t, actions } = this;
    const title = el(doc, 'h2', { id: 'backstory-card-title' }, content.name);
    const close = el(doc, 'button', { class: 'close', type: 'button', 'aria-label': t('cardClose'), title: t('cardClose') }, '×');
    close.addEventListener('click', () => actions.onClose());
    const kind = el(doc, 'p', { class: 'kind' }, t(`kind_${content.kind}`), ...(content.about ? [` · “${content.about}”`] : []));
    // A name several entries share says so where other names are listed: the card cites each of those entries.
    const aliases = content.sharedBy ? el(doc, 'p', { class: 'aliases' }, t('cardSharedName', [content.sharedBy.join(', ')]))
      : aliasLine(doc, t, content.aliases);

    const relatedList = el(doc, 'ul');
    const related = el(doc, 'div', { class: 'related' }, `${t('cardLinkedTo')}: `, relatedList);
    for (const r of content.related) {
      const button = el(doc, 'button', { type: 'button', 'data-entity': r.entity }, r.name);
      button.addEventListener('click', () => {
        const next = this.cards(r.entity);
        const draw = (c: EntityCard | null): void => {
          if (!c) return;
          this.render(card, c);
          this.shown = c.entity;
          this.reposition();
          this.focus();
        };
        if (next instanceof Promise) void next.then(draw).catch(() => undefined);
        else draw(next);
      });
      relatedList.append(el(doc, 'li', {}, button));
    }

    // "Read the article": the first quote of the first article; a catalogue-only card opens its first entry.
    const first = content.citations[0];
    const target: SourceTarget | null = !first ? null
      : first.type === 'article' ? { source: first.source.id, entity: content.entity, sentence: first.quotes[0]?.sentence ?? null, entry: null }
        : { source: first.source.id, entity: content.entity, sentence: null, entry: first.entry };
    const footer = el(doc, 'footer', {}, el(doc, 'span', {}, content.citations.length === 1 && first
      ? (first.source.id === BUNDLED_SOURCE_ID ? t('cardSource', [first.source.date ?? '']) : sourceLabel(t, first.source))
      : t('cardSourceCount', [String(content.citations.length + content.moreSources)])));
    if (target) {
      const read = el(doc, 'a', { href: actions.href(target), target: '_blank', rel: 'noopener' }, t(first?.type === 'article' ? 'cardReadArticle' : 'cardOpenSource'));
      read.addEventListener('click', (event) => {
        event.preventDefault();
        actions.open(target);
      });
      footer.append(read);
    }

    card.setAttribute('aria-labelledby', 'backstory-card-title');
    card.setAttribute('data-entity', content.entity);
    card.replaceChildren(
      el(doc, 'header', {}, el(doc, 'div', { class: 'titles' }, title, kind, ...(aliases ? [aliases] : [])), close),
      el(doc, 'div', { class: 'body' },
        ...citationsBody(doc, t, actions, content),
        ...(content.related.length ? [related] : [])),
      footer,
    );
  }
}
