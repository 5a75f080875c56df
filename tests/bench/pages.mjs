// The benchmark's generated pages: news sites of a given size (header and nav, a river of stories with
// nested wrappers, lists, tables, quotes, figures, a sidebar and a long footer), one with no mention, and an
// infinite-scroll page whose own script appends paragraphs in timed batches and times its own appends.
// Every page opts into the content script's instrumentation with <html data-backstory-bench>.
import { NewsText, mulberry32 } from './news-text.mjs';

/**
 * @typedef {object} GeneratedPage
 * @property {string} html
 * @property {number} bytes     UTF-8 size of html
 * @property {number} mentions  mentions written into the visible text (what the extension should mark)
 */

const CSS = `body{margin:0;font:16px/1.5 Georgia,serif;color:#222}a{color:#0b5cad}.wrap{max-width:1180px;margin:0 auto;padding:0 16px}
.site-header{border-bottom:1px solid #ddd}.main-nav ul{display:flex;flex-wrap:wrap;gap:12px;list-style:none;padding:0}
.layout{display:flex;gap:24px}.river{flex:1;min-width:0}.sidebar{width:300px}.story{border-bottom:1px solid #eee;padding:16px 0}
.kicker a{text-transform:uppercase;font:600 12px sans-serif}.byline{color:#666;font-size:14px}.kw{background:#f6f6f6}
.data{border-collapse:collapse}.data td,.data th{border:1px solid #ccc;padding:2px 6px}.media{height:120px;background:#ddd}
.pull{border-left:4px solid #0b5cad;margin:12px 0;padding-left:12px}.ad-slot{height:90px;background:#fafafa;margin:12px 0}
.site-footer{background:#111;color:#ccc;padding:24px 0}.site-footer a{color:#ccc}.feed-item{margin:0 0 12px}`;

const SECTIONS = ['World', 'Politics', 'Europe', 'Technology', 'Security', 'Business', 'Markets', 'Science',
  'Culture', 'Opinion', 'Sport', 'Climate', 'Media', 'Investigations', 'Video', 'Podcasts'];
const AUTHORS = ['Anna Keller', 'Louis Martin', 'Sara Ortiz', 'James Wright', 'Mei Tanaka', 'Omar Haddad'];

/** Collects HTML and credits every byte to the prose generator's mention budget. */
class Writer {
  /** @param {NewsText} text */
  constructor(text) {
    this.text = text;
    /** @type {string[]} */
    this.parts = [];
    this.length = 0;
  }

  /** @param {...string} chunks */
  emit(...chunks) {
    for (const s of chunks) {
      this.parts.push(s);
      this.length += s.length;
      this.text.credit(s.length);
    }
  }

  toString() { return this.parts.join(''); }
}

/** Site header and navigation: boilerplate, no mention. */
function siteHeader(t) {
  const nav = SECTIONS.map((s) => `<li class="nav-item"><a href="/${s.toLowerCase()}">${s}</a></li>`).join('');
  const ticker = Array.from({ length: 4 }, () => `<li><a href="/live/${t.int(1e5)}">${t.title({ mentions: false })}</a></li>`).join('');
  return `<header class="site-header"><div class="wrap"><div class="masthead"><a class="logo" href="/">The Daily Ledger</a>` +
    `<div class="edition"><span>International edition</span> <a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></div></div>` +
    `<nav class="main-nav" aria-label="Sections"><ul>${nav}</ul></nav>` +
    `<div class="ticker"><span class="ticker__label">Breaking</span><ul>${ticker}</ul></div></div></header>`;
}

/** Sidebar and footer: boilerplate, no mention. */
function siteTail(t) {
  const mostRead = Array.from({ length: 10 }, (_, i) =>
    `<li><a href="/story/${t.int(1e6)}"><span class="rank">${i + 1}</span> ${t.title({ mentions: false })}</a></li>`).join('');
  const columns = Array.from({ length: 5 }, (_, c) => `<div class="footer-col"><h4>${SECTIONS[c]}</h4><ul>` +
    SECTIONS.map((s) => `<li><a href="/${SECTIONS[c].toLowerCase()}/${s.toLowerCase()}">${s}</a></li>`).join('') + '</ul></div>').join('');
  return `</main><aside class="sidebar"><section class="most-read"><h3>Most read</h3><ol>${mostRead}</ol></section>` +
    `<section class="newsletter"><h3>Newsletters</h3><p>${t.sentences(2, { mentions: false })}</p><form><input type="email" placeholder="Email"><button>Sign up</button></form></section></aside></div></div>` +
    `<footer class="site-footer"><div class="wrap"><nav class="footer-nav">${columns}</nav>` +
    `<p class="legal"><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/cookies">Cookies</a> · © 2017 The Daily Ledger</p></div></footer>`;
}

/** One story of the river: nested wrappers, paragraphs and the odd list, table, quote or figure. */
function story(w, t, n) {
  const section = t.pick(SECTIONS);
  w.emit(`<article class="story" id="story-${n}"><div class="story__inner"><header class="story__header">`,
    `<div class="kicker"><a href="/${section.toLowerCase()}">${section}</a></div>`);
  // The lead story's headline names its subject, so the first viewport holds a mention.
  w.emit(`<h2 class="story__title"><a href="/story/${n}">${t.title({ force: n === 0 })}</a></h2>`);
  w.emit(`<p class="byline">By <a href="/authors/${n % AUTHORS.length}">${t.pick(AUTHORS)}</a> <span class="sep">·</span> ` +
    `<time datetime="2017-05-${String(1 + (n % 28)).padStart(2, '0')}">May ${1 + (n % 28)}, 2017</time></p></header>`);
  w.emit('<div class="story__body"><div class="rich-text"><div class="section">');
  const blocks = 3 + t.int(6);
  for (let b = 0; b < blocks; b++) {
    const r = t.random();
    if (r < 0.08) w.emit(`<h3>${t.title()}</h3>`);
    else if (r < 0.16) {
      w.emit('<ul class="bullets">');
      for (let i = 2 + t.int(4); i > 0; i--) w.emit(`<li>${t.sentence()}</li>`);
      w.emit('</ul>');
    } else if (r < 0.21) w.emit(`<blockquote class="pull"><p>${t.sentence()}</p><cite>${t.pick(AUTHORS)}</cite></blockquote>`);
    else if (r < 0.25) w.emit(`<figure><div class="media" role="img" aria-label="photo"></div><figcaption>${t.sentence()}</figcaption></figure>`);
    else if (r < 0.29) {
      w.emit(`<div class="table-wrap"><table class="data"><caption>${t.title({ mentions: false })}</caption><thead><tr>`);
      for (let c = 0; c < 4; c++) w.emit(`<th>${t.words(1)[0]}</th>`);
      w.emit('</tr></thead><tbody>');
      for (let row = 0; row < 5; row++) {
        w.emit('<tr>');
        for (let c = 0; c < 4; c++) w.emit(c === 0 ? `<td>${t.sentence({ markup: false })}</td>` : `<td>${t.int(1e4) / 100}%</td>`);
        w.emit('</tr>');
      }
      w.emit('</tbody></table></div>');
    } else w.emit(`<p>${t.sentences(2 + t.int(4))}</p>`);
  }
  w.emit('</div></div></div><aside class="story__related"><h4>Related</h4><ul>');
  for (let i = 0; i < 3; i++) w.emit(`<li><a href="/story/${t.int(1e6)}">${t.title()}</a></li>`);
  w.emit('</ul></aside><div class="share"><button type="button">Share</button> <button type="button">Save</button></div></div></article>');
  if (n % 4 === 3) w.emit('<div class="ad-slot"><div class="ad-inner"><span class="ad-label">Advertisement</span></div></div>');
}

/** Document head and the opening of the page up to the river. */
function pageStart(title, t) {
  return `<!doctype html>\n<html lang="en" data-backstory-bench><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${CSS}</style></head>` +
    `<body>${siteHeader(t)}<div class="page"><div class="wrap layout"><main id="main" class="river">`;
}

/**
 * A news page of about `bytes` bytes of HTML.
 * @param {{ seed: number, bytes: number, mentionEveryBytes?: number|null }} options
 *   mentionEveryBytes: one mention per this many bytes of HTML on average; null = none at all
 * @returns {GeneratedPage}
 */
export function newsPage({ seed, bytes, mentionEveryBytes = 3000 }) {
  const t = new NewsText(mulberry32(seed), { mentionEveryBytes });
  const w = new Writer(t);
  const tail = `${siteTail(t)}</body></html>\n`;
  t.credit(tail.length); // the tail is boilerplate: it counts towards the density, though written last
  w.emit(pageStart('The Daily Ledger: live coverage', t));
  for (let n = 0; w.length + tail.length < bytes; n++) story(w, t, n);
  w.parts.push(tail);
  const html = w.toString();
  return { html, bytes: Buffer.byteLength(html), mentions: t.mentions };
}

/**
 * An infinite-scroll page: a short news page, then a feed to which its own script appends `perBatch`
 * paragraphs every `intervalMs`, `batches` times, once `benchFeed.start()` is called (the bench calls it
 * when the extension is idle, or after load without the extension). Each batch clones the same template,
 * so batches are alike and their costs comparable. The script times each append (with the layout a
 * feed forces to measure itself) and exposes `window.benchFeed = { batches: [{ start, appendMs, nodes }],
 * done, start() }`.
 * @param {{ seed: number, batches: number, perBatch?: number, intervalMs?: number, initialBytes?: number }} options
 * @returns {GeneratedPage & { mentionsPerBatch: number }}
 */
export function scrollPage({ seed, batches, perBatch = 200, intervalMs = 100, initialBytes = 60_000 }) {
  const t = new NewsText(mulberry32(seed));
  const w = new Writer(t);
  w.emit(pageStart('The Daily Ledger: live feed', t));
  for (let n = 0; w.length < initialBytes; n++) story(w, t, n);
  const initialMentions = t.mentions;
  const items = [];
  for (let i = 0; i < perBatch; i++) {
    const item = `<p class="feed-item">${t.sentences(2 + t.int(3))}</p>`;
    t.credit(item.length);
    items.push(item);
  }
  const mentionsPerBatch = t.mentions - initialMentions;
  const script = `(() => {
  const feed = document.getElementById('feed');
  const batch = document.getElementById('feed-batch');
  const state = { batches: [], done: false, started: false, start };
  window.benchFeed = state;
  function start() {
    if (state.started) return;
    state.started = true;
    const timer = setInterval(() => {
      const start = performance.now();
      const fragment = batch.content.cloneNode(true);
      const nodes = Array.from(fragment.children);
      feed.append(fragment);
      void feed.offsetHeight; // a feed measures itself to know when to load more
      state.batches.push({ start, appendMs: performance.now() - start, nodes });
      if (state.batches.length === ${batches}) { clearInterval(timer); state.done = true; }
    }, ${intervalMs});
  }
})();`;
  const html = `${w.toString()}<section id="feed" class="feed" aria-label="Latest"></section>` +
    `<template id="feed-batch">${items.join('')}</template><script>${script}</script>${siteTail(t)}</body></html>\n`;
  return { html, bytes: Buffer.byteLength(html), mentions: initialMentions, mentionsPerBatch };
}

/**
 * The generated page set. Seeds are fixed: the pages are the same on every run.
 * @param {{ quick?: boolean, batches?: number }} [options]
 * @returns {Array<{ id: string, kind: 'news'|'none'|'scroll', page: GeneratedPage & { mentionsPerBatch?: number }, batches?: number }>}
 */
export function generatedPages({ quick = false, batches = quick ? 10 : 20 } = {}) {
  return [
    { id: 'news-0.1MB', kind: 'news', page: newsPage({ seed: 101, bytes: 100_000 }) },
    { id: 'news-1MB', kind: 'news', page: newsPage({ seed: 102, bytes: 1_000_000 }) },
    { id: 'news-4MB', kind: 'news', page: newsPage({ seed: 104, bytes: 4_000_000 }) },
    { id: 'none-1MB', kind: 'none', page: newsPage({ seed: 105, bytes: 1_000_000, mentionEveryBytes: null }) },
    { id: 'scroll', kind: 'scroll', page: scrollPage({ seed: 106, batches }), batches },
  ];
}
