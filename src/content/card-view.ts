// The hover card: built node by node (never from HTML strings) in a shadow root on its own host element, so
// the page's CSS cannot restyle it and its text cannot be read as markup.
import type { EntityId } from '../knowledge/entities';
import type { CardPack } from '../knowledge/pack';
import type { Mention } from '../knowledge/matcher';
import { CARD_CSS } from './card-style';
import { placeCard, type Box } from './card-position';
import { pageTheme } from './card-theme';
import { elIn as el } from '../shared/dom';

export type Translate = (key: string, substitutions?: string[]) => string;

export interface CardActions {
  readonly articleUrl: (entity: EntityId, sentence: number) => string;
  readonly onReadArticle: (entity: EntityId, sentence: number) => void;
  readonly onPointerEnter: () => void;
  readonly onPointerLeave: () => void;
  readonly onClose: () => void;
}

export const HOST_TAG = 'backstory-card';

/** A sentence as text nodes, with the mentions of `entity` in <strong>. */
function quote(doc: Document, text: string, mentions: readonly Mention[], entity: EntityId): (Node | string)[] {
  const out: (Node | string)[] = [];
  let at = 0;
  for (const m of mentions) {
    if (m.entity !== entity) continue;
    out.push(text.slice(at, m.start), el(doc, 'strong', {}, text.slice(m.start, m.end)));
    at = m.end;
  }
  out.push(text.slice(at));
  return out;
}

export class CardView {
  /** Built on the first show: a page where no card is ever opened never pays for one. */
  private parts: { host: HTMLElement; card: HTMLElement } | null = null;
  private shown: EntityId | null = null;
  private anchor: Box | null = null;

  constructor(
    private readonly doc: Document,
    private readonly pack: CardPack,
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

  get entity(): EntityId | null {
    return this.shown;
  }

  show(entity: EntityId, anchor: Box): void {
    const { host, card } = this.build();
    if (!host.isConnected) this.doc.documentElement.append(host);
    this.raise(host);
    if (this.shown !== entity) this.render(card, entity);
    this.shown = entity;
    this.anchor = anchor;
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

  private render(card: HTMLElement, entity: EntityId): void {
    const { doc, t, pack } = this;
    const content = pack.cards[entity];
    const title = el(doc, 'h2', { id: 'backstory-card-title' }, content.name);
    const close = el(doc, 'button', { class: 'close', type: 'button', 'aria-label': t('cardClose'), title: t('cardClose') }, '×');
    close.addEventListener('click', () => this.actions.onClose());
    const kind = el(doc, 'p', { class: 'kind' }, `${t(`kind_${content.kind}`)} · “${content.description.text}”`);

    const facts = el(doc, 'ul', { class: 'facts' });
    for (const fact of content.facts) {
      const mentions = pack.mentions[fact.sentence] ?? [];
      facts.append(el(doc, 'li', { 'data-sentence': String(fact.sentence) },
        el(doc, 'blockquote', {}, ...quote(doc, fact.text, mentions, entity))));
    }

    const relatedList = el(doc, 'ul');
    const related = el(doc, 'div', { class: 'related' }, `${t('cardLinkedTo')}: `, relatedList);
    for (const r of content.related) {
      const button = el(doc, 'button', { type: 'button', 'data-entity': r.entity }, r.name);
      button.addEventListener('click', () => {
        this.render(card, r.entity);
        this.shown = r.entity;
        this.reposition();
        this.focus();
      });
      relatedList.append(el(doc, 'li', {}, button));
    }

    const first = content.facts[0]?.sentence ?? content.description.sentence;
    const read = el(doc, 'a', { href: this.actions.articleUrl(entity, first), target: '_blank', rel: 'noopener' }, t('cardReadArticle'));
    read.addEventListener('click', (event) => {
      event.preventDefault();
      this.actions.onReadArticle(entity, first);
    });
    const footer = el(doc, 'footer', {}, el(doc, 'span', {}, t('cardSource', [String(pack.source.year)])), read);

    card.setAttribute('aria-labelledby', 'backstory-card-title');
    card.setAttribute('data-entity', entity);
    card.replaceChildren(
      el(doc, 'header', {}, el(doc, 'div', { class: 'titles' }, title, kind), close),
      el(doc, 'div', { class: 'body' },
        el(doc, 'h3', {}, t('cardFromArticle')),
        facts,
        ...(content.related.length ? [related] : [])),
      footer,
    );
  }
}
