// The content script's slice of the pack, as build.mjs makes it, for unit tests.
import { cardPack } from '../../src/knowledge/pack';
import pack from './pack';

export default cardPack(pack);
