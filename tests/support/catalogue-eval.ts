// How precise and how complete recognition is with thousands of imported names, on the labelled corpus: the
// knowledge of MISP's threat actors, malpedia and ATT&CK groups and the ATT&CK for ICS bundle, pages read by
// the content script's own reader (in happy-dom), mentions found by the matcher the extension uses.
//  - Recall on the MITRE ATT&CK pages: every link to a group or software page (/groups/G…, /software/S…)
//    whose text is a name is a true mention; it counts as found when a mention covers the link's text, and as
//    right when that mention is of the entity ATT&CK's id belongs to (or, for software the catalogues give no
//    id for, of the entity that owns that name).
//  - Precision on the pages that are not about security: every mention of an imported name there, with its
//    context, to be read by a person (printed by npm run eval); built-in names are measured by the labels.
//  - What the first pass loses: the mentions of the whole page read exactly whose block the first pass (the
//    candidates over textContent, then the walk) does not hand to the exact reader, on every page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileKnowledge, type Knowledge, type KnownEntity } from '../../src/knowledge/knowledge';
import { parseEntityFile } from '../../src/knowledge/entities';
import { compileMatcher, findMentions, firstPass } from '../../src/knowledge/matcher';
import { nameKey } from '../../src/knowledge/merge';
import { importMisp } from '../../src/knowledge/import/misp';
import { importStix } from '../../src/knowledge/import/stix';
import { scanText, type ScannedText } from '../../src/content/reader/scan';
import { CandidateFinder } from '../../src/content/reader/candidates';
import type { Matcher, Mention } from '../../src/knowledge/matcher';

/** The mentions whose first text node lies in no block the first pass hands out. */
function lostByFirstPass(body: HTMLElement, matcher: Matcher<string>, scan: ScannedText, mentions: readonly Mention<string>[]): Mention<string>[] {
  const finder = new CandidateFinder(body, matcher.candidates, { own: ':not(*)' });
  const blocks: Node[] = [];
  for (let found = finder.next(); found !== null; found = finder.next()) blocks.push(...found);
  return mentions.filter((m) => {
    let lo = 0;
    let hi = scan.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (scan.starts[mid]! <= m.start) lo = mid;
      else hi = mid - 1;
    }
    const node = scan.nodes[lo]!;
    return !blocks.some((b) => b.contains(node));
  });
}

export interface LinkResult {
  readonly page: string;
  readonly text: string;
  readonly id: string;
  /** Whether the knowledge has the name at all (the catalogues imported do not list every ATT&CK software). */
  readonly known: boolean;
  readonly found: boolean;
  readonly right: boolean;
  readonly as: string | null;
}

export interface Mark {
  readonly page: string;
  readonly text: string;
  readonly entity: string;
  readonly context: string;
}

export interface CatalogueEval {
  readonly names: number;
  readonly links: readonly LinkResult[];
  /** Found, of all the links; of those the knowledge has a name for. */
  readonly recall: number;
  readonly knownRecall: number;
  /** Marked as the right entity, of the links found. */
  readonly rightShare: number;
  readonly marks: readonly Mark[];
  readonly pagesRead: number;
  /** Per page, the mentions its whole text read exactly holds (built-in names included): what a browser should mark. */
  readonly perPage: Readonly<Record<string, number>>;
  /** Mentions on all pages, read exactly whole, and those the first pass leaves out (with their context). */
  readonly mentions: number;
  readonly firstPassLost: readonly Mark[];
}

const ratio = (a: number, b: number): number => (b ? a / b : 1);

const ATTACK_LINK = /\/(groups\/G\d{4}|software\/S\d{4})\b/u;

/** The corpus pages from ATT&CK and from a security vendor: what is left is not about security. */
function aboutSecurity(provenance: string, file: string): boolean {
  const line = provenance.split('\n').find((l) => l.startsWith(file)) ?? '';
  return /attack|mitre|ossec/iu.test(line);
}

export function catalogueKnowledge(samples: string, root: string): Knowledge {
  const misp = (name: string) => importMisp(JSON.parse(readFileSync(path.join(samples, 'misp-galaxy', name), 'utf8')), name);
  const ics = importStix(JSON.parse(readFileSync(path.join(samples, 'mitre-attack', 'ics-attack-18.1.json'), 'utf8')), 'ics-attack-18.1.json');
  const builtin = parseEntityFile(readFileSync(path.join(root, 'assets', 'entities.json'), 'utf8')).entities;
  return compileKnowledge({ builtin, sources: [misp('threat-actor.json'), misp('malpedia.json'), misp('mitre-intrusion-set.json'), ics] });
}

/** Reads one page as the content script does. `load` parses HTML into a document (happy-dom in tests). */
export function evaluateCatalogues(
  corpus: string, samples: string, root: string, load: (html: string) => Document, { guard = true }: { guard?: boolean } = {},
): CatalogueEval {
  const knowledge = catalogueKnowledge(samples, root);
  // Without the rule for ordinary words (to show what it does): every name recognised as any other.
  const unguard = (e: KnownEntity): KnownEntity => ({ ...e, aliases: e.aliases.map(({ text }) => ({ text })) });
  const entities = knowledge.entities.filter((e) => e.aliases.length > 0).map((e) => (guard ? e : unguard(e)));
  const matcher = compileMatcher(entities);
  const builtin = new Set(knowledge.entities.filter((e) => e.origin === 'builtin').map((e) => e.id));
  const byExternalId = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const e of knowledge.entities) for (const a of e.aliases) owner.set(nameKey(a.text), e.id);
  const entryIds = new Map<string, string[]>();
  for (const file of ['threat-actor.json', 'malpedia.json', 'mitre-intrusion-set.json']) {
    const source = importMisp(JSON.parse(readFileSync(path.join(samples, 'misp-galaxy', file), 'utf8')), file);
    for (const entry of source.body.entries) entryIds.set(`${source.id}/${entry.key}`, entry.references.flatMap((r) => (r.externalId ? [r.externalId] : [])));
  }
  const ics = importStix(JSON.parse(readFileSync(path.join(samples, 'mitre-attack', 'ics-attack-18.1.json'), 'utf8')), 'ics');
  for (const entry of ics.body.entries) entryIds.set(`${ics.id}/${entry.key}`, entry.references.flatMap((r) => (r.externalId ? [r.externalId] : [])));
  for (const e of knowledge.entities) for (const ref of e.entries) for (const id of entryIds.get(`${ref.source}/${ref.key}`) ?? []) if (!byExternalId.has(id)) byExternalId.set(id, e.id);

  const provenance = readFileSync(path.join(corpus, 'provenance.tsv'), 'utf8');
  const labels = JSON.parse(readFileSync(path.join(corpus, 'labels.json'), 'utf8')) as { pages: { file: string }[] };
  const links: LinkResult[] = [];
  const marks: Mark[] = [];
  const firstPassLost: Mark[] = [];
  let mentionCount = 0;
  const perPage: Record<string, number> = {};
  for (const { file: rel } of labels.pages) {
    const file = path.basename(rel);
    const doc = load(readFileSync(path.join(corpus, 'pages', file), 'utf8'));
    if (!doc.body) continue;
    const scan = scanText(doc.body, { own: ':not(*)' });
    // Whether the page is about security, as the background finds it in the page's text.
    const mentions = findMentions(scan.text, matcher, firstPass([doc.body.textContent ?? ''], matcher).aboutSecurity);
    const security = aboutSecurity(provenance, file);
    const entityName = (id: string): string => knowledge.entities.find((e) => e.id === id)!.name;
    const context = (x: Mention<string>): string => scan.text.slice(Math.max(0, x.start - 50), x.end + 50).replace(/\u0000/gu, ' ¶ ').replace(/\s+/gu, ' ');
    mentionCount += mentions.length;
    perPage[file] = mentions.length;
    if (guard) {
      for (const x of lostByFirstPass(doc.body, matcher, scan, mentions)) firstPassLost.push({ page: file, text: scan.text.slice(x.start, x.end), entity: entityName(x.entity), context: context(x) });
    }
    if (/attack/u.test(file)) {
      for (const a of doc.body.querySelectorAll('a[href]')) {
        const m = ATTACK_LINK.exec(a.getAttribute('href') ?? '');
        const text = (a.textContent ?? '').replace(/\s+/gu, ' ').trim();
        if (!m || text === '' || /^[GS]\d{4}$/u.test(text)) continue;
        const nodes = [...scan.nodes.keys()].filter((i) => a.contains(scan.nodes[i]!));
        if (nodes.length === 0) continue; // hidden or not read (a link in a script template)
        const from = scan.starts[nodes[0]!]!;
        const to = scan.starts[nodes.at(-1)!]! + scan.nodes[nodes.at(-1)!]!.data.length;
        const hit = mentions.find((x) => x.start < to && x.end > from);
        const id = m[1]!.slice(-5);
        const expected = byExternalId.get(id) ?? owner.get(nameKey(text)) ?? null;
        const known = knowledge.entities.some((e) => e.names.some((n) => nameKey(n) === nameKey(text)));
        links.push({ page: file, text, id, known, found: !!hit, right: !!hit && hit.entity === expected, as: hit?.entity ?? null });
      }
    }
    if (!security) {
      for (const x of mentions) {
        if (builtin.has(x.entity)) continue;
        marks.push({ page: file, text: scan.text.slice(x.start, x.end), entity: entityName(x.entity), context: context(x) });
      }
    }
  }
  const found = links.filter((l) => l.found).length;
  return {
    names: entities.reduce((n, e) => n + e.aliases.length, 0),
    links,
    recall: links.length ? found / links.length : 1,
    knownRecall: ratio(links.filter((l) => l.known && l.found).length, links.filter((l) => l.known).length),
    rightShare: ratio(links.filter((l) => l.right).length, found),
    marks,
    pagesRead: labels.pages.length,
    perPage,
    mentions: mentionCount,
    firstPassLost,
  };
}
