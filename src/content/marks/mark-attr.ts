// The attribute on every mark Backstory makes; its value is the highlight style. Alone in its module so the
// build-time stylesheet does not pull in the highlighter (and mark.js).
export const MARK_ATTR = 'data-backstory';
export const MARK_SELECTOR = `mark[${MARK_ATTR}]`;
