// The recognition rules of the corpus README, each with cases that must and must not match.
import { describe, expect, it } from 'vitest';
import pack from 'backstory:pack';
import { compileMatcher, findMentions } from '../../src/knowledge/matcher';
import { BLOCK_BREAK } from '../../src/knowledge/text-chars';

const matcher = compileMatcher(pack.entities);
const found = (text: string): string[] => findMentions(text, matcher).map((m) => `${m.entity}:${text.slice(m.start, m.end)}`);
const count = (text: string): number => findMentions(text, matcher).length;

describe('aliases', () => {
  it.each([
    ['Pawn Storm', 'pawn-storm'], ['PAWN STORM', 'pawn-storm'], ['APT28', 'pawn-storm'], ['APT 28', 'pawn-storm'],
    ['APT-28', 'pawn-storm'], ['Fancy Bear', 'pawn-storm'], ['FANCY BEAR', 'pawn-storm'], ['Sofacy', 'pawn-storm'],
    ['Sofacy Group', 'pawn-storm'], ['Sednit', 'pawn-storm'], ['SEDNIT', 'pawn-storm'], ['Tsar Team', 'pawn-storm'],
    ['Forest Blizzard', 'pawn-storm'], ['FOREST BLIZZARD', 'pawn-storm'], ['STRONTIUM', 'pawn-storm'],
    ['Macron', 'macron'], ['MACRON', 'macron'], ['Emmanuel Macron', 'macron'], ['EMMANUEL MACRON', 'macron'],
    ['Trend Micro', 'trend-micro'], ['TREND MICRO', 'trend-micro'], ['Trend Micro Inc.', 'trend-micro'],
  ])('finds %s as %s, whole', (name, entity) => {
    expect(found(`Said ${name} today.`)).toEqual([`${entity}:${name}`]);
  });

  it.each([
    'pawn storm in chess', 'apt28.exe', 'Strontium 90', 'strontium', 'the macron diacritic', 'trend micro',
    'Trend alone', 'Micro alone', 'Fancy Bears', 'APT28s', 'Sofacys', 'Pawn Storms', 'Snake and Turla',
    'Pawn  storm', 'トレンドマイクロ',
  ])('does not find %j', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('boundaries', () => {
  it.each([
    ["Macron's plan", "macron:Macron's"], ['Macron’s plan', 'macron:Macron’s'], ['MACRON’S PLAN', 'macron:MACRON’S'],
    ['die Macron-Partei', 'macron:Macron'], ['anti-Macron', 'macron:Macron'], ['#Macron', 'macron:Macron'],
    ['Trojan.Sofacy', 'pawn-storm:Sofacy'], ['(Sednit)', 'pawn-storm:Sednit'], ['«Macron»', 'macron:Macron'],
    ['M. Macron', 'macron:Macron'], ['président Macron', 'macron:Macron'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('splits APT28/Fancy Bear into two', () => {
    expect(found('APT28/Fancy Bear')).toEqual(['pawn-storm:APT28', 'pawn-storm:Fancy Bear']);
  });

  it.each(['Macrons', 'Macronie', 'macroniste', 'TrendMicro', 'SofacyCarberp', 'Sofacy_x', 'xSednit', '2APT28', 'Macroń', 'Macron\u0301'])(
    'rejects %j (a letter, digit, mark or underscore touches it)',
    (text) => expect(found(text)).toEqual([]),
  );
});

describe('longest name wins', () => {
  it.each([
    ['Sofacy Group said', 'pawn-storm:Sofacy Group'],
    ['Emmanuel Macron said', 'macron:Emmanuel Macron'],
    ['Trend Micro Inc. said', 'trend-micro:Trend Micro Inc.'],
  ])('%s is one mention', (text, expected) => expect(found(text)).toEqual([expected]));
  it('product names beginning with Trend Micro count once', () => {
    expect(found('Trend Micro Smart Protection Network')).toEqual(['trend-micro:Trend Micro']);
  });
});

describe('white space and invisible characters', () => {
  it.each([
    ['Trend\u00A0Micro', 'NBSP'], ['Fancy\nBear', 'line break'], ['Pawn \t\r\n Storm', 'a run of spaces'],
    ['Trend\u2009Micro', 'thin space'], ['Emmanuel\u202FMacron', 'narrow NBSP'], ['Trend\u3000Micro', 'ideographic space'],
  ])('%j joins the words (%s)', (text) => expect(count(text)).toBe(1));

  it.each([['Mac\u00ADron', 'soft hyphen'], ['Sed\u200Bnit', 'ZWSP'], ['Fancy\u200D Bear', 'ZWJ'], ['APT\u206028', 'word joiner'], ['Trend \uFEFFMicro', 'BOM']])(
    '%j is found through the %s',
    (text) => expect(count(text)).toBe(1),
  );

  it('an invisible character is no space: Trend\\u200BMicro is TrendMicro', () => {
    expect(count('Trend\u200BMicro')).toBe(0);
    expect(count('Trend\uFEFFMicro')).toBe(0);
  });

  it('a name never spans a block boundary', () => {
    expect(count(`Trend${BLOCK_BREAK}Micro`)).toBe(0);
    expect(count(`Trend ${BLOCK_BREAK} Micro`)).toBe(0);
    expect(found(`Pawn${BLOCK_BREAK}Storm Macron`)).toEqual(['macron:Macron']);
  });
});

describe('context exclusions', () => {
  it.each(['Brigitte Macron', 'BRIGITTE MACRON', 'Brigitte\u00A0Macron', 'Jean-Michel Macron', 'Laurent Macron'])('%s is a relative', (text) => {
    expect(found(text)).toEqual([]);
  });
  it('but Emmanuel and Brigitte Macron: only the president is counted', () => {
    expect(found('Emmanuel Macron and Brigitte Macron')).toEqual(['macron:Emmanuel Macron']);
  });
  it.each([
    'LATIN SMALL LETTER A WITH MACRON', 'LATIN CAPITAL LETTER U WITH DIAERESIS AND MACRON', 'COMBINING MACRON',
    'MODIFIER LETTER MACRON', 'DOUBLE MACRON BELOW', 'MACRON BELOW', 'COMBINING MACRON BELOW',
  ])('%s is a Unicode character name', (name) => {
    expect(found(`${BLOCK_BREAK}${name}${BLOCK_BREAK}`)).toEqual([]);
  });
  it('MACRON alone in a character table, after its code point, is the character', () => {
    expect(found(`${BLOCK_BREAK}¯${BLOCK_BREAK}175${BLOCK_BREAK}00AF${BLOCK_BREAK} ${BLOCK_BREAK}MACRON${BLOCK_BREAK}`)).toEqual([]);
  });
  it.each(['MACRON DÉMISSION', 'MERKEL AND MACRON', 'MACRON WINS', 'VOTE MACRON'])('the headline %s is the person', (headline) => {
    expect(found(`${BLOCK_BREAK}${headline}${BLOCK_BREAK}`)).toEqual(['macron:MACRON']);
  });
  it('a headline MACRON alone is the person when no code point precedes it', () => {
    expect(found(`${BLOCK_BREAK}News${BLOCK_BREAK}MACRON${BLOCK_BREAK}`)).toEqual(['macron:MACRON']);
  });
  it('title-case Strontium is the element', () => {
    expect(found('Strontium and STRONTIUM')).toEqual(['pawn-storm:STRONTIUM']);
  });
});

describe('languages', () => {
  it('French', () => {
    expect(found('Le président Emmanuel Macron a reçu Trend Micro ; le groupe APT28 (Fancy Bear) est visé.')).toEqual([
      'macron:Emmanuel Macron', 'trend-micro:Trend Micro', 'pawn-storm:APT28', 'pawn-storm:Fancy Bear',
    ]);
  });
  it('German compounds with a hyphen count, glued ones do not', () => {
    expect(found('Die Macron-Regierung und die Macronisten; Sofacy-Angriffe')).toEqual(['macron:Macron', 'pawn-storm:Sofacy']);
  });
});

it('finds every mention in a long text, in order, without overlaps', () => {
  const text = 'Pawn Storm, Macron and Trend Micro. '.repeat(1000);
  const mentions = findMentions(text, matcher);
  expect(mentions).toHaveLength(3000);
  for (let i = 1; i < mentions.length; i++) expect(mentions[i]!.start).toBeGreaterThanOrEqual(mentions[i - 1]!.end);
});

describe('candidates (the bare names the content script looks for first)', () => {
  // Every mention the exact rules find must start within a candidate (its block is then read), with or
  // without invisible characters. (A possessive ’s is part of a mention, not of the bare name.)
  const covered = (text: string): boolean => {
    const spans = matcher.candidates.find(text);
    return findMentions(text, matcher).every((m) => spans.some((s) => s.start <= m.start && m.start < s.end));
  };
  it.each([
    'Pawn Storm, Macron and Trend Micro.', 'Trend\u00A0Micro and Fancy\nBear', 'Pawn \t\r\n Storm', 'APT 28, APT-28, STRONTIUM',
    'Mac\u00ADron', 'Sed\u200Bnit', 'Fancy\u200D Bear', 'APT\u206028', 'Trend \uFEFFMicro', 'EMMANUEL MACRON’S aide', 'Sofacy Group',
  ])('%j: every mention starts with a candidate', (text) => {
    expect(findMentions(text, matcher).length).toBeGreaterThan(0);
    expect(covered(text)).toBe(true);
  });
  it('finds candidates where the exact rules find nothing (they are a superset), and nothing in plain text', () => {
    const text = 'Macronie, xSednit';
    expect(matcher.candidates.find(text).map((m) => text.slice(m.start, m.end))).toEqual(['Macron', 'Sednit']);
    expect(matcher.candidates.find('Nothing here: micron, trend, storm.')).toEqual([]);
  });
});

describe('with no name at all (every one switched off)', () => {
  it('finds nothing, and returns (an empty RegExp matches nothing at every position)', () => {
    const none = compileMatcher([]);
    const text = 'Pawn Storm and Emmanuel Macron';
    expect(none.candidates.find(text)).toEqual([]);
    expect(none.candidates.search([text, '']).next(Infinity)).toEqual([[], []]);
    expect(findMentions(text, none)).toEqual([]);
  });
});

describe('the exact pass reads only from each candidate to the end of its block', () => {
  it('finds a name that starts inside a longer one and ends past it, and names after a block break', () => {
    const m = compileMatcher([
      { id: 'a', aliases: [{ text: 'Trend Micro' }], exclusions: [] },
      { id: 'b', aliases: [{ text: 'Micro Systems Group' }], exclusions: [] },
      { id: 'c', aliases: [{ text: 'Sofacy' }], exclusions: [] },
    ]);
    expect(m.prefilter).not.toBeNull();
    const text = `xTrend Micro Systems Group, then${BLOCK_BREAK}Sofacy${BLOCK_BREAK}and Trend Micro.`;
    expect(findMentions(text, m).map((x) => `${x.entity}:${text.slice(x.start, x.end)}`)).toEqual(['b:Micro Systems Group', 'c:Sofacy', 'a:Trend Micro']);
  });

  it('reads on from a span as far as a name starting inside it can reach', () => {
    const m = compileMatcher([
      { id: 'a', aliases: [{ text: 'Storm-X' }], exclusions: [] },
      { id: 'b', aliases: [{ text: 'X Group Of Hackers' }], exclusions: [] },
    ]);
    // The span is Storm-X, which a Cyrillic letter touches (the exact rule refuses it, the prefilter cannot
    // tell): the name that starts on its last letter is the mention, and it ends 17 letters past the span.
    const text = 'жStorm-X Group Of Hackers';
    expect(m.prefilter!(text)).toEqual([{ start: 1, end: 8 }]);
    expect(findMentions(text, m).map((x) => `${x.entity}:${text.slice(x.start, x.end)}`)).toEqual(['b:X Group Of Hackers']);
  });

  it('never builds the automaton for a text where no name occurs (most pages, with a few names)', () => {
    const m = compileMatcher([{ id: 'a', aliases: [{ text: 'Sofacy' }], exclusions: [] }]);
    const getter = Object.getOwnPropertyDescriptor(m, 'automaton')!.get!;
    let asked = 0;
    Object.defineProperty(m, 'automaton', { get: () => ((asked += 1), getter.call(m)) });
    expect(m.candidates.find('nothing to see here')).toEqual([]);
    expect(findMentions(`nothing${BLOCK_BREAK}internationally Sofacyx`, m)).toEqual([]);
    expect(asked).toBe(0);
    expect(findMentions('Sofacy', m).length).toBe(1);
    expect(asked).toBe(1);
  });

  it('starts no reading where a letter or digit touches the name (the boundary rules refuse it in any case)', () => {
    const m = compileMatcher([
      { id: 'a', aliases: [{ text: 'inter' }], exclusions: [] },
      { id: 'b', aliases: [{ text: 'Sofacy' }], exclusions: [] },
    ]);
    const text = 'international interview, inter alia: Sofacy2 and Sofacy\u00AD, Sofacy’s';
    const starts = m.prefilter!(text).map((s) => s.start);
    expect(starts).toEqual([text.indexOf(' inter ') + 1, text.indexOf('Sofacy\u00AD'), text.lastIndexOf('Sofacy')]);
    expect(findMentions(text, m).map((x) => text.slice(x.start, x.end))).toEqual(['inter', 'Sofacy', 'Sofacy’s']);
  });
});

describe('catalogues’ names in other cases (any-case names: malpedia writes MimiKatz, ATT&CK Mimikatz)', () => {
  const entities = [
    { id: 'mimikatz', kind: 'tool' as const, aliases: [{ text: 'MimiKatz', caps: 'any-case' as const }], exclusions: [] },
    // An ordinary-looking name is guarded as written, and so in any other case.
    { id: 'evilbunny', kind: 'malware' as const, aliases: [{ text: 'Evilbunny', caps: 'any-case' as const, guard: 'evidence' as const }], exclusions: [] },
    // Written in capitals only by its catalogue: an acronym or a brand.
    { id: 'play', kind: 'malware' as const, aliases: [{ text: 'PLAY', caps: 'any-case' as const }], exclusions: [] },
    { id: 'turla', kind: 'group' as const, aliases: [{ text: 'Turla', caps: 'any-case' as const }], exclusions: [] },
    // A curated name (built-in, or the user's own) keeps its case rules.
    { id: 'curated', aliases: [{ text: 'HttpBrowser' }], exclusions: [] },
  ];
  const m = compileMatcher(entities);
  const names = (text: string): string[] => findMentions(text, m).map((x) => `${x.entity}:${text.slice(x.start, x.end)}`);

  it.each([
    ['MimiKatz', 'mimikatz'], ['MIMIKATZ', 'mimikatz'], ['mimiKATZ', 'mimikatz'], ['MimiKATZ', 'mimikatz'],
    // The form the automaton reports first (TURLA) is not how the text writes it: the other one is found.
    ['Turla', 'turla'], ['TURLA', 'turla'], ['TuRLA', 'turla'], ['PLAY', 'play'],
  ])('finds %s as %s, with no evidence needed', (written, entity) => {
    expect(names(`Seen: ${written} today.`)).toEqual([`${entity}:${written}`]);
  });

  it.each([['Mimikatz', 'mimikatz'], ['EvilBunny', 'evilbunny'], ['EVILBUNNY', 'evilbunny'], ['Evilbunny', 'evilbunny']])(
    'finds %s (a writing that reads like an ordinary word, or a guarded name) only with evidence nearby', (written, entity) => {
      expect(names(`Seen: ${written} today.`)).toEqual([]);
      expect(names(`The ${written} malware.`)).toEqual([`${entity}:${written}`]);
      expect(names(`Turla used ${written}.`)).toEqual(['turla:Turla', `${entity}:${written}`]);
    });

  it.each(['mimikatz.exe', 'the turla', 'evilbunny malware', 'Play ransomware', 'play', 'The httpbrowser backdoor', 'HTTPbrowser malware'])(
    'does not find %j (all in small letters, a capitals-only name in another case, a curated name)', (text) => {
      expect(names(text)).toEqual([]);
    });

  it('holds the same in the first pass: its candidates cover every mention, and it drops what the rules refuse', () => {
    const text = 'Mimikatz malware, mimikatz.exe and Play; MimiKatz';
    const spans = m.candidates.find(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['Mimikatz', 'MimiKatz']);
    expect(names(text)).toEqual(['mimikatz:Mimikatz', 'mimikatz:MimiKatz']);
  });

  it('leaves a matcher with no any-case name as it was: case-sensitive, its automaton reading the text as written', () => {
    const exact = compileMatcher([{ id: 'a', aliases: [{ text: 'MimiKatz' }], exclusions: [] }]);
    expect(exact.foldsCase).toBe(false);
    expect(findMentions('The Mimikatz malware, MimiKatz', exact).length).toBe(1);
    expect(m.foldsCase).toBe(true);
  });
});

describe('catalogues’ names of several words, in other cases', () => {
  const m = compileMatcher([
    { id: 'ivy', kind: 'malware' as const, aliases: [{ text: 'Poison Ivy', caps: 'any-case' as const }], exclusions: [] },
    { id: 'ghost', kind: 'malware' as const, aliases: [{ text: 'Gh0st RAT', caps: 'any-case' as const }], exclusions: [] },
  ]);
  const names = (text: string): string[] => findMentions(text, m).map((x) => `${x.entity}:${text.slice(x.start, x.end)}`);
  it('finds a writing with a distinctive word in it with no evidence, one of ordinary words only with evidence', () => {
    expect(names('Seen: gh0st RAT.')).toEqual(['ghost:gh0st RAT']);
    expect(names('Poison ivy is a plant.')).toEqual([]);
    expect(names('Poison Ivy is a plant.')).toEqual(['ivy:Poison Ivy']); // (as written: a catalogue's name, as before)
    expect(names('The Poison ivy backdoor.')).toEqual(['ivy:Poison ivy']);
  });
});

describe('a name that is also a word of the trade', () => {
  it('still counts as that word, for evidence (the automaton reports one of two equal patterns)', () => {
    // A catalogue's "Payload", read in small letters as the word "payload" is; and, as written, the word's "Payload".
    const folded = compileMatcher([
      { id: 'mirage', aliases: [{ text: 'Mirage', caps: 'any-case', guard: 'evidence' }], exclusions: [] },
      { id: 'payload', aliases: [{ text: 'Payload', caps: 'any-case' }], exclusions: [] },
    ]);
    const written = compileMatcher([
      { id: 'mirage', aliases: [{ text: 'Mirage', guard: 'evidence' }], exclusions: [] },
      { id: 'payload', aliases: [{ text: 'Payload' }], exclusions: [] },
    ]);
    for (const [m, text] of [[folded, 'Mirage dropped its payload.'], [written, 'Mirage. Payload delivered.']] as const) {
      expect(findMentions(text, m).map((x) => x.entity), text).toContain('mirage');
      expect(m.candidates.find(text).map((s) => text.slice(s.start, s.end)), text).toContain('Mirage');
    }
  });
});
