import type { Runtime } from 'webextension-polyfill';
import { webauthnOriginOf } from '@grid-wallet/core/extensionOrigins';
import { browser } from './browserApi.ts';
import { errors, PAGE_PORT, toErrorPayload } from '@grid-wallet/protocol';
import { WORKER_SCRIPT_MARK } from './workerScriptMark.ts';
import {
  INTERNAL_PORT,
  type InternalMessage,
  type ApprovalWindowReturning,
  type InternalNotice,
  type InternalPortReply,
} from '../extension-protocol/internal.ts';
import { DEVELOPMENT_BUILD } from '../buildFlavour.ts';
import { pendingRecords } from '../extension-protocol/pendingApprovals.ts';
import { STORAGE_TROUBLE_KEY } from '@grid-wallet/protocol/storageTrouble';
import { ApprovalQueue } from './approvals/ApprovalQueue.ts';
import { approvalTimeoutMs } from './approvals/approvalTimeout.ts';
import { ApprovalWindow } from './approvals/approvalWindow.ts';
import type { BackgroundContext } from './context.ts';
import { DATABASE_NAME, openWalletDatabase, type WalletDatabase } from './db.ts';
import { createExpiryScheduler, EXPIRY_ALARM, sweepExpired } from './expiry.ts';
import { type AnswerExtensionPage, listenToSameProcessPages, readInternalRequest } from './extensionPageRequests.ts';
import { handleInternalRequest } from './internalRouter.ts';
import { completeApproval } from './methods/index.ts';
import { PageChannel } from './pageChannel.ts';
import { handlePageRequest } from './pageRouter.ts';
import { contentScriptOrigins, isExtensionPage, pageSenderOf } from './sender.ts';
import { ActivityLog } from './stores/ActivityLog.ts';
import { ClientKeyStore } from './stores/ClientKeyStore.ts';
import { PromptBackoff } from './stores/PromptBackoff.ts';
import { ConnectionStore } from './stores/ConnectionStore.ts';
import { ExportKeyStore } from './stores/ExportKeyStore.ts';
import { PasskeyStore } from './stores/PasskeyStore.ts';
import { ExpiredSessions } from './stores/ExpiredSessions.ts';
import { SessionStore } from './stores/SessionStore.ts';
import { SettingsStore } from './stores/SettingsStore.ts';
import { StorageTroubles } from './storageTrouble.ts';

/**
 * The service worker (Chrome) / event page (Firefox). It keeps no state between
 * events: stores are in IndexedDB, pending approvals and the window id in
 * `storage.session`. Listeners are registered synchronously, as MV3 requires,
 * and every one of them waits for the same start-up promise.
 */

// For `npm run bench`: tells loading and compiling this worker's modules apart from its work on a cold start.
performance.mark(WORKER_SCRIPT_MARK);

const extensionUrl = browser.runtime.getURL('');
const extensionOrigin = new URL(extensionUrl).origin;
const pageOrigins = contentScriptOrigins(browser.runtime.getManifest());
const session = browser.storage.session;
const pages = new PageChannel(session, browser.tabs);
const storageTroubles = new StorageTroubles(session, Date.now);
/**
 * How long after start-up the expiry sweep (and the badge) wait: the request that woke the worker, and the few that
 * often follow it (a payment, then its confirmation), go first. Every read checks expiry itself meanwhile.
 */
const STARTUP_SWEEP_DELAY_MS = 1000;

/**
 * Rejects, with the error pages get, once the database upgrade is blocked by
 * another extension window still on the old version: requests are answered at
 * once instead of waiting on a window the customer may not know is open.
 */
let reportUpgradeBlocked!: () => void;
const upgradeBlocked = new Promise<never>((_resolve, reject) => {
  reportUpgradeBlocked = () => reject(errors.storageTrouble('upgrade-blocked'));
});
upgradeBlocked.catch(() => undefined);

async function openDatabase(): Promise<WalletDatabase> {
  const db = await openWalletDatabase(DATABASE_NAME, {
    onBlocked: () => {
      reportUpgradeBlocked();
      void storageTroubles.report('upgrade-blocked');
    },
  });
  // Not awaited: nothing waits on the note, and a request that woke the worker should not wait on its round trip.
  void storageTroubles.resolved('upgrade-blocked').catch(() => undefined);
  return db;
}

async function start(): Promise<{ ctx: BackgroundContext; approvalWindow: ApprovalWindow }> {
  const db = await openDatabase();
  const disarmApprovalWindow = () => browser.runtime.sendMessage({ kind: 'approval-window-returning' } satisfies ApprovalWindowReturning);
  const approvalWindow = new ApprovalWindow(
    browser.windows,
    session,
    browser.runtime.getURL('src/popup/approval.html'),
    disarmApprovalWindow,
  );
  const promptBackoff = new PromptBackoff(session, Date.now);
  const ctx: BackgroundContext = {
    clientKeys: new ClientKeyStore(db),
    exportKeys: new ExportKeyStore(db),
    sessions: new SessionStore(db, new ExpiredSessions(session)),
    connections: new ConnectionStore(db),
    promptBackoff,
    passkeys: new PasskeyStore(db),
    activity: new ActivityLog(db),
    settings: new SettingsStore(browser.storage.local),
    storageTroubles,
    pages,
    notifyExtensionPages,
    extensionOrigin,
    // Firefox's is a hash of the add-on's id: taken when a passkey asks for it, not on every start.
    get webauthnOrigin() {
      return webauthnOriginOf(extensionOrigin, browser.runtime.id);
    },
    now: Date.now,
    scheduleExpiry: createExpiryScheduler(() => ctx, browser.alarms),
    approvals: new ApprovalQueue({
      storage: session,
      window: approvalWindow,
      deliver: (address, reply) => pages.deliver(address, reply),
      complete: (record, input) => completeApproval(ctx, record, input),
      backoff: promptBackoff,
      timeoutMs: () => approvalTimeoutMs(browser.storage.local, DEVELOPMENT_BUILD),
      changed: () => void approvalsChanged(ctx),
      now: Date.now,
    }),
  };
  // Later, not now: its read-write transactions would queue ahead of the waking request's reads of the same stores,
  // and the badge and the expiry alarm it then refreshes would share the worker's thread with that request.
  void new Promise((resolve) => setTimeout(resolve, STARTUP_SWEEP_DELAY_MS))
    .then(() => sweepExpired(ctx))
    .then(() => approvalsChanged(ctx))
    .catch(() => undefined);
  return { ctx, approvalWindow };
}

/** Badge count on the toolbar icon (a fallback cue if the window is hidden) and a nudge to open extension pages. */
async function approvalsChanged(ctx: BackgroundContext): Promise<void> {
  await refreshBadge();
  await ctx.scheduleExpiry();
  notifyExtensionPages();
}

/** The toolbar icon's badge: how many approvals wait, else "!" while a storage trouble note is there to read. */
async function refreshBadge(): Promise<void> {
  const items = await session.get(null);
  const count = pendingRecords(items).length;
  const trouble = items[STORAGE_TROUBLE_KEY] !== undefined;
  await browser.action.setBadgeText({ text: count ? String(count) : trouble ? '!' : '' });
  await browser.action.setBadgeBackgroundColor({ color: count || !trouble ? '#1B3BFF' : '#B3261E' });
}

function notifyExtensionPages(): void {
  const notice: InternalNotice = { kind: 'internal-changed' };
  void browser.runtime.sendMessage(notice).catch(() => undefined); // no extension page open
}

const started = start();
const ready = started.then(({ ctx }) => ctx);
/** `ready`, or the blocked-upgrade error while the database cannot open yet (once open, `ready` wins the race). */
const readyForPages = () => Promise.race([ready, upgradeBlocked]);
const whenReady = (work: (ctx: BackgroundContext) => Promise<unknown>) => void ready.then(work).catch(() => undefined);

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PAGE_PORT) acceptPagePort(port);
  else if (port.name === INTERNAL_PORT) acceptExtensionPagePort(port);
  else port.disconnect();
});

/** Pages' requests come only over content scripts' ports; the origin is the port's sender's. */
function acceptPagePort(port: Runtime.Port): void {
  const page = port.sender && pageSenderOf(port.sender, browser.runtime.id, pageOrigins);
  if (!page) {
    port.disconnect();
    return;
  }
  pages.accept(port, page, (message) =>
    readyForPages().then(
      (ctx) => handlePageRequest(ctx, message, page),
      (error: unknown) => ({ error: toErrorPayload(error) }),
    ),
  );
}

/** The approval window's and toolbar popup's port: only our own extension pages, checked once, when it opens. */
function acceptExtensionPagePort(port: Runtime.Port): void {
  if (!port.sender || !isExtensionPage(port.sender, browser.runtime.id, extensionUrl)) {
    port.disconnect();
    return;
  }
  port.onMessage.addListener((value: unknown) => {
    const request = readInternalRequest(value);
    if (!request) return;
    void answerExtensionPage(request)
      .then((reply) => port.postMessage({ id: request.id, reply } satisfies InternalPortReply))
      .catch(() => undefined); // the page closed meanwhile
  });
}

const answerExtensionPage: AnswerExtensionPage = (request) => ready.then((ctx) => handleInternalRequest(ctx, request.message));
// Firefox's event page is a window in the process of the extension's windows: they may post to it directly.
if (typeof window === 'object') listenToSameProcessPages(window, extensionOrigin, answerExtensionPage);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const kind = (message as { kind?: unknown } | null)?.kind;
  if (kind === 'internal' && isExtensionPage(sender, browser.runtime.id, extensionUrl)) {
    return ready.then((ctx) => handleInternalRequest(ctx, message as InternalMessage));
  }
  return undefined;
});

// A storage trouble note appeared or was read: the badge follows, even while the database cannot open.
// A queued approval written by anything else: the queue reads it from storage when it is decided.
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'session') return;
  if (STORAGE_TROUBLE_KEY in changes) void refreshBadge().catch(() => undefined);
  whenReady(async (ctx) => ctx.approvals.storageChanged(changes));
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === EXPIRY_ALARM)
    whenReady(async (ctx) => {
      await sweepExpired(ctx);
      await ctx.scheduleExpiry();
    });
});
browser.windows.onRemoved.addListener(
  (windowId) =>
    void started
      .then(async ({ ctx, approvalWindow }) => {
        // Closing the approval window rejects everything still pending (4001).
        if ((await approvalWindow.removed(windowId)) === 'user') await ctx.approvals.rejectAll();
      })
      .catch(() => undefined),
);
browser.tabs.onRemoved.addListener((tabId) => whenReady((ctx) => Promise.all([ctx.approvals.dropTab(tabId), ctx.pages.forget(tabId)])));
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') whenReady((ctx) => ctx.approvals.dropGoneDocuments(tabId, (address) => ctx.pages.isAlive(address)));
});
