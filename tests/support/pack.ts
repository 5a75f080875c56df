// The knowledge pack compiled from assets/, as build.mjs compiles it, for unit tests of modules that import
// 'backstory:pack'.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilePack } from '../../src/knowledge/pack';

// Not import.meta.url: under happy-dom it is the fake page's URL. The vitest config sets the repo root.
const read = (name: string): string => readFileSync(path.join(process.env['BACKSTORY_ROOT'] ?? '.', 'assets', name), 'utf8');

export const articleText = read('article.txt');
export const entitiesText = read('entities.json');
const pack = compilePack(articleText, entitiesText);
export default pack;
