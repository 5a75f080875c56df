// Lists are redrawn after every change (and when another tab changes the knowledge). Keyboard users must not
// be thrown back to the top of the page: focus goes back to the same control of the same item, or, when that
// item is gone (removed), to the item that took its place.

/** The item's id attribute name (data-source-id) and the classes that name its controls. */
export function redrawKeepingFocus(list: HTMLElement, idAttr: string, redraw: () => void, fallback: () => HTMLElement | null): void {
  const active = list.ownerDocument.activeElement;
  if (!(active instanceof HTMLElement) || !list.contains(active)) {
    redraw();
    return;
  }
  const item = active.closest<HTMLElement>(`li[${idAttr}]`);
  const id = item?.getAttribute(idAttr) ?? null;
  const control = [...active.classList].map((c) => `.${CSS.escape(c)}`).join('') || active.tagName.toLowerCase();
  const index = item ? [...list.children].indexOf(item) : -1;
  redraw();
  const same = [...list.querySelectorAll<HTMLElement>(`li[${idAttr}]`)].find((li) => li.getAttribute(idAttr) === id);
  const place = same ?? list.children[Math.min(index, list.children.length - 1)] as HTMLElement | undefined;
  const target = same?.querySelector<HTMLElement>(control) ?? place?.querySelector<HTMLElement>('button, input') ?? fallback();
  target?.focus();
}
