// Typed sending and handling of the messages in ./messages. Handlers only ever see requests from this
// extension's own contexts that passed validation.
import browser, { type Runtime } from './browser';
import { parseRequest, type MessageType, type Params, type Result } from './messages';

export function send<K extends MessageType>(type: K, params: Params<K>): Promise<Result<K>> {
  return browser.runtime.sendMessage({ type, params }) as Promise<Result<K>>;
}

export type Handlers = { [K in MessageType]: (params: Params<K>, sender: Runtime.MessageSender) => Promise<Result<K>> };

export function listen(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only our own content scripts and pages: no other extension, no web page (we declare no externally_connectable).
    if (sender.id !== browser.runtime.id) return undefined;
    const request = parseRequest(message);
    if (!request) return undefined;
    const handler = handlers[request.type] as (p: unknown, s: Runtime.MessageSender) => Promise<unknown>;
    return handler(request.params, sender);
  });
}
