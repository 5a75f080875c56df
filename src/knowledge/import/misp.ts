// MISP galaxy clusters (github.com/MISP/misp-galaxy, clusters/*.json): one file per kind of thing, each value an
// entry with synonyms and reference URLs. Only what a card needs is kept; the rest of `meta` (countries,
// victims, confidence) is MISP's own vocabulary and would need a card of its own.
import { stableId, type CatalogueEntry, type CatalogueSource, type EntityKind, type Reference } from '../source';
import { aliasesOf, fileTitle, isRecord, text, uniqueKeys } from './entries';
import { ImportError } from './import-error';

const MALWARE_WORDS = new Set(['malpedia', 'malware', 'ransomware', 'rat', 'backdoor']);

/** The cluster decides the kind of all its entries: MISP has no per-value kind. */
function kindOf(category: string, type: string): EntityKind {
  if (category === 'actor' || type.includes('threat-actor') || type.includes('intrusion-set')) return 'group';
  // Whole words only: "rat" must not match "operation" or "generation".
  if (type.split(/[^a-z]+/u).some((word) => MALWARE_WORDS.has(word))) return 'malware';
  if (category === 'tool') return 'tool';
  return 'other';
}

function strings(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

export function importMisp(data: unknown, file: string): CatalogueSource {
  if (!isRecord(data)) throw new ImportError(file, 'not a MISP galaxy cluster: the file holds no JSON object');
  if (!Array.isArray(data['values'])) throw new ImportError(file, 'not a MISP galaxy cluster: no "values" array');
  const type = text(data['type']) ?? '';
  const kind = kindOf((text(data['category']) ?? '').toLowerCase(), type.toLowerCase());
  const key = uniqueKeys();
  const entries: CatalogueEntry[] = [];
  for (const value of data['values']) {
    if (!isRecord(value)) continue;
    const meta = isRecord(value['meta']) ? value['meta'] : {};
    const externalIds = strings(meta['external_id']).map(text).filter((id): id is string => id !== undefined);
    let name = text(value['value']);
    if (name === undefined) continue; // one unnamed value should not cost the user the other thousand
    // mitre-intrusion-set.json writes "Lotus Blossom - G0030": the suffix is the ATT&CK id, not part of the name.
    for (const id of externalIds) {
      if (name.endsWith(` - ${id}`) && name.length > id.length + 3) name = name.slice(0, -(id.length + 3)).trim();
    }
    const references: Reference[] = externalIds.map((externalId) => ({ externalId }));
    const urls = new Set<string>();
    for (const ref of strings(meta['refs'])) {
      const url = text(ref);
      if (url === undefined || urls.has(url)) continue;
      urls.add(url);
      references.push({ url });
    }
    entries.push({
      key: key(text(value['uuid']) ?? name),
      name,
      aliases: aliasesOf(name, Array.isArray(meta['synonyms']) ? meta['synonyms'] : []),
      kind,
      description: typeof value['description'] === 'string' ? value['description'] : '',
      references,
    });
  }
  if (entries.length === 0) throw new ImportError(file, 'holds no named entries', 'values');
  const clusterName = text(data['name']);
  const licence = text(data['licence']) ?? text(data['license']);
  return {
    id: stableId('src', 'misp', text(data['uuid']) ?? (type || file)),
    title: clusterName ? `${clusterName} — MISP galaxy` : fileTitle(file),
    origin: { file },
    ...(licence ? { licence } : {}),
    body: { type: 'catalogue', entries },
  };
}
