import { type BridgeReply, errors, type ProviderError, toErrorPayload } from '@grid-wallet/protocol';
import type { ApprovalInput, ApprovalKind, ApprovalView } from '../../extension-protocol/internal.ts';
import { approvalKey, pendingRecords } from '../../extension-protocol/pendingApprovals.ts';
import type { PageAddress } from '../pageAddress.ts';
import type { SessionStorage } from '../sessionStorage.ts';
import type { PromptBackoff } from '../stores/PromptBackoff.ts';

/** A prompt nobody answers is rejected with 4408 after this long (docs/architecture.md §5). */
export const APPROVAL_TIMEOUT_MS = 5 * 60_000;

/** How many prompts one site may keep waiting; beyond that it gets -32002 (a page must not bury the user or the storage). */
export const MAX_PENDING_PER_SITE = 10;

/** The most the whole queue may hold, in UTF-8 bytes of JSON, well inside `storage.session`'s 10 MB. */
export const MAX_QUEUE_BYTES = 4 * 1024 * 1024;

export interface ApprovalRecord extends PageAddress {
  view: ApprovalView;
  /** origin + method + params: two waiting requests with the same fingerprint are duplicates (-32002). */
  fingerprint: string;
}

/** Omit that keeps a union a union (each approval kind has its own fields). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A prompt of kind `K` (any kind without it) as a method queues it: its view, less what the queue adds. */
export type NewPrompt<K extends ApprovalKind = ApprovalKind> = OmitEach<ApprovalView<K>, 'id' | 'createdAt' | 'expiresAt'>;

export type NewApproval<K extends ApprovalKind = ApprovalKind> = PageAddress & { view: NewPrompt<K>; fingerprint: string };

export interface ApprovalQueueDeps {
  /** Where pending approvals live: `storage.session`, so a restarted worker finds them. */
  storage: SessionStorage;
  /** The one approval window: `show` opens or brings it forward, `ensureOpen` opens it but moves no existing one, `close` when nothing is left. */
  window: { show(): Promise<void>; ensureOpen(): Promise<void>; close(): Promise<void> };
  /**
   * Per-site back-off: a paused site's requests are refused (4001) before they queue; it
   * hears of connect prompts the user turned down and of prompts their page abandoned,
   * and a yes to the site ends it.
   */
  backoff: Pick<PromptBackoff, 'isPaused' | 'rejectedConnect' | 'abandoned' | 'clear'>;
  /** Sends the final answer to the page that asked. */
  deliver(address: PageAddress, reply: BridgeReply): Promise<void>;
  /** Does what the user approved (sign, encrypt the OTP, …) and returns the page's result. */
  complete(record: ApprovalRecord, input: ApprovalInput): Promise<unknown>;
  timeoutMs(): Promise<number>;
  /** Called after every change (badge count, open extension pages). */
  changed(): void;
  now(): number;
}

/**
 * The approval queue: every request that needs a person waits here, in
 * `storage.session` (extension-protocol/pendingApprovals.ts), until the user answers, the prompt times out, the window is
 * closed, or the asking tab goes away. The worker holds no state between events.
 */
export class ApprovalQueue {
  private lock: Promise<unknown> = Promise.resolve();
  /**
   * The records this worker queued and has not taken since, as stored: a decision on one of
   * them need not read `storage.session` first (a round trip, slower in Firefox than in
   * Chromium). Only this queue writes approvals, under its lock, so a record here is in
   * storage too; one that anything else rewrites or removes is dropped from here
   * (`storageChanged`), so a decision always carries out what the window shows. A
   * restarted worker starts empty and reads storage instead.
   */
  private readonly queuedHere = new Map<string, ApprovalRecord>();

  constructor(private readonly deps: ApprovalQueueDeps) {}

  /**
   * Queues a request and shows the window. 4001 while its site is paused (PromptBackoff);
   * -32002 when an identical one is already waiting, when its site already has
   * MAX_PENDING_PER_SITE waiting, or when the queue would outgrow MAX_QUEUE_BYTES.
   */
  async enqueue<K extends ApprovalKind>(request: NewApproval<K>): Promise<void> {
    // Read together: the window waits for these.
    const [paused, timeoutMs] = await Promise.all([this.deps.backoff.isPaused(request.view.origin), this.deps.timeoutMs()]);
    if (paused) throw errors.promptsPaused();
    const shownOrigin = await this.exclusive(async () => {
      const pending = await this.list();
      if (pending.some((r) => r.fingerprint === request.fingerprint)) {
        throw errors.alreadyPending(request.view.kind === 'connect' ? 'connection' : request.view.kind);
      }
      if (pending.filter((r) => r.view.origin === request.view.origin).length >= MAX_PENDING_PER_SITE) {
        throw errors.tooManyPending(MAX_PENDING_PER_SITE);
      }
      const createdAt = this.deps.now();
      const id = crypto.randomUUID();
      const view = { ...request.view, id, createdAt, expiresAt: createdAt + timeoutMs } as ApprovalView;
      const record: ApprovalRecord = { ...request, view };
      if ([...pending, record].reduce((total, r) => total + jsonBytes(r), 0) > MAX_QUEUE_BYTES) throw errors.queueFull();
      await this.deps.storage.set({ [approvalKey(id)]: record });
      this.queuedHere.set(id, structuredClone(record));
      return pending[0]?.view.origin; // the prompt the window shows now, if any
    });
    // The window first: the badge and the toolbar's refresh must not queue ahead of it.
    // If no window can be shown, the request still waits: the toolbar popup lists it and it times out.
    // A site asking again while its own prompt is shown does not bring that prompt back to the
    // front; another site's request does, so its prompt never waits out of sight (the window
    // re-arms whenever it comes back, docs/security-model.md §3.12).
    const window = this.deps.window;
    const showing = (shownOrigin === request.view.origin ? window.ensureOpen() : window.show()).catch(() => undefined);
    this.deps.changed();
    await showing;
  }

  /**
   * `storage.onChanged` for the session area: a queued record stored otherwise than this
   * queue holds it (written by anything else) is no longer taken from memory.
   */
  storageChanged(changes: Record<string, { newValue?: unknown }>): void {
    for (const [id, held] of this.queuedHere) {
      const change = changes[approvalKey(id)];
      if (change && JSON.stringify(change.newValue) !== JSON.stringify(held)) this.queuedHere.delete(id);
    }
  }

  /** Brings the window back (say the user lost it behind others) when something waits. */
  async show(): Promise<void> {
    if ((await this.list()).length) await this.deps.window.show();
  }

  /** Pending approvals, oldest first. */
  async list(): Promise<ApprovalRecord[]> {
    return pendingRecords<ApprovalRecord>(await this.deps.storage.get(null));
  }

  /**
   * Settles one approval. On approve, the kind's `complete` runs; if it fails
   * (say the session expired while the prompt was open) the page gets that error.
   * A prompt past its deadline delivers nothing but 4408, even if the expiry
   * sweep has not run yet (a late alarm): the window is told it no longer waits.
   */
  async decide(approvalId: string, input: ApprovalInput | null): Promise<BridgeReply> {
    const approval = await this.takeOne(approvalId);
    if (!approval) return { error: errors.noLongerWaiting().toPayload() };
    if (approval.view.expiresAt <= this.deps.now()) {
      await this.settle([approval], errors.promptTimedOut());
      this.deps.changed();
      await this.closeWindowIfEmpty();
      return { error: errors.noLongerWaiting().toPayload() };
    }
    let reply: BridgeReply;
    if (input === null) {
      reply = { error: errors.userRejected().toPayload() };
    } else {
      try {
        reply = { result: await this.deps.complete(approval, input) };
      } catch (error) {
        reply = { error: toErrorPayload(error) };
      }
    }
    await this.deps.deliver(approval, reply);
    // After the answer: the badge, the toolbar and the back-off's bookkeeping can wait, the page should not.
    this.deps.changed();
    if (input === null) await this.rejected([approval]);
    else if ('result' in reply) await this.deps.backoff.clear(approval.view.origin);
    await this.closeWindowIfEmpty();
    return reply;
  }

  /** Reject all, or the window was closed: everything pending gets 4001. */
  async rejectAll(): Promise<void> {
    await this.reject(() => true);
  }

  /** "Reject all from this site": that origin's prompts get 4001, other sites' keep waiting. */
  async rejectOrigin(origin: string): Promise<void> {
    await this.reject((r) => r.view.origin === origin);
  }

  /** The site was disconnected: its prompts are answered 4100 and can no longer be approved. */
  async dropOrigin(origin: string): Promise<void> {
    const records = await this.take((r) => r.view.origin === origin);
    await this.settle(records, errors.siteDisconnected());
    await this.abandoned(records);
    await this.closeWindowIfEmpty();
  }

  /** A tab closed: its requests have no one left to answer. */
  async dropTab(tabId: number): Promise<void> {
    await this.abandoned(await this.take((r) => r.tabId === tabId));
    await this.closeWindowIfEmpty();
  }

  /**
   * A tab navigated: drops the requests whose document is gone. Asking each
   * document (rather than dropping everything from the tab) keeps a request the
   * new page made a moment before the browser reported the navigation.
   */
  async dropGoneDocuments(tabId: number, isAlive: (address: PageAddress) => Promise<boolean>): Promise<void> {
    const fromTab = (await this.list()).filter((r) => r.tabId === tabId);
    const gone = new Set<string>();
    for (const record of fromTab) if (!(await isAlive(record))) gone.add(record.view.id);
    if (gone.size === 0) return;
    await this.abandoned(await this.take((r) => gone.has(r.view.id)));
    await this.closeWindowIfEmpty();
  }

  /** Rejects every prompt past its deadline with 4408. */
  async expire(): Promise<void> {
    const now = this.deps.now();
    await this.settle(await this.take((r) => r.view.expiresAt <= now), errors.promptTimedOut());
    await this.closeWindowIfEmpty();
  }

  async nextExpiry(): Promise<number | undefined> {
    const deadlines = (await this.list()).map((r) => r.view.expiresAt);
    return deadlines.length ? Math.min(...deadlines) : undefined;
  }

  private async reject(match: (record: ApprovalRecord) => boolean): Promise<void> {
    const records = await this.take(match);
    await this.settle(records, errors.userRejected());
    await this.rejected(records);
    await this.closeWindowIfEmpty();
  }

  /** The user turned these prompts down: each site whose connect prompt it was pauses. */
  private async rejected(records: ApprovalRecord[]): Promise<void> {
    for (const origin of originsOf(records.filter((r) => r.view.kind === 'connect'))) await this.deps.backoff.rejectedConnect(origin);
  }

  /** Their pages left these prompts (navigated, closed, disconnected): one strike per site. */
  private async abandoned(records: ApprovalRecord[]): Promise<void> {
    for (const origin of originsOf(records)) await this.deps.backoff.abandoned(origin);
  }

  private async settle(records: ApprovalRecord[], error: ProviderError): Promise<void> {
    await Promise.all(records.map((r) => this.deps.deliver(r, { error: error.toPayload() })));
  }

  /**
   * Removes and returns one approval, from memory if this worker queued it, else reading only
   * its own item; the caller reports the change. It is out of storage before anything is done
   * with it, so a second decision finds it gone. Read, then removed: sending both at once would
   * rest on the storage area answering in call order, which no browser documents; a reordering
   * would drop the approval unanswered.
   */
  private takeOne(approvalId: string): Promise<ApprovalRecord | undefined> {
    const key = approvalKey(approvalId);
    return this.exclusive(async () => {
      const record = this.queuedHere.get(approvalId) ?? ((await this.deps.storage.get(key))[key] as ApprovalRecord | undefined);
      if (record) await this.deps.storage.remove([key]);
      this.queuedHere.delete(approvalId);
      return record;
    });
  }

  /** Removes and returns the matching approvals, atomically with respect to enqueue. */
  private async take(match: (record: ApprovalRecord) => boolean): Promise<ApprovalRecord[]> {
    const taken = await this.exclusive(async () => {
      const records = (await this.list()).filter(match);
      if (records.length) await this.deps.storage.remove(records.map((r) => approvalKey(r.view.id)));
      for (const record of records) this.queuedHere.delete(record.view.id);
      return records;
    });
    if (taken.length) this.deps.changed();
    return taken;
  }

  /** Under the queue's lock, so a request enqueued meanwhile either keeps the window open or opens a new one. */
  private closeWindowIfEmpty(): Promise<void> {
    return this.exclusive(async () => {
      if ((await this.list()).length === 0) await this.deps.window.close();
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }
}

const originsOf = (records: ApprovalRecord[]) => new Set(records.map((r) => r.view.origin));

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
