// STIX 2.1 bundles (MITRE ATT&CK's attack-stix-data, most threat-intelligence platforms' exports). Only the
// objects that name an actor or its software become entries; techniques, mitigations and relationships are
// for a different feature.
import { normaliseDate, stableId, type CatalogueEntry, type CatalogueSource, type EntityKind, type Reference } from '../source';
import { aliasesOf, fileTitle, isRecord, text, uniqueKeys, type Json } from './entries';
import { ImportError } from './import-error';

const KINDS: Readonly<Record<string, EntityKind>> = {
  'intrusion-set': 'group',
  'threat-actor': 'group',
  malware: 'malware',
  tool: 'tool',
  campaign: 'campaign',
};

function referencesOf(value: unknown): Reference[] {
  if (!Array.isArray(value)) return [];
  const references: Reference[] = [];
  for (const ref of value) {
    if (!isRecord(ref)) continue;
    const externalId = text(ref['external_id']);
    const url = text(ref['url']);
    const label = text(ref['source_name']);
    // ATT&CK also lists each alias as a "reference" with no URL and no id, only its citations: nothing to open.
    if (externalId === undefined && url === undefined) continue;
    references.push({ ...(externalId ? { externalId } : {}), ...(url ? { url } : {}), ...(label ? { label } : {}) });
  }
  return references;
}

const modifiedOf = (object: Json): string => text(object['modified']) ?? '';

export function importStix(data: unknown, file: string): CatalogueSource {
  if (!isRecord(data)) throw new ImportError(file, 'not a STIX 2.1 bundle: the file holds no JSON object');
  if (data['type'] !== 'bundle') throw new ImportError(file, 'not a STIX 2.1 bundle: its "type" is not "bundle"');
  const objects = data['objects'];
  if (!Array.isArray(objects)) throw new ImportError(file, 'not a STIX 2.1 bundle: no "objects" array');

  // A bundle may carry several versions of one object (same id): the latest `modified` is the one that counts.
  const latest = new Map<string, Json>();
  let collection: Json | undefined;
  const statements: string[] = [];
  let kinds = 0;
  objects.forEach((object, index) => {
    if (!isRecord(object)) return;
    const type = object['type'];
    if (type === 'x-mitre-collection') collection ??= object;
    if (type === 'marking-definition' && isRecord(object['definition'])) {
      const statement = text(object['definition']['statement']);
      if (statement !== undefined && !statements.includes(statement)) statements.push(statement);
    }
    if (typeof type !== 'string' || !Object.hasOwn(KINDS, type)) return;
    kinds++;
    if (object['revoked'] === true || object['x_mitre_deprecated'] === true) return;
    const id = text(object['id']) ?? `objects[${index}]`;
    if (text(object['name']) === undefined) throw new ImportError(file, 'has no name', `object ${id}`);
    const before = latest.get(id);
    if (before === undefined || modifiedOf(object) >= modifiedOf(before)) latest.set(id, object);
  });
  if (kinds === 0) throw new ImportError(file, 'holds no intrusion-set, threat-actor, malware, tool or campaign objects');
  if (latest.size === 0) throw new ImportError(file, 'holds only revoked or deprecated intrusion-set, threat-actor, malware, tool or campaign objects');

  const key = uniqueKeys();
  const entries: CatalogueEntry[] = [];
  let newest = '';
  for (const [id, object] of latest) {
    const name = text(object['name'])!;
    const aliases = [object['aliases'], object['x_mitre_aliases']].flatMap((list) => (Array.isArray(list) ? list : []));
    entries.push({
      key: key(id),
      name,
      aliases: aliasesOf(name, aliases),
      kind: KINDS[object['type'] as string] ?? 'other',
      description: typeof object['description'] === 'string' ? object['description'] : '',
      references: referencesOf(object['external_references']),
    });
    if (modifiedOf(object) > newest) newest = modifiedOf(object);
  }

  const collectionName = collection && text(collection['name']);
  const version = collection && text(collection['x_mitre_version']);
  const title = collectionName ? (version ? `${collectionName} v${version}` : collectionName) : fileTitle(file);
  const date = normaliseDate((collection && text(collection['modified'])) ?? newest);
  const licence = statements.join('\n');
  return {
    id: stableId('src', 'stix', text(data['id']) ?? file),
    title,
    origin: { file },
    ...(date ? { date } : {}),
    ...(licence ? { licence } : {}),
    body: { type: 'catalogue', entries },
  };
}
