// Where JSON goes wrong, for engines whose SyntaxError does not say (Node 20's V8 writes "Unexpected token 'x',
// "…" is not valid JSON" with no position). Only run after JSON.parse has failed; linear, and without
// recursion so that deeply nested files cannot overflow the stack.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const WHITE = /[ \t\n\r]*/y;

/** The end of the string that opens at `start`, or the position of its first fault as -(position + 1). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return -(i + 1);
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/u.test(text.slice(i + 2, i + 6))) return -(i + 1);
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
      else return -(i + 1);
    }
  }
  return -(text.length + 1);
}

function match(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** The offset of the first character that makes `text` invalid JSON (its length when it ends too soon), or -1. */
export function jsonErrorPosition(text: string): number {
  const open: string[] = [];
  let expect: 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' = 'value';
  let i = 0;
  for (;;) {
    i = match(WHITE, text, i);
    if (i >= text.length) return open.length === 0 && expect === 'comma-or-end' ? -1 : text.length;
    const c = text[i];
    if (expect === 'comma-or-end') {
      const top = open[open.length - 1];
      if (top === undefined) return i; // something after the one top-level value
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if (c === (top === '{' ? '}' : ']')) open.pop();
      else return i;
      i++;
    } else if (expect === 'colon') {
      if (c !== ':') return i;
      expect = 'value';
      i++;
    } else if (expect === 'key' || expect === 'key-or-end') {
      if (expect === 'key-or-end' && c === '}') {
        open.pop();
        expect = 'comma-or-end';
        i++;
      } else if (c === '"') {
        const end = stringEnd(text, i);
        if (end < 0) return -end - 1;
        expect = 'colon';
        i = end;
      } else return i;
    } else if (expect === 'value-or-end' && c === ']') {
      open.pop();
      expect = 'comma-or-end';
      i++;
    } else if (c === '{' || c === '[') {
      open.push(c);
      expect = c === '{' ? 'key-or-end' : 'value-or-end';
      i++;
    } else {
      const end = c === '"' ? stringEnd(text, i) : Math.max(match(NUMBER, text, i), match(LITERAL, text, i));
      if (end === -1) return i;
      if (end < 0) return -end - 1;
      expect = 'comma-or-end';
      i = end;
    }
  }
}
