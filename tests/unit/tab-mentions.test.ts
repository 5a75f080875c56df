// The background's per-tab counts: frames add up, the top frame names the host, stored records are checked.
import { describe, expect, it } from 'vitest';
import { parseTabRecord, tabMentions, totalMentions, withReport } from '../../src/background/tab-mentions';

const counts = (p: number, m: number, t: number) => ({ 'pawn-storm': p, macron: m, 'trend-micro': t });

describe('tab mentions', () => {
  it('adds up every frame of a tab; a frame that reports again replaces its counts', () => {
    let record = withReport(undefined, 0, counts(1, 2, 0), 'news.example');
    record = withReport(record, 5, counts(3, 0, 1), 'ads.example');
    record = withReport(record, 5, counts(1, 0, 0), 'ads.example');
    expect(tabMentions(record)).toEqual({ counts: counts(2, 2, 0), hostname: 'news.example' });
    const more = withReport(record, 0, { 'ent-lazarus': 4 }, 'news.example');
    expect(tabMentions(more).counts).toEqual({ 'ent-lazarus': 4, 'pawn-storm': 1, macron: 0, 'trend-micro': 0 });
    expect(totalMentions(record)).toBe(4);
  });
  it('takes the host from the top frame only', () => {
    expect(withReport(undefined, 3, counts(0, 0, 0), 'frame.example').hostname).toBeNull();
  });
  it('has no counts for a tab that never reported', () => {
    expect(tabMentions(undefined)).toEqual({ counts: null, hostname: null });
    expect(totalMentions(undefined)).toBe(0);
  });
  it('restores a stored record and refuses anything else', () => {
    const record = withReport(undefined, 0, counts(1, 0, 0), 'a.org');
    expect(parseTabRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    for (const bad of [null, 'x', {}, { frames: { 0: { 'Not An Id': 1 } } }, { frames: { 0: counts(1, 0.5, 0) } }, { frames: { 0: counts(1, -1, 0) } }]) {
      expect(parseTabRecord(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(parseTabRecord({ frames: {}, hostname: 7 })).toEqual({ frames: {}, hostname: null });
  });
});
