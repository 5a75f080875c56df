// The bench's arithmetic: figures from raw timings, their ratios to the limit, aggregation over runs, budgets.
import { describe, expect, it } from 'vitest';
import { aggregate, loadFigures, median, overlap, scrollFigures, worstExtensionFrame } from '../bench/metrics.mjs';
import { checkBudgets, checkCatalogueBudgets, strictFailure } from '../bench/budgets.mjs';

const run = (over: Record<string, unknown> = {}) => ({
  tasks: [[100, 10], [120, 30], [200, 20]], firstHighlight: 115, idle: [90, 220], frames: [[50, 60], [110, 70], [300, 80]],
  marks: 10, mentions: 8, benchAttribute: true, state: 'idle', domContentLoaded: 40, load: 60, visibility: 'visible', ...over,
});
const load = (over: Record<string, unknown> = {}) => ({
  wait: { instrumented: true, settled: true }, run: run(), limit: { ms: 20, matches: 8 }, nodes: { total: 1000 }, heap: 5e6,
  off: { tasks: [[500, 4], [510, 6]], settled: true, goneAfterMs: 12 }, ...over,
});

describe('figures of a page load', () => {
  it('sums the tasks, takes the longest, and divides by the limit', () => {
    const f = loadFigures(load() as never);
    expect(f.scriptMs).toBe(60);
    expect(f.scriptRatio).toBe(3);
    expect(f.longestTaskMs).toBe(30);
    expect(f.taskCount).toBe(3);
    expect(f.idleMs).toBe(220);
    expect(f.idleRatio).toBe(6); // (220 - first task at 100) / 20
    expect(f.firstHighlightRatio).toBe(0.75);
    expect(f.offMs).toBe(10);
    expect(f.offRatio).toBe(0.5);
  });

  it('keeps frames up to idle; the worst one with extension work says how much of it was ours', () => {
    const f = loadFigures(load() as never);
    expect(f.worstFrameMs).toBe(70);
    expect(f.worstExtFrameMs).toBe(70);
    expect(f.worstExtFrameExtMs).toBe(30); // the frame [110, 180] holds the task [120, 150] only
    expect(worstExtensionFrame([[0, 90]], [[100, 5]])).toBeNull();
    expect(f.madeLongFrameMs).toBe(70); // 70 - 30 of ours = 40: not long without us
  });

  it('does not blame the extension for a page frame that was long anyway', () => {
    const frames = [[0, 250], [300, 60], [400, 120]];
    const tasks = [[10, 9], [310, 20], [410, 60]];
    expect(worstExtensionFrame(frames, tasks)?.ms).toBe(250);
    expect(worstExtensionFrame(frames, tasks, { madeLong: true })).toEqual({ ms: 120, extensionMs: 60, start: 400 });
    expect(worstExtensionFrame([[0, 250]], [[10, 9]], { madeLong: true })).toBeNull();
    expect(overlap([100, 10], [[95, 10], [108, 10]])).toBe(7);
  });

  it('leaves figures it has no data for empty, never zero', () => {
    const f = loadFigures(load({ run: run({ tasks: [], idle: [], firstHighlight: null, frames: null }), off: null }) as never);
    expect(f.scriptMs).toBeNull();
    expect(f.scriptRatio).toBeNull();
    expect(f.worstFrameMs).toBeNull();
    expect(f.offMs).toBeNull();
  });
});

describe('figures of the infinite scroll', () => {
  it('gives each batch the tasks from its append to the next append', () => {
    const s = scrollFigures({
      wait: { instrumented: true, settled: true }, startedAt: 1000,
      feed: { done: true, batches: [{ start: 1000, appendMs: 5 }, { start: 1100, appendMs: 6 }, { start: 1200, appendMs: 7 }] },
      run: { ...run(), tasks: [[900, 50], [1050, 2], [1060, 1], [1150, 4], [1250, 8]], idle: [950, 1070, 1160, 1260] },
      limit: { ms: 10 }, batchLimits: [{ ms: 2 }, { ms: 2 }, { ms: 2 }], nodes: { total: 1 }, heap: null,
    } as never);
    expect(s.batches.map((b: { ms: number }) => b.ms)).toEqual([3, 4, 8]);
    expect(s.batches.map((b: { markedAfterMs: number }) => b.markedAfterMs)).toEqual([70, 60, 60]);
    expect(s.batchRatio).toBe(2);
    expect(s.batchRatioMax).toBe(4);
    expect(s.initialScriptMs).toBe(50);
    expect(s.flatness).toBe(1);
  });

  it('knows nothing per batch when the content script recorded nothing', () => {
    const s = scrollFigures({
      wait: { instrumented: false, settled: true }, startedAt: 0,
      feed: { done: true, batches: [{ start: 0, appendMs: 5 }, { start: 100, appendMs: 6 }] },
      run: { ...run(), tasks: [], idle: [] }, limit: { ms: 1 }, batchLimits: [{ ms: 2 }, { ms: 2 }], nodes: { total: 1 }, heap: null,
    } as never);
    expect([s.batchMs, s.batchRatio, s.flatness, s.initialScriptMs]).toEqual([null, null, null, null]);
  });
});

describe('aggregation over runs', () => {
  it('takes medians; for the worst task and frame, the median run with what describes it, and the worst run', () => {
    const a = aggregate([
      { scriptMs: 10, longestTaskMs: 5, longestTaskRatio: 1, worstExtFrameMs: 60, worstExtFrameExtMs: 7, label: 'x' },
      { scriptMs: 30, longestTaskMs: 9, longestTaskRatio: 2, worstExtFrameMs: 40, worstExtFrameExtMs: 1, label: 'y' },
      { scriptMs: 20, longestTaskMs: 7, longestTaskRatio: 3, worstExtFrameMs: 50, worstExtFrameExtMs: 2, label: 'z' },
    ]);
    expect(a).toMatchObject({ scriptMs: 20, longestTaskMs: 7, longestTaskRatio: 3, longestTaskMsWorstRun: 9,
      worstExtFrameMs: 50, worstExtFrameExtMs: 2, worstExtFrameMsWorstRun: 60, label: 'x', runs: 3 });
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe('budgets', () => {
  const figures = (over: Record<string, unknown>) => ({ scriptMs: 10, scriptRatio: 1.5, limitMs: 6, longestTaskMs: 12, worstExtFrameMs: 0, madeLongFrameMs: 0,
    nodesPerMark: 2, offRatio: 1, offMs: 6, wrapperMs: 4, wrapperRatio: 2.5, wrapperScriptWorldMs: 6, wrapperScriptWorldRatio: 1.7, ...over });
  const pages = [
    { id: 'news-1MB', kind: 'news', bytes: 1e6, figures: figures({}) },
    { id: 'news-4MB', kind: 'news', bytes: 4e6, figures: figures({ scriptMs: 50, longestTaskMs: 60 }) },
    { id: 'none-1MB', kind: 'none', bytes: 1e6, figures: figures({ scriptRatio: 1.1, nodesPerMark: null }) },
  ];
  const scroll = { batchRatio: 1.2, batchRatioMax: 2, batchMs: 1, batchLimitMs: 1, flatness: 1.1, appendRatio: 1.05, appendMs: 1, appendMsWithout: 1, nodesPerMark: 2, markedAfterMs: 67 };

  it('passes, fails, or says n/a when a figure is missing', () => {
    const results = checkBudgets({ browser: 'chromium', pages, scroll, contentJsBytes: 100 * 1024 });
    const status = Object.fromEntries(results.map((r) => [r.id, r.status]));
    expect(status).toEqual({
      'script-1MB': 'PASS', 'wrapper-1MB': 'PASS', 'wrapper-page-world-1MB': 'FAIL', 'growth-1-4MB': 'FAIL', 'task-50ms': 'FAIL', 'frame-50ms': 'PASS', 'no-mention': 'PASS',
      'scroll-batch': 'PASS', 'scroll-marked': 'PASS', 'scroll-flat': 'PASS', 'scroll-append': 'PASS', 'nodes-per-mark': 'PASS', 'switch-off': 'PASS',
      bundle: 'FAIL',
    });
    expect(results.find((r) => r.id === 'task-50ms')?.detail).toContain('news-4MB');
    expect(strictFailure(results)).toBe(true);
    const missing = checkBudgets({ browser: 'firefox', pages: [], scroll: null, contentJsBytes: null });
    expect(missing.every((r) => r.status === 'n/a')).toBe(true);
    expect(missing.find((r) => r.id === 'frame-50ms')?.info).toBe(true);
    expect(missing.find((r) => r.id === 'nodes-per-mark')?.info).toBe(true); // a figure, not a budget
    expect(missing.find((r) => r.id === 'wrapper-page-world-1MB')?.info).toBe(true);
    expect(missing.find((r) => r.id === 'wrapper-1MB')?.info).toBeUndefined();
  });
});

describe('budgets with catalogues', () => {
  const row = (over: Record<string, unknown>) => ({ set: 'x', ratioLimit: null, main: false, pages: { 'news-1MB': 50, 'none-1MB': 6 },
    ratios: { 'news-1MB': 1, 'none-1MB': 1 }, loadMs: 5, heapAdded: 0, longestTaskMs: 20, firstAnswerMs: 4, ...over });
  const rows = [
    row({ set: '3 built-in' }),
    row({ set: 'ATT&CK groups', ratios: { 'news-1MB': 3, 'none-1MB': 3 } }), // no budget: not judged
    row({ set: 'threat actors', ratioLimit: 1.2, ratios: { 'news-1MB': 1.1, 'none-1MB': 1.3 } }),
    row({ set: 'threat actors + malpedia', ratioLimit: 1.2, main: true, loadMs: 26, firstAnswerMs: 24, heapAdded: 6 * 1024 * 1024, longestTaskMs: 51 }),
    row({ set: 'synthetic 50,000', ratioLimit: 1.5, ratios: { 'news-1MB': 1.45, 'none-1MB': 1.55 } }),
  ];

  it('judges each page of each budgeted set against its own ratio, loading beyond the first answer, heap and tasks', () => {
    const status = Object.fromEntries(checkCatalogueBudgets(rows).map((r) => [r.id, r.status]));
    expect(status).toEqual({
      'names-threat actors-news-1MB': 'PASS', 'names-threat actors-none-1MB': 'FAIL',
      'names-threat actors + malpedia-news-1MB': 'PASS', 'names-threat actors + malpedia-none-1MB': 'PASS',
      'names-synthetic 50,000-news-1MB': 'PASS', 'names-synthetic 50,000-none-1MB': 'FAIL',
      'names-loading': 'PASS', 'names-heap': 'FAIL', 'names-task-50ms': 'FAIL',
    });
    const loading = checkCatalogueBudgets(rows).find((r) => r.id === 'names-loading')!;
    expect(loading.value).toBe(2); // 26 ms, of which the browser's first answer is 24
    const slow = checkCatalogueBudgets(rows.map((r) => (r.main ? { ...r, loadMs: 45 } : r)));
    expect(slow.find((r) => r.id === 'names-loading')?.status).toBe('FAIL');
  });

  it('says n/a where a figure is missing; Firefox\'s heap, which it does not give, only for information', () => {
    const bare = checkCatalogueBudgets(rows.map((r) => ({ ...r, heapAdded: null, firstAnswerMs: null })));
    expect(bare.find((r) => r.id === 'names-loading')?.status).toBe('n/a');
    expect(bare.find((r) => r.id === 'names-heap')).toMatchObject({ status: 'n/a', info: true });
    expect(strictFailure(bare.filter((r) => r.id === 'names-heap'))).toBe(false);
    expect(strictFailure(bare.filter((r) => r.id === 'names-loading'))).toBe(true);
  });
});
