import {
  type InternalMessage,
  type InternalPortReply,
  type InternalPortRequest,
  SAME_PROCESS_LISTENING,
  SAME_PROCESS_REPLY,
  SAME_PROCESS_REQUEST,
  type SameProcessListening,
  type SameProcessReply,
} from '../extension-protocol/internal.ts';

/** What the background answers an extension page's request with (the internal router's reply). */
export type AnswerExtensionPage = (request: InternalPortRequest) => Promise<InternalPortReply['reply']>;

/** The request an extension page sent (over its port, or same-process in Firefox), or null when it is not one. */
export function readInternalRequest(value: unknown): InternalPortRequest | null {
  const { id, message } = (value ?? {}) as Partial<InternalPortRequest>;
  if (typeof id !== 'number' || (message as { kind?: unknown } | undefined)?.kind !== 'internal') return null;
  return { id, message: message as InternalMessage };
}

/**
 * Firefox's event page: answers the requests the extension's windows post to it directly
 * (SAME_PROCESS_REQUEST in extension-protocol/internal.ts). The browser sets a message's
 * origin; only the extension's own pages have it (a web page cannot reach this window, and
 * no extension page can be framed), so this is the check the port does on its sender.
 */
export function listenToSameProcessPages(
  background: Pick<Window, 'addEventListener'> & SameProcessListening,
  extensionOrigin: string,
  answer: AnswerExtensionPage,
): void {
  background.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== extensionOrigin || !event.source) return;
    if ((event.data as { kind?: unknown } | null)?.kind !== SAME_PROCESS_REQUEST) return;
    const request = readInternalRequest(event.data);
    if (!request) return;
    const page = event.source as Window;
    void answer(request)
      .then((reply) => page.postMessage({ kind: SAME_PROCESS_REPLY, id: request.id, reply } satisfies SameProcessReply, extensionOrigin))
      .catch(() => undefined); // the page closed meanwhile
  });
  // Only now may pages post here: an event page still loading its modules would drop their messages unanswered.
  background[SAME_PROCESS_LISTENING] = true;
}
