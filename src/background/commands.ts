// Keyboard shortcuts (manifest "commands"; the user can change the keys in the browser's shortcut settings).
// The handler takes its browser calls as arguments, so that it runs in unit tests: no test driver can press
// a browser-level shortcut in a headless browser.

/** The command's name in manifest.json. */
export const NEXT_MENTION = 'next-mention';

export interface CommandDeps {
  /** The active tab of the focused window, for browsers that do not pass the tab with the command. */
  readonly activeTabId: () => Promise<number | undefined>;
  /** Asks a tab's content script to show the next mention (of any entity) and open its card. */
  readonly showNextMention: (tabId: number) => Promise<unknown>;
}

export function commandHandler(deps: CommandDeps): (command: string, tab: { id?: number } | undefined) => Promise<void> {
  return async (command, tab) => {
    if (command !== NEXT_MENTION) return;
    const tabId = tab?.id ?? (await deps.activeTabId());
    if (tabId === undefined) return;
    // A tab without our content script (a browser page, a site where access is withheld) just does not answer.
    await deps.showNextMention(tabId).catch(() => undefined);
  };
}
