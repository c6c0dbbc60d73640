import type { Tabs } from 'webextension-polyfill';
import type { BridgeEvent, BridgePing, BridgeReply, BridgeResponse, EventMap, EventName } from '../protocol/index.ts';
import type { ApprovalStorage, PageAddress } from './approvals/ApprovalQueue.ts';
import type { PagePorts } from './pagePorts.ts';

interface TabEntry {
  origin: string;
  bridgeId: string;
}

const PREFIX = 'tab:';

/**
 * The tabs whose content script has talked to us, so answers and events can be
 * pushed to them without the `tabs` permission. Kept in `storage.session`.
 */
export class PageTabs {
  private readonly known = new Map<number, string>();

  constructor(
    private readonly storage: ApprovalStorage,
    private readonly tabs: Pick<Tabs.Static, 'sendMessage'>,
    private readonly ports?: Pick<PagePorts, 'push'>,
  ) {}

  async remember(tabId: number, origin: string, bridgeId: string): Promise<void> {
    if (this.known.get(tabId) === bridgeId) return;
    this.known.set(tabId, bridgeId);
    await this.storage.set({ [PREFIX + tabId]: { origin, bridgeId } satisfies TabEntry });
  }

  async forget(tabId: number): Promise<void> {
    this.known.delete(tabId);
    await this.storage.remove([PREFIX + tabId]);
  }

  /**
   * Sends the late answer to a request, on the document's port if this worker has
   * it, else by `tabs.sendMessage`; silently dropped if the document is gone.
   */
  async deliver(address: PageAddress, reply: BridgeReply): Promise<void> {
    const message: BridgeResponse = { kind: 'page-response', bridgeId: address.bridgeId, id: address.pageRequestId, reply };
    if (this.ports?.push(address, message)) return;
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
}
