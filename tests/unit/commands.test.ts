// The keyboard shortcut: its manifest entry, and the background's handler (no driver can press a browser
// shortcut in a headless browser; the e2e test sends the same message the handler sends).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NEXT_MENTION, commandHandler } from '../../src/background/commands';

const root = process.env['BACKSTORY_ROOT']!;

describe('next-mention command', () => {
  it('is declared in the manifest with a suggested key and a translated description', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
    const command = manifest.commands[NEXT_MENTION];
    expect(command.suggested_key.default).toBe('Alt+Shift+B');
    expect(command.description).toMatch(/^__MSG_\w+__$/u);
  });

  it('shows the next mention in the tab the browser passes, or else in the active tab', async () => {
    const shown: number[] = [];
    const handle = commandHandler({ activeTabId: async () => 7, showNextMention: async (id) => shown.push(id) });
    await handle(NEXT_MENTION, { id: 3 });
    await handle(NEXT_MENTION, undefined);
    await handle(NEXT_MENTION, {});
    await handle('something-else', { id: 3 });
    expect(shown).toEqual([3, 7, 7]);
  });

  it('does nothing without a tab, and shrugs off a tab that does not answer', async () => {
    const handle = commandHandler({ activeTabId: async () => undefined, showNextMention: async () => { throw new Error('no receiver'); } });
    await expect(handle(NEXT_MENTION, undefined)).resolves.toBeUndefined();
    await expect(handle(NEXT_MENTION, { id: 1 })).resolves.toBeUndefined();
  });
});
