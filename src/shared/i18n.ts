// Interface strings for the extension's pages, from _locales (English and French). Pages mark their static
// text with a data-i18n attribute (or data-i18n-placeholder) naming the message; code calls t() with the
// message name as a literal, so that the locale test finds every message in use.
import browser from './browser';

export const t = (key: string, substitutions?: string[]): string => browser.i18n.getMessage(key, substitutions) || key;

/** Fills a page's marked text and sets its language to that of the strings actually shown. */
export function localizePage(doc: Document): void {
  // Each messages.json names its own language, so lang is right even when the browser's language has no
  // translation and the strings fall back to English.
  doc.documentElement.lang = t('uiLang');
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset['i18n']!);
  for (const node of doc.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset['i18nPlaceholder']!);
  }
}
