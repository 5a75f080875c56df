// Markdown to the plain text of its prose, for importing notes and write-ups as articles. Not a Markdown
// renderer: it only has to leave the words a reader sees, one block (paragraph, heading, list item) per
// paragraph, so that sentences are cut where the author cut them and never quote markup.

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Code spans and escaped characters set aside while markup is removed, so that their `*` and `_` survive. */
function inline(line: string): string {
  const kept: string[] = [];
  const keep = (value: string): string => `\uE000${kept.push(value) - 1}\uE001`;
  let s = line
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|<])/gu, (_, c: string) => keep(c))
    .replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/gu, (_, __, code: string) => keep(code.trim()));
  s = s
    .replace(/!\[[^\]]*\](?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)|\[[^\]]*\])/gu, '')
    .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)/gu, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/gu, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/giu, '$1')
    .replace(/<br\s*\/?>/giu, ' ')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/gu, '')
    .replace(/(\*\*|~~)(?=\S)([\s\S]*?\S)\1/gu, '$2')
    .replace(/(?<![\p{L}\p{N}_])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/gu, '$1')
    // "_" only at word edges: snake_case names (x_mitre_aliases) are words, not emphasis.
    .replace(/(?<![\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (entity, name: string) => {
      const code = /^#x/iu.test(name) ? parseInt(name.slice(2), 16) : name.startsWith('#') ? Number(name.slice(1)) : NaN;
      if (!Number.isNaN(code)) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
  return s.replace(/\uE000(\d+)\uE001/gu, (marker, index: string) => kept[Number(index)] ?? marker);
}

export function markdownToText(markdown: string): string {
  const blocks: string[] = [];
  let block: string[] = [];
  // Prose lines are joined with spaces (a wrapped line is no sentence end); code keeps one line per line.
  const flush = (code = false): void => {
    const text = code ? block.join('\n') : inline(block.join(' '));
    if (text.trim() !== '') blocks.push(text.trim());
    block = [];
  };
  let fence: string | undefined;
  const source = markdown
    .replace(/\r\n?/gu, '\n')
    .replace(/^---\n[\s\S]*?\n(?:---|\.\.\.)\n/u, '') // YAML front matter: metadata, not prose
    .replace(/<!--[\s\S]*?(?:-->|$)/gu, '');
  for (const raw of source.split('\n')) {
    if (fence !== undefined) {
      // Code is kept as text (indicators of compromise live there), as a paragraph of its own.
      if (raw.trim().startsWith(fence)) {
        fence = undefined;
        flush(true);
      } else block.push(raw);
      continue;
    }
    const line = raw.replace(/^\s{0,3}(?:>\s?)+/u, '');
    const opening = /^\s*(`{3,}|~{3,})/u.exec(line);
    if (opening) {
      flush();
      fence = opening[1];
      continue;
    }
    if (line.trim() === '' || /^\s*([-*_])(?:\s*\1){2,}\s*$/u.test(line) || /^\s*=+\s*$/u.test(line)) {
      flush(); // a blank line, a rule, or the underline of a heading: all end the block
      continue;
    }
    if (/^\s{0,3}\[[^\]]+\]:\s*\S/u.test(line)) continue; // a link's reference definition
    if (/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/u.test(line)) continue; // a table's header rule
    if (/^\s*\|.*\|\s*$/u.test(line)) {
      flush(); // a table row: a block of its own, its cells kept apart
      block.push(line.trim().slice(1, -1).split('|').map((cell) => cell.trim()).join(' | '));
      flush();
      continue;
    }
    const heading = /^\s{0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/u.exec(line);
    if (heading) {
      flush();
      block.push(heading[1] ?? '');
      flush();
      continue;
    }
    const item = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/u.exec(line);
    if (item) {
      flush(); // each item its own paragraph: items rarely end with a full stop, and would run together
      block.push(item[1] ?? '');
      continue;
    }
    block.push(line.trim());
  }
  flush(fence !== undefined);
  return blocks.join('\n\n');
}
