import type { Runtime, Tabs } from 'webextension-polyfill';
import {
  type BridgeAck,
  type BridgeAckMessage,
  type BridgeEvent,
  type BridgePing,
  type BridgeReply,
  type BridgeResponse,
  type EventMap,
  type EventName,
  errors,
} from '@grid-wallet/protocol';
import { isPlainObject } from '@grid-wallet/protocol/validate';
import type { PageAddress } from './pageAddress.ts';
import type { PageSender } from './sender.ts';
import type { SessionStorage } from './sessionStorage.ts';

interface TabEntry {
  origin: string;
  bridgeId: string;
}

const PREFIX = 'tab:';

/**
 * The background's side of the channel to web pages' content scripts, both ways.
 *
 * In: the content scripts' long-lived ports. Each request on a port is acknowledged
 * on it. The origin and tab are the port's `sender`'s, checked once when it connects.
 *
 * Out: late answers go back on the asking document's port while this worker has it;
 * a restarted worker has none, and falls back to `tabs.sendMessage`. Events go to
 * the tabs whose content script has talked to us, kept in `storage.session`, so
 * they can be reached without the `tabs` permission.
 */
export class PageChannel {
  /** `${tabId}/${bridgeId}` → the port that document's requests came on. */
  private readonly byDocument = new Map<string, Runtime.Port>();
  /** tabId → the bridgeId storage holds for it. */
  private readonly known = new Map<number, string>();
  /**
   * `known` as storage held it when this worker started, read once beside the database's opening: the first request
   * of each tab after a restart then writes nothing that is already there, which kept a round trip on a cold stamp.
   */
  private readonly knownRead: Promise<void>;

  constructor(
    private readonly storage: SessionStorage,
    private readonly tabs: Pick<Tabs.Static, 'sendMessage'>,
  ) {
    this.knownRead = storage.get(null).then(
      (items) => {
        for (const [key, value] of Object.entries(items)) {
          if (key.startsWith(PREFIX) && isPlainObject(value) && typeof value.bridgeId === 'string')
            this.known.set(Number(key.slice(PREFIX.length)), value.bridgeId);
        }
      },
      () => undefined, // unread: every tab is written again, as before
    );
  }

  accept(port: Runtime.Port, page: PageSender, handle: (message: unknown) => Promise<BridgeAck>): void {
    port.onMessage.addListener((message: unknown) => {
      if (!isPlainObject(message) || typeof message.id !== 'string') return;
      const id = message.id;
      if (typeof message.bridgeId === 'string') this.byDocument.set(documentKey(page.tabId, message.bridgeId), port);
      const acknowledge = (ack: BridgeAck) => port.postMessage({ kind: 'page-ack', id, ack } satisfies BridgeAckMessage);
      void handle(message)
        .catch(() => ({ error: errors.unavailable().toPayload() })) // the background failed to start
        .then(acknowledge)
        .catch(() => undefined); // the port closed: the content script sends the request again
    });
    port.onDisconnect.addListener(() => {
      for (const [key, open] of this.byDocument) if (open === port) this.byDocument.delete(key);
    });
  }

  async remember(tabId: number, origin: string, bridgeId: string): Promise<void> {
    await this.knownRead;
    if (this.known.get(tabId) === bridgeId) return;
    this.known.set(tabId, bridgeId);
    await this.storage.set({ [PREFIX + tabId]: { origin, bridgeId } satisfies TabEntry });
  }

  async forget(tabId: number): Promise<void> {
    await this.knownRead; // else that first read could bring the tab back after this
    this.known.delete(tabId);
    await this.storage.remove([PREFIX + tabId]);
  }

  /**
   * Sends the late answer to a request, on the document's port if this worker has
   * it, else by `tabs.sendMessage`; silently dropped if the document is gone.
   */
  async deliver(address: PageAddress, reply: BridgeReply): Promise<void> {
    const message: BridgeResponse = { kind: 'page-response', bridgeId: address.bridgeId, id: address.pageRequestId, reply };
    if (this.push(address, message)) return;
    await this.tabs.sendMessage(address.tabId, message, { frameId: 0 }).catch(() => undefined);
  }

  /** True while the document that made a request is still loaded in its tab. */
  async isAlive(address: PageAddress): Promise<boolean> {
    const ping: BridgePing = { kind: 'page-ping', bridgeId: address.bridgeId };
    return (await this.tabs.sendMessage(address.tabId, ping, { frameId: 0 }).catch(() => false)) === true;
  }

  /** Pushes an event to every tab currently showing `origin`. */
  async broadcast<E extends EventName>(origin: string, event: E, data: EventMap[E]): Promise<void> {
    const message: BridgeEvent<E> = { kind: 'page-event', origin, event, data };
    const entries = Object.entries(await this.storage.get(null)).filter(
      ([key, value]) => key.startsWith(PREFIX) && (value as TabEntry).origin === origin,
    );
    await Promise.all(
      entries.map(([key]) => {
        const tabId = Number(key.slice(PREFIX.length));
        return this.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => this.forget(tabId));
      }),
    );
  }

  /** Posts a late answer on the asking document's port; false when there is none to post on. */
  private push(address: PageAddress, message: BridgeResponse): boolean {
    const key = documentKey(address.tabId, address.bridgeId);
    const port = this.byDocument.get(key);
    if (!port) return false;
    try {
      port.postMessage(message);
      return true;
    } catch {
      this.byDocument.delete(key);
      return false;
    }
  }
}

function documentKey(tabId: number, bridgeId: string): string {
  return `${tabId}/${bridgeId}`;
}
