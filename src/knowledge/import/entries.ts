// What the catalogue importers share: the same rules for aliases, keys and titles whatever the format, so
// that a group imported from MISP, STIX or CSV looks the same to the knowledge compiler.

export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A trimmed, non-empty string, or undefined: catalogues pad names with spaces and leave fields empty. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Other names in the catalogue's order, without the name itself and without repeats. Case is kept apart on
 * purpose: "FANCY BEAR" and "Fancy Bear" are how two vendors write it, and the matcher decides about case.
 */
export function aliasesOf(name: string, candidates: Iterable<unknown>): string[] {
  const seen = new Set([name]);
  const aliases: string[] = [];
  for (const candidate of candidates) {
    const alias = text(candidate);
    if (alias === undefined || seen.has(alias)) continue;
    seen.add(alias);
    aliases.push(alias);
  }
  return aliases;
}

/** Keys unique within one source: the second "Foo" becomes "Foo#2", so no entry silently replaces another. */
export function uniqueKeys(): (key: string) => string {
  const used = new Set<string>();
  return (key) => {
    let candidate = key;
    for (let n = 2; used.has(candidate); n++) candidate = `${key}#${n}`;
    used.add(candidate);
    return candidate;
  };
}

/** "exports/Groups 2024.csv" -> "Groups 2024": the title a file gives when it names nothing better. */
export function fileTitle(file: string): string {
  const base = file.split(/[/\\]/u).pop() ?? file;
  const stem = base.replace(/\.[^.]+$/u, '');
  return stem === '' ? base : stem;
}
