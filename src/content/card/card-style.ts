// The card's CSS, inside its shadow root: page styles cannot reach it, and `all: initial` on the host stops
// inherited ones. Colours meet WCAG AA in both themes; the theme follows the page (card-theme.ts).
export const CARD_CSS = `
:host { all: initial !important; }
.card {
  --fg: #1b1f24; --muted: #4a5560; --bg: #ffffff; --line: #c7ccd1; --rule: #e1e4e8; --link: #0b57d0;
  --quote: #c99a00; --hover: #eef0f2; --shadow: rgba(0, 0, 0, .22); color-scheme: light;
  box-sizing: border-box; position: fixed; left: 0; top: 0; z-index: 2147483647;
  width: min(400px, calc(100vw - 16px)); max-height: min(75vh, 540px);
  display: flex; flex-direction: column;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 8px 28px var(--shadow); padding: 12px 14px; text-align: start;
  letter-spacing: normal; word-spacing: normal; text-transform: none; writing-mode: horizontal-tb;
}
.card[data-theme="dark"] {
  --fg: #e6e8eb; --muted: #aeb6bf; --bg: #1f2328; --line: #3d444d; --rule: #3d444d; --link: #8ab4f8;
  --quote: #d4a72c; --hover: #2d333b; --shadow: rgba(0, 0, 0, .6); color-scheme: dark;
}
.card[hidden] { display: none; }
.card:focus { outline: none; }
.card:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
/* Header and footer stay put; only the quotes scroll, so "Read the article" is always in reach. */
.body { overflow: auto; min-height: 0; flex: 1 1 auto; overscroll-behavior: contain; }
header { display: flex; align-items: flex-start; gap: 8px; }
.titles { flex: 1; min-width: 0; }
h2 { margin: 0; font-size: 16px; line-height: 1.3; font-weight: 700; overflow-wrap: anywhere; }
.kind { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
.close {
  all: unset; cursor: pointer; width: 24px; height: 24px; border-radius: 6px; text-align: center;
  line-height: 24px; font-size: 18px; color: var(--muted); flex: none;
}
.close:hover { background: var(--hover); }
:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
h3 { margin: 10px 0 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; color: var(--muted); letter-spacing: .03em; }
ul { margin: 0; padding: 0; list-style: none; }
li { margin: 0 0 8px; }
blockquote { margin: 0; padding: 0 0 0 10px; border-inline-start: 3px solid var(--quote); font-size: 13.5px; }
blockquote strong { font-weight: 650; }
.related { margin: 4px 0 0; font-size: 13px; }
.related ul { display: inline; }
.related li { display: inline; margin: 0; }
.related li + li::before { content: " · "; }
.related button { all: unset; cursor: pointer; color: var(--link); text-decoration: underline; }
.aliases { margin: 2px 0 0; color: var(--muted); font-size: 12.5px; overflow-wrap: anywhere; }
.aliases .more { all: unset; cursor: pointer; color: var(--link); text-decoration: underline; }
.citation { margin: 0 0 6px; }
.citation h3 { text-transform: none; letter-spacing: normal; font-size: 12.5px; }
blockquote a { color: inherit; font-weight: inherit; text-decoration: none; }
blockquote a:hover { text-decoration: underline; }
blockquote.entry { white-space: pre-line; }
blockquote.entry a.ext { color: var(--link); font-weight: 500; text-decoration: underline; }
.cite { color: var(--muted); font-size: 11px; vertical-align: super; line-height: 0; }
.open, .empty, .more-sources { margin: 4px 0 0; font-size: 12.5px; color: var(--muted); }
.note p { margin: 0; padding: 0 0 0 10px; border-inline-start: 3px dashed var(--muted); font-style: italic; }
footer { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 6px 12px; margin-top: 10px;
  padding-top: 8px; border-top: 1px solid var(--rule); font-size: 12px; color: var(--muted); }
a { color: var(--link); font-weight: 600; }
`;
