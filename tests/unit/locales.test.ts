// English and French: every string the code asks for exists in both, with the same placeholders.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ENTITY_KINDS } from '../../src/knowledge/source';

const root = process.env['BACKSTORY_ROOT']!;
type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const load = (lang: string): Messages => JSON.parse(readFileSync(path.join(root, 'assets/_locales', lang, 'messages.json'), 'utf8'));
const en = load('en');
const fr = load('fr');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|html|json)$/u.test(name) ? [full] : [];
  });
}

/**
 * Keys the code asks for: t('key'), t(`kind_${...}`) expanded, __MSG_key__ in the manifest and pages, and
 * data-i18n="key" / data-i18n-placeholder="key" in pages (filled by src/shared/i18n.ts).
 */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of [...sources(path.join(root, 'src')), path.join(root, 'manifest.json')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\('([A-Za-z_]+)'/gu)) keys.add(m[1]!);
    for (const m of text.matchAll(/__MSG_([A-Za-z_]+)__/gu)) keys.add(m[1]!);
    for (const m of text.matchAll(/\bdata-i18n(?:-[a-z]+)?="([A-Za-z_]+)"/gu)) keys.add(m[1]!);
    if (text.includes('t(`kind_${')) for (const kind of ENTITY_KINDS) keys.add(`kind_${kind}`);
  }
  return keys;
}

describe('locales', () => {
  it('English and French have the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });
  it('every key the code uses exists in both', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) {
      expect(en, `en lacks ${key}`).toHaveProperty(key);
      expect(fr, `fr lacks ${key}`).toHaveProperty(key);
    }
  });
  it('reads the keys of data-i18n attributes in pages', () => {
    const used = usedKeys();
    for (const key of ['popupPageHeading', 'optionsTitle', 'optionsAddSitePlaceholder']) expect(used, key).toContain(key);
  });
  it('translations keep the placeholders and are not left in English', () => {
    for (const key of Object.keys(en)) {
      expect(Object.keys(fr[key]?.placeholders ?? {}), key).toEqual(Object.keys(en[key]!.placeholders ?? {}));
      for (const name of Object.keys(en[key]!.placeholders ?? {})) expect(fr[key]!.message).toContain(`$${name.toUpperCase()}$`);
    }
    const same = Object.keys(en).filter((k) => en[k]!.message === fr[k]!.message && k !== 'extName');
    expect(same).toEqual([]);
  });
});
