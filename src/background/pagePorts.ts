import type { Runtime } from 'webextension-polyfill';
import { type BridgeAck, type BridgeAckMessage, type BridgeResponse, errors } from '../protocol/index.ts';
import { isPlainObject } from '../protocol/validate.ts';
import type { PageAddress } from './approvals/ApprovalQueue.ts';
import type { PageSender } from './sender.ts';

/**
 * The content scripts' long-lived ports. Each request on a port is acknowledged on
 * it; late answers go back on the asking document's port while this worker has
 * it (a restarted worker has none, and PageTabs falls back to `tabs.sendMessage`).
 * The origin and tab are the port's `sender`'s, checked once when it connects.
 */
export class PagePorts {
  /** `${tabId}/${bridgeId}` → the port that document's requests came on. */
  private readonly byDocument = new Map<string, Runtime.Port>();

  accept(port: Runtime.Port, page: PageSender, handle: (message: unknown) => Promise<BridgeAck>): void {
    port.onMessage.addListener((message: unknown) => {
      if (!isPlainObject(message) || typeof message.id !== 'string') return;
      const id = message.id;
      if (typeof message.bridgeId === 'string') this.byDocument.set(key(page.tabId, message.bridgeId), port);
      const acknowledge = (ack: BridgeAck) => port.postMessage({ kind: 'page-ack', id, ack } satisfies BridgeAckMessage);
      void handle(message)
        .catch(() => ({ error: errors.unavailable().toPayload() })) // the background failed to start
        .then(acknowledge)
        .catch(() => undefined); // the port closed: the content script sends the request again
    });
    port.onDisconnect.addListener(() => {
      for (const [documentKey, open] of this.byDocument) if (open === port) this.byDocument.delete(documentKey);
    });
  }

  /** Posts a late answer on the asking document's port; false when there is none to post on. */
  push(address: PageAddress, message: BridgeResponse): boolean {
    const documentKey = key(address.tabId, address.bridgeId);
    const port = this.byDocument.get(documentKey);
    if (!port) return false;
    try {
      port.postMessage(message);
      return true;
    } catch {
      this.byDocument.delete(documentKey);
      return false;
    }
  }
}

function key(tabId: number, bridgeId: string): string {
  return `${tabId}/${bridgeId}`;
}
