// Hover intent, as in Wikipedia's Page Previews: a card opens after the pointer rests on a mention, stays
// while the pointer moves into it, closes shortly after the pointer leaves both, and on Escape. A tap or a
// pen press opens it at once; focusing a link that holds a mention opens it too.
import type { EntityId } from '../../knowledge/entities';
import type { CardView } from './card-view';
import { MARK_SELECTOR } from '../marks/highlighter';

export const HIDE_DELAY_MS = 300;

export interface HoverOptions {
  readonly delayMs: () => number;
  readonly signal: AbortSignal;
}

function markFrom(target: EventTarget | null): Element | null {
  return target instanceof Element ? target.closest(MARK_SELECTOR) : null;
}

/** The innermost target, inside open shadow roots too (event.target is retargeted to their host). */
function origin(e: Event): EventTarget | null {
  return e.composedPath()[0] ?? e.target;
}

export class HoverController {
  private showTimer = 0;
  private hideTimer = 0;
  private current: Element | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly doc: Document, private readonly view: CardView, private readonly options: HoverOptions) {
    const on = <K extends keyof DocumentEventMap>(type: K, fn: (e: DocumentEventMap[K]) => void): void =>
      doc.addEventListener(type, fn, { capture: true, passive: true, signal: options.signal });
    on('pointerover', (e) => this.onOver(e));
    on('pointerout', (e) => this.onOut(e));
    on('pointerdown', (e) => this.onDown(e));
    on('focusin', (e) => this.onFocus(e));
    // Not passive: Tab from a focused mention moves into the card, which needs preventDefault.
    doc.addEventListener('keydown', (e) => this.onKey(e), { capture: true, signal: options.signal });
    const reposition = (): void => this.reposition();
    doc.defaultView?.addEventListener('scroll', reposition, { capture: true, passive: true, signal: options.signal });
    doc.defaultView?.addEventListener('resize', reposition, { passive: true, signal: options.signal });
    options.signal.addEventListener('abort', () => this.close());
  }

  /** Opens the card of a mention now (keyboard shortcut, popup, tap). */
  open(mark: Element, focusInside = false): void {
    this.cancel();
    const entity = mark.getAttribute('data-entity') as EntityId | null;
    if (!entity || !mark.isConnected) return;
    this.current = mark;
    this.view.show(entity, mark.getClientRects()[0] ?? mark.getBoundingClientRect());
    if (focusInside) {
      this.returnFocus = this.doc.activeElement instanceof HTMLElement ? this.doc.activeElement : null;
      this.view.focus();
    }
  }

  close(): void {
    this.cancel();
    this.view.hide();
    this.current = null;
  }

  /** The pointer is over the card: keep it open. */
  hold(): void {
    this.doc.defaultView?.clearTimeout(this.hideTimer);
  }

  /** The pointer left the card: close soon unless it comes back. */
  release(): void {
    this.scheduleHide();
  }

  /** Escape or the close button: close and give focus back to where it was. */
  dismiss(): void {
    const hadFocus = this.view.holdsFocus();
    this.close();
    if (hadFocus) this.returnFocus?.focus();
    this.returnFocus = null;
  }

  private cancel(): void {
    const win = this.doc.defaultView;
    win?.clearTimeout(this.showTimer);
    win?.clearTimeout(this.hideTimer);
  }

  private scheduleShow(mark: Element): void {
    this.cancel();
    const delay = this.options.delayMs();
    // No delay: open now, so the card is in the very frame that follows the pointer (a timer would miss it).
    if (delay <= 0) return this.open(mark);
    this.showTimer = this.doc.defaultView?.setTimeout(() => this.open(mark), delay) ?? 0;
  }

  private scheduleHide(): void {
    const win = this.doc.defaultView;
    win?.clearTimeout(this.showTimer);
    win?.clearTimeout(this.hideTimer);
    this.hideTimer = win?.setTimeout(() => this.close(), HIDE_DELAY_MS) ?? 0;
  }

  private sameMention(a: Element | null, b: Element | null): boolean {
    return !!a && !!b && a.getAttribute('data-mention') === b.getAttribute('data-mention');
  }

  private onOver(e: PointerEvent): void {
    if (e.pointerType !== 'mouse') return; // touch and pen open on press, see onDown
    const mark = markFrom(origin(e));
    if (!mark) return;
    if (this.view.entity && this.sameMention(mark, this.current)) {
      this.hold();
      return;
    }
    this.scheduleShow(mark);
  }

  private onOut(e: PointerEvent): void {
    const mark = markFrom(origin(e));
    if (!mark) return;
    const into = e.relatedTarget;
    if (into === this.view.host || this.sameMention(markFrom(into), mark)) return;
    if (this.view.entity) this.scheduleHide();
    else this.cancel();
  }

  private onDown(e: PointerEvent): void {
    const host = this.view.host;
    if (host && e.composedPath().includes(host)) return;
    const mark = markFrom(origin(e));
    if (mark && e.pointerType !== 'mouse') this.open(mark);
    else if (this.view.entity) this.close();
  }

  private onFocus(e: FocusEvent): void {
    const target = origin(e);
    if (!(target instanceof Element) || target === this.view.host) return;
    const mark = target.matches(MARK_SELECTOR) ? target : target.querySelector(MARK_SELECTOR);
    if (mark) this.scheduleShow(mark);
    else if (this.view.entity && !this.view.holdsFocus()) this.scheduleHide();
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.view.entity) return;
    if (e.key === 'Escape') {
      this.dismiss();
      return;
    }
    // The card belongs to the focused link: Tab goes into it (its links), Escape brings focus back.
    const active = this.doc.activeElement;
    if (e.key === 'Tab' && !e.shiftKey && active instanceof HTMLElement && this.current && active.contains(this.current)) {
      e.preventDefault();
      this.cancel();
      this.returnFocus = active;
      this.view.focusFirstControl();
    }
  }

  private reposition(): void {
    if (!this.current || !this.view.entity) return;
    if (!this.current.isConnected) return this.close();
    this.view.moveTo(this.current.getClientRects()[0] ?? this.current.getBoundingClientRect());
  }
}
