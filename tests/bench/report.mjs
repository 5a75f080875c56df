// Prints the bench's results: a table per browser (static pages, infinite scroll, card, budgets), and a
// markdown table for the README with the machine it ran on.
import fs from 'node:fs';
import os from 'node:os';
import { fmt } from './budgets.mjs';

/** CPU model, cores, memory, OS and Node: the machine line of the report. */
export function machineInfo() {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.+)$/mu.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch { /* not Linux */ }
  return {
    cpu, cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`, node: process.version,
  };
}

/**
 * Share of all CPUs busy over `ms` (from /proc/stat), measured while the bench itself is idle: other work
 * on the machine (builds, tests) makes every figure noisier. null where /proc/stat is missing.
 * @param {number} ms
 * @returns {Promise<number|null>}
 */
export async function cpuBusyShare(ms = 1000) {
  const read = () => {
    const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/u);
    const n = fields.map(Number);
    const idle = n[3] + (n[4] ?? 0);
    return { idle, total: n.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await new Promise((ok) => setTimeout(ok, ms));
    const b = read();
    return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : null;
  } catch {
    return null;
  }
}

/**
 * Pads columns: the `left` ones (text) left-aligned, the others (figures) right-aligned.
 * @param {string[]} headers
 * @param {unknown[][]} rows
 * @param {number[]} [left]
 */
export function table(headers, rows, left = [0]) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '–')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r, k) => r.map((c, i) => (k > 0 && !left.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd())
    .flatMap((line, k) => (k === 0 ? [line, '-'.repeat(line.length)] : [line])).join('\n');
}

const ms = (x) => fmt(x);
const times = (x) => (typeof x === 'number' && Number.isFinite(x) ? `${fmt(x)}×` : '–');
const withRatio = (v, r) => (typeof v === 'number' ? `${ms(v)} (${times(r)})` : '–');
/** Switching off: the extension's tasks; without any, "≤ n" = marks gone n ms after the switch (upper bound). */
const offCell = (f) => (typeof f.offMs === 'number' ? withRatio(f.offMs, f.offRatio)
  : typeof f.offGoneAfterMs === 'number' ? `≤ ${ms(f.offGoneAfterMs)} (no task)` : '–');
const mb = (bytes) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;
const kib = (bytes) => (typeof bytes === 'number' ? `${bytes >= 0 ? '+' : ''}${(bytes / 1024 / 1024).toFixed(2)} MiB` : '–');

/**
 * A worst frame: Chromium reports only frames over 50 ms (LoAF) and Firefox's monitor keeps rAF gaps over
 * 20 ms, so 0 reads "<50" / "<20"; for frames made long by the extension, 0 is "none".
 */
const frame = (x, loaf, madeLong = false) => (x !== 0 ? ms(x) : madeLong ? 'none' : loaf ? '<50' : '<20');

/** Static pages of one browser. */
export function pagesTable(result) {
  const loaf = result.version.startsWith('chromium');
  const rows = result.pages.map((p) => {
    const f = p.figures;
    return [
      p.id, mb(p.bytes), `${f.mentions}/${p.expected ?? '?'}`, ms(f.limitMs), ms(f.firstHighlightMs), ms(f.idleMs),
      withRatio(f.scriptMs, f.scriptRatio), withRatio(f.limitUntouchedMs, f.scriptRatioUntouched), `${ms(f.wrapperMs)} (${times(f.wrapperRatio)})`,
      `${ms(f.wrapperScriptWorldMs)} (${times(f.wrapperScriptWorldRatio)})`, f.taskCount, withRatio(f.longestTaskMs, f.longestTaskRatio),
      `${frame(f.madeLongFrameMs, loaf, true)} / ${frame(f.worstExtFrameMs, loaf)} / ${frame(f.worstFrameMs, loaf)} / ${frame(f.worstFrameMsWithout, loaf)}`,
      fmt(f.nodesPerMark, 2), kib(f.heapAdded), offCell(f),
    ];
  });
  return table(['page', 'HTML', 'marked/exp', 'limit', '1st mark', 'all marked', 'script (×limit)', 'limit untouched (script ×)', 'wrapper (script ×)', 'wrapper, script world (script ×)', 'tasks',
    'longest (×limit)', 'frames ours/ext/all/without', 'nodes/mark', 'heap added', 'switch off (×limit)'], rows);
}

/** Infinite scroll, card and bundle of one browser. */
export function extrasTable(result) {
  const rows = [];
  const s = result.scroll;
  if (s) {
    rows.push(['infinite scroll', `${s.batches.length} batches of 200 p every 100 ms; per batch: extension ${ms(s.batchMs)} ms, ` +
      `limit on the added nodes ${ms(s.batchLimitMs)} ms (${times(s.batchRatio)} median, worst batch ${times(s.batchRatioMax)})`]);
    rows.push(['', `flat: last-5 / first-5 median ${times(s.flatness)}; all marked ${ms(s.markedAfterMs)} ms after each append; ` +
      `longest task ${ms(s.longestTaskMs)} ms; ${fmt(s.nodesPerMark, 2)} nodes/mark; heap ${kib(s.heapAdded)}`]);
    rows.push(['', `page's own append (+layout): ${ms(s.appendMs)} ms with, ${ms(s.appendMsWithout)} ms without (${times(s.appendRatio)})`]);
  }
  const c = result.card;
  if (c) {
    rows.push(['card shown', c.error ? `not measured: ${c.error}` : `${c.count} hovers on news-1MB (test build, hover delay 0): median ${ms(c.medianMs)} ms ` +
      `(${times(c.ratio)} limit ${ms(c.limitMs)} ms), ${fmt(c.medianFrames, 0)} frame(s), worst ${ms(c.maxMs)} ms`]);
  }
  rows.push(['content.js', `${result.contentJsBytes ?? '–'} bytes (${fmt((result.contentJsBytes ?? NaN) / 1024)} KiB)`]);
  return rows.map(([k, v]) => `${k.padEnd(16)}${v}`).join('\n');
}

/** Budgets of one browser. */
export function budgetsTable(budgets) {
  return table(['budget', 'rule', 'value', 'max', 'status', 'detail'],
    budgets.map((b) => [b.id, b.what, fmt(b.value, 2), fmt(b.limit, 2), b.info && b.status !== 'n/a' ? `(${b.status})` : b.status, b.detail]),
    [0, 1, 4, 5]);
}

/**
 * The README's table: one row per browser and page, then the budgets.
 * @param {{ machine: ReturnType<typeof machineInfo>, browsers: Record<string, any> }} report
 */
export function markdown(report) {
  const m = report.machine;
  const versions = Object.values(report.browsers).map((b) => b.version).join(', ');
  const busy = Object.values(report.browsers).map((b) => b.otherCpuBusy).filter((x) => typeof x === 'number');
  const noise = busy.length ? ` Other processes kept ${Math.round(Math.max(...busy) * 100)}% of the CPUs busy before the runs.` : '';
  const lines = [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; ${versions}; Node ${m.node}.${noise} ` +
      'Times in ms; (×) = ratio to the limit (one TreeWalker pass + one RegExp over the page text, same page load, first pass: cold like the extension\'s). ' +
      '*Limit untouched*: the same pass in a load of the page without the extension, where it is the first to touch the DOM, as the extension\'s pass is (the limit above runs after the extension has touched it all), and the script time as a ratio to it. ' +
      '*Wrapper*: a hand-written highlighter (TreeWalker, the names\' RegExp per text node, splitText, <mark>) run cold on the live page, in fresh loads without the extension (median of as many as the extension\'s), first to touch its DOM: the least any element-wrapping highlighter costs; the script time as a ratio to it. *Script world*: the same, run in a content script\'s world (Chromium: an isolated world; Firefox: a sandbox with Xray wrappers), where any extension\'s highlighter runs.',
    '',
    '| browser | page | HTML | marks | limit | first mark | all marked | script (×) | limit untouched (script ×) | wrapper (script ×) | wrapper, script world (script ×) | longest task | worst frame* ours / with our work | nodes/mark | heap added | switch off (×) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, b] of Object.entries(report.browsers)) {
    const loaf = b.version.startsWith('chromium');
    for (const p of b.pages) {
      const f = p.figures;
      lines.push(`| ${name} | ${p.id} | ${mb(p.bytes)} | ${f.mentions} | ${ms(f.limitMs)} | ${ms(f.firstHighlightMs)} | ${ms(f.idleMs)} | ` +
        `${withRatio(f.scriptMs, f.scriptRatio)} | ${withRatio(f.limitUntouchedMs, f.scriptRatioUntouched)} | ${ms(f.wrapperMs)} (${times(f.wrapperRatio)}) | ${ms(f.wrapperScriptWorldMs)} (${times(f.wrapperScriptWorldRatio)}) | ${ms(f.longestTaskMs)} | ${frame(f.madeLongFrameMs, loaf, true)} / ${frame(f.worstExtFrameMs, loaf)} | ${fmt(f.nodesPerMark, 2)} | ` +
        `${kib(f.heapAdded)} | ${offCell(f)} |`);
    }
  }
  lines.push('', '*ours: made long by extension work (long, and not without it); with our work: holding any. Chromium: Long Animation Frames (over 50 ms only); Firefox: requestAnimationFrame gaps.', '',
    '| browser | infinite scroll: per batch (× limit) | flat (last 5 / first 5) | page append with / without | card shown | content.js |',
    '|---|---:|---:|---:|---:|---:|');
  for (const [name, b] of Object.entries(report.browsers)) {
    const s = b.scroll;
    const c = b.card;
    lines.push(`| ${name} | ${s ? withRatio(s.batchMs, s.batchRatio) : '–'} | ${s ? times(s.flatness) : '–'} | ` +
      `${s ? `${ms(s.appendMs)} / ${ms(s.appendMsWithout)} (${times(s.appendRatio)})` : '–'} | ` +
      `${c && !c.error ? `${ms(c.medianMs)} ms, ${fmt(c.medianFrames, 0)} frame(s)` : '–'} | ${fmt((b.contentJsBytes ?? NaN) / 1024)} KiB |`);
  }
  lines.push('', budgetsMarkdown(Object.fromEntries(Object.entries(report.browsers).map(([name, b]) => [name, b.budgets]))));
  return lines.join('\n');
}

/**
 * The budgets as a README table, a column per browser (each browser's list in the same order).
 * @param {Record<string, import('./budgets.mjs').BudgetResult[]>} byBrowser
 */
export function budgetsMarkdown(byBrowser) {
  const names = Object.keys(byBrowser);
  const lines = [`| budget | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`];
  for (const [i, b] of (byBrowser[names[0]] ?? []).entries()) {
    lines.push(`| ${b.what} | ${names.map((n) => {
      const r = byBrowser[n][i];
      return `${r.info ? `(${r.status})` : r.status} ${fmt(r.value, 2)}`;
    }).join(' | ')} |`);
  }
  return lines.join('\n');
}
