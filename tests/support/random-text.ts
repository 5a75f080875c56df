// Random texts full of the cases the matching rules care about (names sharing prefixes across entities,
// invisible characters and runs of white space inside names, possessives, capitals, word characters touching
// names, surrogate pairs), and random entity sets of those names: for property tests against an oracle.
import type { MatchEntity } from '../../src/knowledge/matcher';

const WORDS = ['Sofacy', 'Sofacy Group', 'Group', 'Macron', 'Emmanuel Macron', 'Trend Micro', 'Micro', 'APT28', 'APT 28',
  'Fancy Bear', 'Bear', 'C++', 'Pawn Storm', 'Storm', 'Élysée', 'Zoë', '𝐀lpha', 'Mirage', 'Turla'];
const GLUE = [' ', '  ', '\u00A0', '\n', '\u00AD', '\u200B', '\u2060', '\uFEFF', "'s", '’S', 'x', '_', '-', '.', ',', '\u0000', '9', 'é', '\u0301', '𝐀', 'Macrons', ''];

/** A word with the case of some letters flipped, or all in small letters ("sofacy", "SoFacy", "aPT28"). */
function mixedCase(w: string, next: () => number): string {
  if (next() < 0.3) return w.toLowerCase();
  return [...w].map((c) => (next() < 0.3 ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c)).join('');
}

/** `mixCase`: names also written in other cases, as catalogues' names are (see the matcher's any-case names). */
export function randomText(next: () => number, mixCase = false): string {
  let text = '';
  const n = 1 + Math.floor(next() * 12);
  for (let i = 0; i < n; i++) {
    let w = WORDS[Math.floor(next() * WORDS.length)]!;
    if (next() < 0.2) w = w.toUpperCase();
    else if (mixCase && next() < 0.4) w = mixedCase(w, next);
    if (next() < 0.15) w = w.replace(' ', GLUE[Math.floor(next() * 8)]!); // white space or invisible inside
    if (next() < 0.1) w = `${w.slice(0, 2)}\u00AD${w.slice(2)}`;
    text += w + GLUE[Math.floor(next() * GLUE.length)]!;
  }
  return text;
}

export function randomEntities(next: () => number): MatchEntity[] {
  const pool = [...WORDS];
  const entities: MatchEntity[] = [];
  for (let e = 0; e < 5 && pool.length; e++) {
    const aliases = [];
    for (let k = 0; k < 1 + Math.floor(next() * 3) && pool.length; k++) {
      const text = pool.splice(Math.floor(next() * pool.length), 1)[0]!;
      aliases.push(next() < 0.3 ? { text, caps: 'exact' as const } : { text });
    }
    entities.push({ id: `e${e}`, aliases, exclusions: [] });
  }
  return entities;
}


/** The same entities with every name that is not exact recognised in any case, as a catalogue's are. */
export const anyCased = (entities: readonly MatchEntity[]): MatchEntity[] => entities.map((e) => ({
  ...e, aliases: e.aliases.map((a) => (a.caps === 'exact' ? a : { ...a, caps: 'any-case' as const })),
}));
