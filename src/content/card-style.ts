// The card's CSS, inside its shadow root: page styles cannot reach it, and `all: initial` on the host stops
// inherited ones. Colours meet WCAG AA in light and dark schemes.
export const CARD_CSS = `
:host { all: initial !important; }
.card {
  box-sizing: border-box; position: fixed; left: 0; top: 0; z-index: 2147483647;
  width: min(400px, calc(100vw - 16px)); max-height: min(75vh, 540px);
  display: flex; flex-direction: column;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #1b1f24; background: #ffffff; border: 1px solid #c7ccd1; border-radius: 10px;
  box-shadow: 0 8px 28px rgba(0, 0, 0, .22); padding: 12px 14px; text-align: start;
  letter-spacing: normal; word-spacing: normal; text-transform: none; writing-mode: horizontal-tb;
}
.card[hidden] { display: none; }
/* Header and footer stay put; only the quotes scroll, so "Read the article" is always in reach. */
.body { overflow: auto; min-height: 0; flex: 1 1 auto; overscroll-behavior: contain; }
header { display: flex; align-items: flex-start; gap: 8px; }
.titles { flex: 1; min-width: 0; }
h2 { margin: 0; font-size: 16px; line-height: 1.3; font-weight: 700; overflow-wrap: anywhere; }
.kind { margin: 2px 0 0; color: #4a5560; font-size: 13px; }
.close {
  all: unset; cursor: pointer; width: 24px; height: 24px; border-radius: 6px; text-align: center;
  line-height: 24px; font-size: 18px; color: #4a5560; flex: none;
}
.close:hover { background: #eef0f2; }
:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
h3 { margin: 10px 0 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; color: #4a5560; letter-spacing: .03em; }
ul { margin: 0; padding: 0; list-style: none; }
li { margin: 0 0 8px; }
blockquote { font-size: 13.5px; }
blockquote { margin: 0; padding: 0 0 0 10px; border-inline-start: 3px solid #f0c419; }
blockquote strong { font-weight: 650; }
.related { margin: 4px 0 0; font-size: 13px; }
.related ul { display: inline; }
.related li { display: inline; margin: 0; }
.related li + li::before { content: " · "; }
.related button { all: unset; cursor: pointer; color: #0b57d0; text-decoration: underline; }
footer { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 6px 12px; margin-top: 10px;
  padding-top: 8px; border-top: 1px solid #e1e4e8; font-size: 12px; color: #4a5560; }
a { color: #0b57d0; font-weight: 600; }
@media (prefers-color-scheme: dark) {
  .card { color: #e6e8eb; background: #1f2328; border-color: #3d444d; box-shadow: 0 8px 28px rgba(0, 0, 0, .6); }
  .kind, h3, footer, .close { color: #aeb6bf; }
  .close:hover { background: #2d333b; }
  blockquote { border-color: #d4a72c; }
  a, .related button { color: #8ab4f8; }
  footer { border-color: #3d444d; }
  :focus-visible { outline-color: #8ab4f8; }
}
`;
