// The one module that imports webextension-polyfill: every context gets `browser` from here, so the
// promise-based API is the same in Chrome and Firefox. Never import this from Node code (it throws there).
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Tabs } from 'webextension-polyfill';
