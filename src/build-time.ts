// What build.mjs runs in Node at build time: the knowledge pack compiler and the marks' stylesheet.
export { cardPack, compilePack } from './knowledge/pack';
export { markCss } from './content/marks/mark-css';
