// @vitest-environment happy-dom
// The Knowledge page's lists drawn in a DOM: only the shown slice of thousands, each control where the page's
// end-to-end tests look for it, and keyboard focus kept across redraws.
import { describe, expect, it, vi } from 'vitest';
import type { EntitySummary, SourceSummary } from '../../src/knowledge/summary';

// The extension's i18n through a stand-in for the browser (the real polyfill throws outside an extension).
vi.mock('../../src/shared/browser', () => ({
  default: { i18n: { getMessage: (key: string, subs?: string[]) => (key === 'uiLang' ? 'en' : [key, ...(subs ?? [])].join('|')) } },
}));
const { EntityList } = await import('../../src/knowledge-page/entity-list');
const { SourceList } = await import('../../src/knowledge-page/source-list');

const entity = (i: number, extra: Partial<EntitySummary> = {}): EntitySummary => ({
  id: `e-${i}`, name: `Group ${i}`, kind: 'group', names: [`Group ${i}`], origin: 'catalogue', sources: ['src-a'], enabled: true, strict: false, unmatched: null, ...extra,
});

function entityList(): { list: HTMLUListElement; matches: HTMLElement; view: InstanceType<typeof EntityList>; calls: string[] } {
  const list = document.createElement('ul');
  const matches = document.createElement('p');
  const search = document.createElement('input');
  document.body.replaceChildren(search, list, matches);
  const calls: string[] = [];
  const view = new EntityList({ list, matches, fallback: () => search }, {
    setEnabled: (e, on) => calls.push(`${e.id}:${on}`),
    setStrict: (e, on) => calls.push(`strict ${e.id}:${on}`),
    removeName: (e) => calls.push(`remove ${e.id}`),
  });
  return { list, matches, view, calls };
}

describe('the names list', () => {
  it('draws at most a hundred of 4,700 entities and says how many more there are', () => {
    const { list, matches, view } = entityList();
    view.setKnowledge(Array.from({ length: 4700 }, (_, i) => entity(i)), new Map([['src-a', 'Catalogue A']]));
    expect(list.querySelectorAll('li[data-entity-id]')).toHaveLength(100);
    expect(matches.textContent).toBe('kpMore|4,600');
    view.search('group 4699');
    expect([...list.querySelectorAll('li')].map((li) => li.dataset['entityId'])).toEqual(['e-4699']);
    expect(list.querySelector('.sources')!.textContent).toBe('kpSpokenOf|Catalogue A');
  });

  it('says of a name several entries share, and of an entity whose names all read like ordinary words, what it is (and of no other)', () => {
    const { list, view } = entityList();
    view.setKnowledge([
      entity(1, { shared: true, name: 'Ursnif', names: ['Ursnif'] }), entity(2, { guarded: true, name: 'Animal Farm', names: ['Animal Farm'] }), entity(3),
    ], new Map());
    const lines = [...list.querySelectorAll('li')].map((li) => [li.querySelector('.shared')?.textContent ?? null, li.querySelector('.guarded')?.textContent ?? null]);
    expect(lines).toEqual([['kpSharedName', null], [null, 'kpGuardedName'], [null, null]]);
  });

  it('gives remove buttons to the user’s own names only, marks unmatched ones, and collapses long lists of names', () => {
    const { list, view, calls } = entityList();
    const names = ['Mine', 'A', 'B', 'C', 'D', 'E', 'F'];
    view.setKnowledge([entity(1, { origin: 'user', id: 'u-1', name: 'Mine', names, sources: ['bundled'] }), entity(2, { unmatched: 'taken', enabled: false }),
      entity(3, { unmatched: 'too-short' })], new Map());
    const [mine, other, short] = [...list.querySelectorAll('li')];
    expect(other!.querySelector('.unmatched')!.textContent).toBe('kpUnmatched');
    expect(short!.querySelector('.unmatched')!.textContent).toBe('kpUnmatchedShort');
    expect(mine!.querySelector('.remove-name')).not.toBeNull();
    expect(other!.querySelector('.remove-name')).toBeNull();
    expect(other!.querySelector('.unmatched')).not.toBeNull();
    expect(other!.querySelector<HTMLInputElement>('input.entity-on[role="switch"]')!.checked).toBe(false);
    expect(mine!.querySelector('.aliases')!.firstChild!.textContent).toBe('kpAlsoCalled|A, B, C, D');
    expect(mine!.querySelector('.sources')!.textContent).toBe('kpSpokenOf|cardBundled|2017');
    mine!.querySelector<HTMLButtonElement>('button.more')!.click();
    expect(list.querySelector('li .aliases')!.firstChild!.textContent).toBe('kpAlsoCalled|A, B, C, D, E, F');
    list.querySelector<HTMLButtonElement>('.remove-name')!.click();
    const strict = list.querySelector<HTMLInputElement>('li[data-entity-id="e-2"] input.entity-strict')!;
    expect(strict.checked).toBe(false);
    expect(strict.getAttribute('aria-label')).toBe('kpStrictName|Group 2');
    strict.click();
    expect(calls).toEqual(['remove u-1', 'strict e-2:true']);
  });

  it('keeps focus on the same control across a redraw, and on the next item when its own is gone', () => {
    const { list, view } = entityList();
    const all = [1, 2, 3].map((i) => entity(i));
    view.setKnowledge(all, new Map());
    list.querySelector<HTMLElement>('li[data-entity-id="e-2"] .entity-on')!.focus();
    view.setKnowledge(all, new Map());
    expect(document.activeElement!.closest('li')!.dataset['entityId']).toBe('e-2');
    view.setKnowledge([all[0]!, all[2]!], new Map());
    expect(document.activeElement!.closest('li')!.dataset['entityId']).toBe('e-3');
  });
});

describe('the sources list', () => {
  const source = (id: string, extra: Partial<SourceSummary> = {}): SourceSummary => ({
    id, title: `Title ${id}`, type: 'catalogue', addedAt: '2025-11-28T10:00:00.000Z', enabled: true, strict: false, names: 1041, ...extra,
  });
  it('draws each source with its switches, remove button and licence, or the empty state', () => {
    const list = document.createElement('ul');
    const empty = document.createElement('p');
    document.body.replaceChildren(list, empty);
    const calls: string[] = [];
    const view = new SourceList(list, empty, {
      setEnabled: (s, on) => calls.push(`${s.id}:${on}`), setStrict: (s, on) => calls.push(`strict ${s.id}:${on}`), remove: (s) => calls.push(`remove ${s.id}`),
    }, () => null);
    view.render([source('a', { licence: '© MITRE', strict: true }), source('b', { title: '', file: 'b.csv', enabled: false })]);
    expect(empty.hidden).toBe(true);
    const [a, b] = [...list.querySelectorAll('li')];
    expect(a!.dataset['sourceId']).toBe('a');
    expect(a!.querySelector('.licence')!.textContent).toBe('© MITRE');
    expect(a!.querySelector('.meta')!.textContent).toContain('kpNamesMany|1,041');
    expect(b!.querySelector('.title')!.textContent).toBe('b.csv');
    const toggle = b!.querySelector<HTMLInputElement>('input.source-on[role="switch"]')!;
    expect(toggle.checked).toBe(false);
    toggle.click();
    b!.querySelector<HTMLButtonElement>('button.remove')!.click();
    const strictA = a!.querySelector<HTMLInputElement>('input.source-strict')!;
    expect([strictA.checked, b!.querySelector<HTMLInputElement>('input.source-strict')!.checked]).toEqual([true, false]);
    expect(strictA.getAttribute('aria-label')).toBe('kpStrictSource|Title a');
    strictA.click();
    expect(calls).toEqual(['b:true', 'remove b', 'strict a:false']);
    view.render([]);
    expect(empty.hidden).toBe(false);
    expect(list.children).toHaveLength(0);
  });
});
