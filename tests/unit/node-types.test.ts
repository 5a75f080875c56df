// @vitest-environment happy-dom
// The content script's DOM constants are plain numbers (a Firefox content script reads `Node.*` through an
// Xray), and the build injects its NodeFilter into mark.js: each must be the DOM's own value.
import { describe, expect, it } from 'vitest';
import * as types from '../../src/content/node-types';

describe('node-types', () => {
  it("holds the DOM's own values for Node's and NodeFilter's constants", () => {
    for (const key of ['ELEMENT_NODE', 'TEXT_NODE', 'DOCUMENT_NODE', 'DOCUMENT_FRAGMENT_NODE'] as const) {
      expect(types[key], key).toBe(Node[key]);
    }
    // (As 32-bit masks: the spec's SHOW_ALL is 0xFFFFFFFF, which happy-dom writes -1.)
    for (const key of ['SHOW_ALL', 'SHOW_ELEMENT', 'SHOW_TEXT', 'FILTER_ACCEPT', 'FILTER_REJECT', 'FILTER_SKIP'] as const) {
      expect(types[key] >>> 0, key).toBe(NodeFilter[key] >>> 0);
      expect(types.NodeFilter[key] >>> 0, `NodeFilter.${key}`).toBe(NodeFilter[key] >>> 0);
    }
  });
});
