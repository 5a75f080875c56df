// Who may ask the background what, with the browser replaced by a stand-in: a content script (a sender whose
// URL is a web page) gets cards and reports counts, and nothing that reads or changes the user's knowledge;
// the extension's own pages may; another extension gets nothing at all.
import { describe, expect, it, vi } from 'vitest';

type Listener = (message: unknown, sender: { id?: string; url?: string }) => Promise<unknown> | undefined;
const listeners: Listener[] = [];
vi.mock('../../src/shared/browser', () => ({
  default: {
    runtime: {
      id: 'backstory-id',
      getURL: (p: string) => `chrome-extension://backstory-id/${p}`,
      onMessage: { addListener: (l: Listener) => listeners.push(l) },
    },
  },
}));

const { listen } = await import('../../src/shared/messaging');
const called: string[] = [];
const handler = (type: string) => async () => {
  called.push(type);
  return { ok: true };
};
listen(Object.fromEntries(['openSource', 'reportMentions', 'getTabMentions', 'getCard', 'addSources', 'addName', 'removeName', 'removeSource',
  'setSourceEnabled', 'setEntityEnabled', 'getKnowledge', 'exportKnowledge', 'getSource'].map((t) => [t, handler(t)])) as never);
const send = (message: unknown, sender: { id?: string; url?: string }) => listeners[0]!(message, sender);

const page = { id: 'backstory-id', url: 'chrome-extension://backstory-id/knowledge.html' };
const contentScript = { id: 'backstory-id', url: 'https://news.example/story' };
const otherExtension = { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' };
const getKnowledge = { type: 'getKnowledge', params: {} };
const removeSource = { type: 'removeSource', params: { id: 'src-1' } };
const getCard = { type: 'getCard', params: { entity: 'pawn-storm' } };

describe('message senders', () => {
  it('lets the extension’s pages read and change the knowledge', async () => {
    called.length = 0;
    await send(getKnowledge, page);
    await send(removeSource, page);
    expect(called).toEqual(['getKnowledge', 'removeSource']);
  });
  it('refuses a content script (a web page’s URL) anything but cards, counts and opening the reader', async () => {
    called.length = 0;
    expect(send(getKnowledge, contentScript)).toBeUndefined();
    expect(send(removeSource, contentScript)).toBeUndefined();
    expect(send({ type: 'exportKnowledge', params: {} }, contentScript)).toBeUndefined();
    await send(getCard, contentScript);
    expect(called).toEqual(['getCard']);
  });
  it('answers no other extension, and nothing malformed', async () => {
    called.length = 0;
    expect(send(getCard, otherExtension)).toBeUndefined();
    expect(send({ type: 'getCard', params: { entity: '<script>' } }, page)).toBeUndefined();
    expect(called).toEqual([]);
  });
});
