// The toolbar button: per tab, the number of mentions on the page (and the same in words, in the title,
// since screen readers do not read the badge); everywhere, "!" while the user withholds access to websites.
import browser from '../shared/browser';
import { hasHostAccess } from '../shared/host-access';
import { t } from '../shared/i18n';

const COUNT_COLOUR = '#1f3b57'; // the icon's tile
const WARNING_COLOUR = '#b3261e';
let accessGranted = true;

const ignore = (): undefined => undefined;

export function showMentionCount(tabId: number, total: number): void {
  // null clears the tab's own text, so the global one ("!" or nothing) shows through.
  void browser.action.setBadgeText({ tabId, text: total ? String(total) : null }).catch(ignore);
  // Chrome wants a string here (no null), so a tab without mentions gets the global title again explicitly.
  const title = total ? t('actionTitleCount', [String(total)]) : accessGranted ? t('extName') : t('actionTitleNoAccess');
  void browser.action.setTitle({ tabId, title }).catch(ignore);
}

/** Checks access to websites and shows the warning when it is missing (at start, install and on changes). */
export async function showHostAccess(): Promise<void> {
  accessGranted = await hasHostAccess().catch(() => true);
  await Promise.all([
    browser.action.setBadgeBackgroundColor({ color: accessGranted ? COUNT_COLOUR : WARNING_COLOUR }),
    browser.action.setBadgeTextColor({ color: '#ffffff' }),
    browser.action.setBadgeText({ text: accessGranted ? '' : '!' }),
    browser.action.setTitle({ title: accessGranted ? t('extName') : t('actionTitleNoAccess') }),
  ]).catch(ignore);
}
