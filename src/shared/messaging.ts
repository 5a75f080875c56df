// Typed sending and handling of the messages in ./messages. Handlers only ever see requests from this
// extension's own contexts that passed validation.
import browser, { type Runtime } from './browser';
import {
  BACKGROUND_API, PAGE_ONLY, TAB_API, parseRequest, type MessageType, type Params, type Result, type TabMessageType,
} from './messages';

/** To the background. */
export function send<K extends MessageType>(type: K, params: Params<K>): Promise<Result<K>> {
  return browser.runtime.sendMessage({ type, params }) as Promise<Result<K>>;
}

/** To the content script of a tab (its top frame). */
export function sendToTab<K extends TabMessageType>(tabId: number, type: K, params: Params<K>): Promise<Result<K>> {
  return browser.tabs.sendMessage(tabId, { type, params }, { frameId: 0 }) as Promise<Result<K>>;
}

type HandlerMap<K extends MessageType | TabMessageType> = {
  [T in K]: (params: Params<T>, sender: Runtime.MessageSender) => Promise<Result<T>>;
};
export type Handlers = HandlerMap<MessageType>;
export type TabHandlers = HandlerMap<TabMessageType>;

/** Whether a message comes from one of the extension's own pages (not from a content script in a web page). */
export const fromExtensionPage = (url: string | undefined): boolean => !!url?.startsWith(browser.runtime.getURL(''));

function listenTo<K extends MessageType | TabMessageType>(api: readonly K[], handlers: HandlerMap<K>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only our own content scripts and pages: no other extension, no web page (we declare no externally_connectable).
    if (sender.id !== browser.runtime.id) return undefined;
    const request = parseRequest(message, api);
    if (!request) return undefined;
    // What a page may ask for its user (their sources, a change of their knowledge) no content script may.
    if (PAGE_ONLY.has(request.type as MessageType) && !fromExtensionPage(sender.url)) return undefined;
    const handler = handlers[request.type] as (p: unknown, s: Runtime.MessageSender) => Promise<unknown>;
    return handler(request.params, sender);
  });
}

/** In the background. */
export function listen(handlers: Handlers): void {
  listenTo(BACKGROUND_API, handlers);
}

/** In a content script. */
export function listenInTab(handlers: TabHandlers): void {
  listenTo(TAB_API, handlers);
}
