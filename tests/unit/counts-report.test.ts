// @vitest-environment happy-dom
// The toolbar's counts: told when they change, at most once per interval, always in their last state.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countsReporter } from '../../src/content/report/counts-report';

describe('countsReporter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tells at once, then at most once per interval, the last counts; nothing when they did not change', () => {
    let count = 0;
    const told: number[] = [];
    const r = countsReporter(() => ({ count }), (c) => told.push(c.count), 1000, window);
    r.report();
    expect(told).toEqual([0]);
    r.report(); // unchanged
    count = 1;
    r.report();
    count = 2;
    r.report();
    expect(told).toEqual([0]); // within the interval: held back
    vi.advanceTimersByTime(1000);
    expect(told).toEqual([0, 2]); // once, in the last state
    vi.advanceTimersByTime(5000);
    expect(told).toEqual([0, 2]);
  });

  it('tells at once when asked to, and again after forgetting', () => {
    let count = 3;
    const told: number[] = [];
    const r = countsReporter(() => ({ count }), (c) => told.push(c.count), 1000, window);
    r.report();
    count = 0;
    r.report(true);
    expect(told).toEqual([3, 0]);
    r.forget();
    r.report(true);
    expect(told).toEqual([3, 0, 0]);
    vi.advanceTimersByTime(2000);
    expect(told).toEqual([3, 0, 0]);
  });
});
