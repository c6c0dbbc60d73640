/**
 * Test-only: a BackgroundContext on fake-indexeddb with in-memory fakes for the
 * browser APIs (storage.session, the approval window, tabs). Product code may not
 * import this file (biome.json, noRestrictedImports).
 */
import 'fake-indexeddb/auto';
import type { BridgeReply } from '@grid-wallet/protocol';
import { ApprovalQueue } from './approvals/ApprovalQueue.ts';
import type { PageAddress } from './pageAddress.ts';
import type { SessionStorage } from './sessionStorage.ts';
import type { BackgroundContext } from './context.ts';
import { openWalletDatabase, type WalletDatabase } from './db.ts';
import { completeApproval } from './methods/index.ts';
import { PageChannel } from './pageChannel.ts';
import { ActivityLog } from './stores/ActivityLog.ts';
import { ClientKeyStore } from './stores/ClientKeyStore.ts';
import { PromptBackoff } from './stores/PromptBackoff.ts';
import { ConnectionStore } from './stores/ConnectionStore.ts';
import { ExportKeyStore } from './stores/ExportKeyStore.ts';
import { ExpiredSessions } from './stores/ExpiredSessions.ts';
import { PasskeyStore } from './stores/PasskeyStore.ts';
import { SessionStore } from './stores/SessionStore.ts';
import { SettingsStore } from './stores/SettingsStore.ts';
import { StorageTroubles } from './storageTrouble.ts';

/** `storage.session` as a Map, with the same copy-on-write semantics (values are cloned). */
export class MemoryStorage implements SessionStorage {
  readonly data = new Map<string, unknown>();
  async get(keys: null | string | string[]) {
    const wanted = keys === null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
    const entries = wanted.filter((k) => this.data.has(k)).map((k) => [k, this.data.get(k)] as const);
    return Object.fromEntries(entries.map(([k, v]) => [k, structuredClone(v)]));
  }
  async set(items: Record<string, unknown>) {
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(keys: string[]) {
    for (const k of keys) this.data.delete(k);
  }
}

/** A settable clock shared by every store. */
export class Clock {
  constructor(public time = Date.UTC(2026, 10, 25, 12)) {}
  now = () => this.time;
  advance(ms: number) {
    this.time += ms;
  }
}

export interface TestBackground {
  ctx: BackgroundContext;
  /** The database under the stores, for tests that damage it. */
  db: WalletDatabase;
  clock: Clock;
  session: MemoryStorage;
  /** Every late answer pushed to a page, in order. */
  delivered: Array<{ address: PageAddress; reply: BridgeReply }>;
  /** Every event pushed to a tab. */
  pushed: unknown[];
  window: { shown: number; keptOpen: number; closed: number };
}

let databases = 0;

export async function createTestBackground(): Promise<TestBackground> {
  const db = await openWalletDatabase(`test-${++databases}-${crypto.randomUUID()}`);
  const clock = new Clock();
  const session = new MemoryStorage();
  const delivered: TestBackground['delivered'] = [];
  const pushed: unknown[] = [];
  const window = { shown: 0, keptOpen: 0, closed: 0 };
  const pages = new PageChannel(session, {
    sendMessage: async (_tabId: number, message: unknown) => {
      pushed.push(message);
      return true;
    },
  } as never);
  const promptBackoff = new PromptBackoff(session, clock.now);
  const ctx: BackgroundContext = {
    clientKeys: new ClientKeyStore(db, clock.now),
    exportKeys: new ExportKeyStore(db, clock.now),
    sessions: new SessionStore(db, new ExpiredSessions(session, clock.now), clock.now),
    connections: new ConnectionStore(db, clock.now),
    promptBackoff,
    passkeys: new PasskeyStore(db),
    activity: new ActivityLog(db, clock.now),
    settings: new SettingsStore(new MemoryStorage()),
    storageTroubles: new StorageTroubles(session, clock.now),
    pages,
    notifyExtensionPages: () => undefined,
    extensionOrigin: 'chrome-extension://dljlcnjpmbacdnbgbmhbihhihjmmcmen',
    webauthnOrigin: 'chrome-extension://dljlcnjpmbacdnbgbmhbihhihjmmcmen',
    now: clock.now,
    scheduleExpiry: async () => undefined,
    approvals: new ApprovalQueue({
      storage: session,
      window: {
        show: async () => void window.shown++,
        ensureOpen: async () => void window.keptOpen++,
        close: async () => void window.closed++,
      },
      deliver: async (address, reply) => void delivered.push({ address, reply }),
      complete: (record, input) => completeApproval(ctx, record, input),
      backoff: promptBackoff,
      timeoutMs: async () => 5 * 60_000,
      changed: () => undefined,
      now: clock.now,
    }),
  };
  return { ctx, db, clock, session, delivered, pushed, window };
}
