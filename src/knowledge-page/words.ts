// Numbers, dates and counted nouns in the interface's language. Chrome's i18n has no plural forms: the
// language's own rule (Intl.PluralRules: French says "0 nom", English "0 names") picks the message.
import { t } from '../shared/i18n';

const lang = (): string => t('uiLang');
const isOne = (n: number): boolean => new Intl.PluralRules(lang()).select(n) === 'one';

export const number = (n: number): string => new Intl.NumberFormat(lang()).format(n);

export const namesText = (n: number): string => (isOne(n) ? t('kpNamesOne', [number(n)]) : t('kpNamesMany', [number(n)]));

/** The totals: "4,732 names from 3 sources" (the bundled article is always one of them). */
export const countsText = (names: number, sources: number): string =>
  (sources === 1 ? t('kpCountsOneSource', [namesText(names)]) : t('kpCounts', [namesText(names), number(sources)]));

export function articlesText(n: number): string {
  if (n === 0) return t('kpArticlesNone');
  return isOne(n) ? t('kpArticlesOne', [number(n)]) : t('kpArticlesMany', [number(n)]);
}

/** A whole ISO date as the user writes dates; a year or a month ("2017", "2017-04") as it is. */
export function dateText(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/u.test(date)) return date;
  const parsed = new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(parsed.getTime())) return date;
  return parsed.toLocaleDateString(lang(), { dateStyle: 'medium', ...(date.length === 10 ? { timeZone: 'UTC' } : {}) });
}
