// Catalogue names that are ordinary words, or very short: Pioneer, Mirage, Alien, Hydra, Pegasus, Rogue, Animal
// Farm, GOP, UPS, Zen. On a page that is not about security they mean something else. Such a name is recognised
// only with evidence, as written or in capitals (ATT&CK writes CORESHELL for malpedia's Coreshell): nearby, a
// group or a malware named by a name that is no ordinary word, or a word of the trade (group, APT, malware,
// ransomware, hackers…); or the page's being about security (./matcher's SECURITY_WITNESSES), unless the user
// made the name strict. The three built-in names and the names the user adds are curated and never guarded.

/** Shorter than this, a name is too ambiguous to be recognised at all (one character: "A", "X"). */
export const MIN_NAME_LENGTH = 2;

/** How far around a guarded name the evidence may be (in characters of the text read). */
export const EVIDENCE_CHARS = 250;

/** Whether a name is too short to recognise at all. */
export const isTooShort = (name: string): boolean => name.replace(/\s+/gu, '').length < MIN_NAME_LENGTH;

/**
 * Words of the trade, in English, French and German: where they stand near an ordinary-word name, the page
 * is about security. Matched whole, in any case.
 */
const KIND_WORDS = [
  'apt', 'apts', 'group', 'groups', 'malware', 'ransomware', 'hacker', 'hackers', 'hacking', 'hacked', 'threat actor', 'threat actors',
  'trojan', 'trojans', 'backdoor', 'backdoors', 'botnet', 'botnets', 'spyware', 'stealer', 'stealers', 'infostealer', 'infostealers',
  'loader', 'loaders', 'dropper', 'droppers', 'rat', 'implant', 'implants', 'wiper', 'wipers', 'worm',
  'exploit', 'exploits', 'campaign', 'campaigns', 'espionage', 'cyber', 'cyberattack', 'cyberattacks', 'cyber-attack', 'cyber-attacks',
  'phishing', 'spear-phishing', 'intrusion', 'intrusions', 'attacker', 'attackers', 'c2', 'payload', 'payloads', 'vulnerability',
  'vulnerabilities', 'cve',
  'groupe', 'groupes', 'logiciel malveillant', 'logiciels malveillants', 'rançongiciel', 'rançongiciels', 'pirates',
  'pirate informatique', 'cyberattaque', 'cyberattaques', 'espionnage', 'logiciel espion', 'logiciels espions', 'hameçonnage',
  'gruppe', 'gruppen', 'schadsoftware', 'cyberangriff', 'cyberangriffe', 'spionage', 'erpressungstrojaner',
];
/**
 * The words of the trade as the first pass looks for them in a page (./matcher): lower case, capitalised and in
 * capitals, in code unit order. The exact rule (kindWordNear) matches them in any case.
 */
export const KIND_FORMS: readonly string[] = [...new Set(KIND_WORDS.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]))]
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const KIND = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${KIND_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|')})(?![\\p{L}\\p{N}_])`, 'iu');

/** A word of letters only, capitalised at most at its first letter (Mirage, gugi, of), or of small letters and digits (ext4, a file system). */
const ORDINARY_WORD = /^(?:\p{L}\p{Ll}+|(?=\P{N}*\p{N})(?=\P{Ll}*\p{Ll})[\p{Ll}\p{N}]+)$/u;
/** A word of capitals only: a catalogue's PHOTO, PLATINUM, SUNBURST, as a page's captions, headlines and menus write words. */
const CAPITALS_WORD = /^\p{Lu}+$/u;

/** A collective and a number (Group 3, Unit 121, Team46): a carcinogen's class, a fire brigade's, a sports team before a threat actor. */
const NUMBERED = /^(?:group|team|unit|bureau|gang|crew|squad|cell|division)[\s-]*\d+$/iu;

/**
 * Whether a catalogue name reads like ordinary words: words of letters only, each capitalised at most at its
 * first letter or all in capitals (Mirage, Hydra, gugi, PHOTO, SUNBURST; Animal Farm, Big Bang, Common Raven:
 * a book, a theory, a bird before they are threat actors), a collective and a number (Group 3, Unit 121), or
 * three characters or fewer (GOP, UPS, Zen, KV). Without a dictionary, a word in capitals is taken for a word
 * (STOP, COPPER) rather than for a made-up name (EQGRP): on a page about security, or with evidence nearby, both
 * stand. Distinctive: names with digits, inner capitals or other marks (APT28, BlackEnergy, njRAT, Agent.btz),
 * and names of several words of which one is a word of the trade (Lazarus Group, Cyber Berkut, Hacking Team):
 * the name says what it names.
 */
export function isOrdinaryName(name: string): boolean {
  const letters = name.replace(/[^\p{L}\p{N}]/gu, '');
  if (letters.length <= 3 || NUMBERED.test(name)) return true;
  const words = name.trim().split(/\s+/u);
  return words.every((w) => ORDINARY_WORD.test(w) || CAPITALS_WORD.test(w)) && (words.length === 1 || !KIND.test(name));
}

/**
 * Whether a word of the trade stands within EVIDENCE_CHARS of [start, end) in `text`, outside it: a name that
 * holds one ("Lazarus Group") is no evidence for itself.
 */
export function kindWordNear(text: string, start: number, end: number): boolean {
  return KIND.test(text.slice(Math.max(0, start - EVIDENCE_CHARS), start)) || KIND.test(text.slice(end, end + EVIDENCE_CHARS));
}
