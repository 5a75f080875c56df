// Sites in settings are host names, matched exactly (as location.hostname gives them: lower case, punycode).
// Pure: the popup, the options page and the unit tests share these rules.
import type { Settings } from './settings';

/** The host name of a page Backstory can run on, or null (browser pages, file: URLs, bad input). */
export function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && hostname ? hostname : null;
  } catch {
    return null;
  }
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/u;

/**
 * What the user typed into "add a site", as the host name to store: a bare host ("News.Example.com."), or a
 * page address whose host is taken ("https://news.example.com/a?b"). Null when it names no host.
 */
export function normalizeSite(input: string): string | null {
  const text = input.trim();
  if (!text || /\s/u.test(text)) return null;
  // The URL parser lower-cases, converts international names to punycode and drops ports and paths.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(text) ? text : `http://${text}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname.replace(/\.$/u, '');
  } catch {
    return null;
  }
  return HOST.test(host) ? host : null;
}

/** Settings with Backstory switched off (or back on) for one host. */
export function withSiteOff(settings: Settings, host: string, off: boolean): Settings {
  const others = settings.disabledSites.filter((s) => s !== host);
  return { ...settings, disabledSites: off ? [...others, host] : others };
}
