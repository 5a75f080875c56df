// What the names benchmark (./names.mjs) runs in Node, bundled on the fly by esbuild: the matcher the
// extension uses, the RegExp matcher it replaced (tests/support), and the compiler and importers that turn the
// sample catalogues into the entities it matches.
export { compileMatcher, findMentions, loadMatcher, matcherData } from '../../src/knowledge/matcher';
export { Automaton } from '../../src/knowledge/automaton';
export { compileMatcher as compileRegexMatcher, findMentions as findRegexMentions } from '../support/regex-matcher';
export { compileKnowledge } from '../../src/knowledge/knowledge';
export { parseEntityFile } from '../../src/knowledge/entities';
export { importMisp } from '../../src/knowledge/import/misp';
