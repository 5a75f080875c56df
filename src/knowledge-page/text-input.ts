// What the page's text fields mean, as pure functions (tested in Node): the aliases of a name, the source of a
// text file, the name of an export file.

/** Aliases as people paste them: one per line, or separated by commas or semicolons; blanks and repeats dropped. */
export function splitAliases(text: string, name = ''): string[] {
  const seen = new Set([name.trim().toLocaleLowerCase()]);
  const out: string[] = [];
  for (const part of text.split(/[,;\n\r]+/u)) {
    const alias = part.replace(/\s+/gu, ' ').trim();
    const key = alias.toLocaleLowerCase();
    if (alias === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}

/** "Where it is from" of a text file: a web address is its URL, anything else the site's name. */
export function sourceField(text: string): { site?: string; url?: string } {
  const value = text.trim();
  if (value === '') return {};
  return /^https?:\/\/\S+$/iu.test(value) ? { url: value } : { site: value };
}

/** The export's file name, dated in the user's own time zone (the day they see on their calendar). */
export function exportFileName(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `backstory-knowledge-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
