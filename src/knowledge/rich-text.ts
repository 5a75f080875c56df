// Catalogue descriptions as readable text. MITRE and MISP write Markdown links ("[APT28](https://…/G0007)"),
// bare URLs and ATT&CK citation markers ("(Citation: FireEye APT28)"). A card shows them as text, a link's
// label as a link, a citation as a small label: never as HTML. Every run keeps the span of the original it
// stands for, so the runs cover the description exactly and a test can check the card says nothing else.

export type Run =
  | { readonly type: 'text'; readonly text: string; readonly from: number; readonly to: number }
  | { readonly type: 'link'; readonly text: string; readonly url: string; readonly from: number; readonly to: number }
  | { readonly type: 'citation'; readonly text: string; readonly from: number; readonly to: number };

/** Only web addresses become links: a description's `javascript:` or `data:` URL stays text. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/iu.test(url);
}

// One alternation, tried left to right: a Markdown link, a citation marker, a bare web address.
const MARKUP = /\[([^\]\n]{1,300})\]\((https?:\/\/[^\s)]+(?:\([^\s)]*\)[^\s)]*)*)\)|\(Citation: ([^)\n]{1,200})\)|https?:\/\/[^\s<>()"'\]]+[^\s<>()"'\].,;:!?]/giu;

export function parseRichText(text: string): Run[] {
  const runs: Run[] = [];
  let at = 0;
  const plain = (to: number): void => {
    if (to > at) runs.push({ type: 'text', text: text.slice(at, to), from: at, to });
  };
  for (const m of text.matchAll(MARKUP)) {
    const from = m.index;
    const to = from + m[0].length;
    plain(from);
    if (m[1] !== undefined && m[2] !== undefined) runs.push({ type: 'link', text: m[1], url: m[2], from, to });
    else if (m[3] !== undefined) runs.push({ type: 'citation', text: m[3], from, to });
    else runs.push({ type: 'link', text: m[0], url: m[0], from, to });
    at = to;
  }
  plain(text.length);
  return runs;
}
