import type { Runtime } from 'webextension-polyfill';
import type { BridgeAck, BridgeRequest } from '@grid-wallet/protocol';
import { isPlainObject } from '@grid-wallet/protocol/validate';

/** How many times one request is sent before the page is told the wallet is unavailable. */
export const MAX_SENDS = 3;

interface InFlight {
  request: BridgeRequest;
  sends: number;
  /** The port it was last sent on. */
  port?: Runtime.Port;
  resolve(ack: BridgeAck): void;
  reject(error: Error): void;
}

/**
 * The content script's side of one long-lived `runtime.connect` port to the
 * background. The port is opened on the first request and again on the next
 * request after it closed (the worker or event page stopped), never eagerly, so
 * it does not keep an idle worker alive. A request the background had not
 * acknowledged when the port closed is sent again, marked `retry`, on a new port
 * (which wakes the worker): its answer is neither lost nor, because the caller
 * answers each id once, duplicated.
 */
export class BackgroundLink {
  private port: Runtime.Port | null = null;
  private readonly inFlight = new Map<string, InFlight>();

  constructor(
    private readonly connect: () => Runtime.Port,
    /** Anything else the background posts on the port (late answers). */
    private readonly onPush: (message: unknown) => void,
  ) {}

  /** Resolves with the background's ack; rejects when the extension cannot be reached. */
  send(request: BridgeRequest): Promise<BridgeAck> {
    return new Promise((resolve, reject) => this.post({ request, sends: 0, resolve, reject }));
  }

  private post(entry: InFlight): void {
    entry.sends++;
    this.inFlight.set(entry.request.id, entry);
    const message = entry.sends > 1 ? { ...entry.request, retry: true } : entry.request;
    for (let attempt = 1; ; attempt++) {
      try {
        entry.port = this.port ??= this.open();
        entry.port.postMessage(message);
        return;
      } catch (error) {
        // The port closed before its onDisconnect ran: try a new one once. If that
        // fails too, the extension was reloaded or disabled and cannot be reached.
        this.port = null;
        if (attempt === 2) {
          this.inFlight.delete(entry.request.id);
          entry.reject(error instanceof Error ? error : new Error('unreachable'));
          return;
        }
      }
    }
  }

  private open(): Runtime.Port {
    const port = this.connect();
    port.onMessage.addListener((message: unknown) => this.receive(message));
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = null;
      for (const entry of [...this.inFlight.values()]) {
        if (entry.port !== port) continue;
        if (entry.sends < MAX_SENDS) {
          this.post(entry);
        } else {
          this.inFlight.delete(entry.request.id);
          entry.reject(new Error('the background stopped repeatedly'));
        }
      }
    });
    return port;
  }

  private receive(message: unknown): void {
    if (isPlainObject(message) && message.kind === 'page-ack' && typeof message.id === 'string') {
      const entry = this.inFlight.get(message.id);
      if (entry && isPlainObject(message.ack)) {
        this.inFlight.delete(message.id);
        entry.resolve(message.ack as BridgeAck);
      }
      return;
    }
    this.onPush(message);
  }
}
