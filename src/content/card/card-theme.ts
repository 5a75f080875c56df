// Light or dark card: like the page when its background says (a dark site in a light system theme gets a
// dark card), else like the system setting.

/** Relative luminance of an opaque CSS colour, or null when the colour is (partly) transparent. */
export function luminance(color: string): number | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/u.exec(color.trim());
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  if (alpha < 0.9) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = parseFloat(v!) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function pageTheme(doc: Document): 'light' | 'dark' {
  const view = doc.defaultView;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el || !view) continue;
    const l = luminance(view.getComputedStyle(el).backgroundColor);
    if (l !== null) return l < 0.2 ? 'dark' : 'light';
  }
  return view?.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
