import { describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import type { BridgeRequest } from '@grid-wallet/protocol';
import { BackgroundLink, MAX_SENDS } from './backgroundLink.ts';

/** A port whose far end the test plays: it records what was posted and can answer or close. */
class FakePort {
  posted: any[] = [];
  closed = false;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly disconnectListeners: (() => void)[] = [];
  readonly onMessage = { addListener: (f: (message: unknown) => void) => void this.messageListeners.push(f) };
  readonly onDisconnect = { addListener: (f: () => void) => void this.disconnectListeners.push(f) };
  postMessage(message: unknown) {
    if (this.closed) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(message);
  }
  answer(message: unknown) {
    for (const f of this.messageListeners) f(message);
  }
  /** The worker stopped. */
  close() {
    this.closed = true;
    for (const f of this.disconnectListeners) f();
  }
}

function setup() {
  const ports: FakePort[] = [];
  const pushed: unknown[] = [];
  const link = new BackgroundLink(
    () => {
      const port = new FakePort();
      ports.push(port);
      return port as unknown as Runtime.Port;
    },
    (message) => pushed.push(message),
  );
  return { link, ports, pushed };
}

const request = (id: string): BridgeRequest => ({ kind: 'page-request', bridgeId: 'b', id, method: 'wallet_status', params: undefined });

describe('BackgroundLink', () => {
  it('opens one port lazily and matches acks to requests by id', async () => {
    const { link, ports, pushed } = setup();
    expect(ports).toHaveLength(0);
    const a = link.send(request('a'));
    const b = link.send(request('b'));
    expect(ports).toHaveLength(1);
    ports[0]!.answer({ kind: 'page-ack', id: 'b', ack: { result: 'B' } });
    ports[0]!.answer({ kind: 'page-ack', id: 'a', ack: { pending: true } });
    ports[0]!.answer({ kind: 'page-response', bridgeId: 'b', id: 'a', reply: { result: 'late' } });
    expect(await a).toEqual({ pending: true });
    expect(await b).toEqual({ result: 'B' });
    expect(pushed).toEqual([{ kind: 'page-response', bridgeId: 'b', id: 'a', reply: { result: 'late' } }]);
  });

  it('sends what was not acknowledged again, marked retry, on a new port when the worker stops', async () => {
    const { link, ports } = setup();
    const done = link.send(request('done'));
    const open = link.send(request('open'));
    ports[0]!.answer({ kind: 'page-ack', id: 'done', ack: { result: 1 } });
    await done;
    ports[0]!.close();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([{ ...request('open'), retry: true }]);
    // A late ack on the dead port's id arriving on the new one settles it once.
    ports[1]!.answer({ kind: 'page-ack', id: 'open', ack: { result: 2 } });
    ports[1]!.answer({ kind: 'page-ack', id: 'open', ack: { result: 3 } });
    expect(await open).toEqual({ result: 2 });
    // Nothing is in flight any more: a later stop opens no port.
    ports[1]!.close();
    expect(ports).toHaveLength(2);
  });

  it('does not resend on a stop what was sent on a newer port', () => {
    const { link, ports } = setup();
    void link.send(request('old'));
    ports[0]!.closed = true; // closed, but its onDisconnect has not run yet
    void link.send(request('new'));
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted.map((m) => m.id)).toEqual(['new']);
    ports[0]!.closed = false;
    ports[0]!.close();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted.map((m) => [m.id, m.retry])).toEqual([
      ['new', undefined],
      ['old', true],
    ]);
  });

  it(`gives up after ${MAX_SENDS} sends, and when the extension is gone`, async () => {
    const { link, ports } = setup();
    const stuck = link.send(request('stuck'));
    for (let i = 0; i < MAX_SENDS; i++) ports[i]!.close();
    await expect(stuck).rejects.toThrow();
    expect(ports).toHaveLength(MAX_SENDS);

    const gone = new BackgroundLink(
      () => {
        throw new Error('Extension context invalidated.');
      },
      () => undefined,
    );
    await expect(gone.send(request('x'))).rejects.toThrow('Extension context invalidated.');
  });
});
