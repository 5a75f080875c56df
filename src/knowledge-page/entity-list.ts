// The Names list: at most a hundred entities at a time out of thousands (drawing them all would freeze the
// page), each with its other names, the sources that speak of it, a switch and a strict switch; the user's own
// names can be removed here.
import type { EntitySummary } from '../knowledge/summary';
import { el } from '../shared/dom';
import { t } from '../shared/i18n';
import { EntityIndex } from './entity-filter';
import { redrawKeepingFocus } from './focus';
import { switchControl } from './switch-control';
import { namesText, number } from './words';
import { BUNDLED_SOURCE_ID } from '../knowledge/source';

/** Names shown before "+N": most entities have fewer, and a MISP entry can have forty. */
const NAMES_SHOWN = 4;

export interface EntityActions {
  readonly setEnabled: (entity: EntitySummary, enabled: boolean) => void;
  readonly setStrict: (entity: EntitySummary, strict: boolean) => void;
  readonly removeName: (entity: EntitySummary) => void;
}

export interface EntityListParts {
  readonly list: HTMLUListElement;
  /** Below the list: how many match, and how many are not shown (announced politely while typing). */
  readonly matches: HTMLElement;
  readonly fallback: () => HTMLElement | null;
}

export class EntityList {
  private index = new EntityIndex([]);
  private titles: ReadonlyMap<string, string> = new Map();
  private query = '';
  /** Entities whose other names the user expanded: kept across redraws. */
  private readonly expanded = new Set<string>();

  constructor(private readonly parts: EntityListParts, private readonly actions: EntityActions) {}

  setKnowledge(entities: readonly EntitySummary[], titles: ReadonlyMap<string, string>): void {
    this.index = new EntityIndex(entities);
    this.titles = titles;
    this.render();
  }

  search(query: string): void {
    this.query = query;
    this.render();
  }

  private render(): void {
    const { shown, total } = this.index.filter(this.query);
    const { list, matches, fallback } = this.parts;
    redrawKeepingFocus(list, 'data-entity-id', () => list.replaceChildren(...shown.map((e) => this.item(e))), fallback);
    const lines: string[] = [];
    if (this.query.trim() !== '') lines.push(total === 0 ? t('kpNoMatch', [this.query.trim()]) : t('kpMatches', [namesText(total)]));
    if (total > shown.length) lines.push(t('kpMore', [number(total - shown.length)]));
    matches.textContent = lines.join(' ');
  }

  private otherNames(e: EntitySummary): HTMLElement | null {
    const others = e.names.filter((n) => n !== e.name);
    if (others.length === 0) return null;
    const open = this.expanded.has(e.id) || others.length <= NAMES_SHOWN + 1;
    const shown = open ? others : others.slice(0, NAMES_SHOWN);
    const line = el('span', { class: 'aliases' }, t('kpAlsoCalled', [shown.join(', ')]));
    if (others.length > NAMES_SHOWN + 1) {
      const hidden = others.length - NAMES_SHOWN;
      const toggle = el('button', { type: 'button', class: 'more', 'aria-expanded': String(open) },
        ...(open ? [t('kpFewerNames')] : [`+${number(hidden)}`, el('span', { class: 'sr-only' }, ` ${t('kpMoreNames')}`)]));
      toggle.addEventListener('click', () => {
        if (open) this.expanded.delete(e.id);
        else this.expanded.add(e.id);
        this.render();
      });
      line.append(' ', toggle);
    }
    return line;
  }

  private sourcesLine(e: EntitySummary): HTMLElement | null {
    const titles = e.sources.map((id) => (id === BUNDLED_SOURCE_ID ? t('cardBundled', ['2017']) : this.titles.get(id)))
      .filter((x): x is string => !!x);
    return titles.length ? el('span', { class: 'sources' }, t('kpSpokenOf', [titles.join(' · ')])) : null;
  }

  private item(e: EntitySummary): HTMLLIElement {
    const controls = el('div', { class: 'controls' },
      switchControl({ className: 'entity-on', role: 'switch', label: t('kpHighlightName', [e.name]), text: t('kpHighlight'), checked: e.enabled, onChange: (on) => this.actions.setEnabled(e, on) }),
      switchControl({
        className: 'entity-strict', label: t('kpStrictName', [e.name]), text: t('kpStrict'), title: t('kpStrictHelp'), checked: e.strict,
        onChange: (on) => this.actions.setStrict(e, on),
      }));
    if (e.origin === 'user') {
      const remove = el('button', { type: 'button', class: 'remove-name', 'aria-label': t('kpRemoveName', [e.name]) }, t('kpRemove'));
      remove.addEventListener('click', () => this.actions.removeName(e));
      controls.append(remove);
    }
    const about = el('div', { class: 'about' },
      el('span', { class: 'head' }, el('span', { class: 'name' }, e.name), ' ', el('span', { class: 'kind' }, t(`kind_${e.kind}`))));
    for (const part of [this.otherNames(e), this.sourcesLine(e)]) if (part) about.append(part);
    if (e.shared) about.append(el('span', { class: 'shared' }, t('kpSharedName')));
    if (e.guarded) about.append(el('span', { class: 'guarded' }, t('kpGuardedName')));
    if (e.unmatched) about.append(el('span', { class: 'unmatched' }, e.unmatched === 'too-short' ? t('kpUnmatchedShort') : t('kpUnmatched')));
    return el('li', { 'data-entity-id': e.id, class: e.enabled ? 'entity' : 'entity off' }, about, controls);
  }
}
