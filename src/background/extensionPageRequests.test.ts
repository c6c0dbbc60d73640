import { describe, expect, it } from 'vitest';
import { SAME_PROCESS_LISTENING, SAME_PROCESS_REPLY, SAME_PROCESS_REQUEST } from '../extension-protocol/internal.ts';
import { listenToSameProcessPages, readInternalRequest } from './extensionPageRequests.ts';

const EXTENSION = 'moz-extension://0b7a1c4e-2f1d-4c2b-9d8e-3c6f1a2b4d5e';
const decide = { kind: 'internal', action: 'approvals/decide', params: { approvalId: 'a', approved: false } } as const;

/** A background window that hands its one message listener to the test, and windows that record what they are sent. */
function rig() {
  let listener: ((event: MessageEvent) => void) | undefined;
  const background: { addEventListener: unknown; [SAME_PROCESS_LISTENING]?: true } = {
    addEventListener: (_type: string, l: (event: MessageEvent) => void) => {
      listener = l;
    },
  };
  const answered: unknown[] = [];
  listenToSameProcessPages(background as unknown as Window, EXTENSION, async (request) => {
    answered.push(request);
    return { result: { ok: true } };
  });
  const page = () => {
    const sent: Array<{ message: unknown; targetOrigin: string }> = [];
    return { sent, postMessage: (message: unknown, targetOrigin: string) => void sent.push({ message, targetOrigin }) };
  };
  const post = (origin: string, source: ReturnType<typeof page> | null, data: unknown) =>
    listener!({ origin, source, data } as unknown as MessageEvent);
  return { answered, page, post, background };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('listenToSameProcessPages (Firefox: the extension windows post to the event page directly)', () => {
  it("answers a request of the extension's own origin, to the window that posted it, for that origin only", async () => {
    const { answered, page, post } = rig();
    const window = page();
    post(EXTENSION, window, { kind: SAME_PROCESS_REQUEST, id: 7, message: decide });
    await settled();
    expect(answered).toEqual([{ id: 7, message: decide }]);
    expect(window.sent).toEqual([
      { message: { kind: SAME_PROCESS_REPLY, id: 7, reply: { result: { ok: true } } }, targetOrigin: EXTENSION },
    ]);
  });

  it('tells pages it listens only once it does', () => {
    expect(rig().background[SAME_PROCESS_LISTENING]).toBe(true);
  });

  it('ignores a message of another origin, one with no window behind it, and anything that is not a request', async () => {
    const { answered, page, post } = rig();
    const window = page();
    post('https://evil.example', window, { kind: SAME_PROCESS_REQUEST, id: 1, message: decide });
    post('moz-extension://another-extension', window, { kind: SAME_PROCESS_REQUEST, id: 2, message: decide });
    post(EXTENSION, null, { kind: SAME_PROCESS_REQUEST, id: 3, message: decide });
    post(EXTENSION, window, { id: 4, message: decide }); // a port request, not posted for this channel
    post(EXTENSION, window, { kind: SAME_PROCESS_REQUEST, id: '5', message: decide });
    post(EXTENSION, window, { kind: SAME_PROCESS_REQUEST, id: 6, message: { ...decide, kind: 'page-request' } });
    await settled();
    expect(answered).toEqual([]);
    expect(window.sent).toEqual([]);
  });
});

describe('readInternalRequest', () => {
  it('reads an id and an internal message, nothing else', () => {
    expect(readInternalRequest({ id: 1, message: decide })).toEqual({ id: 1, message: decide });
    expect(readInternalRequest({ id: 1, message: { ...decide, kind: 'other' } })).toBeNull();
    expect(readInternalRequest(null)).toBeNull();
  });
});
