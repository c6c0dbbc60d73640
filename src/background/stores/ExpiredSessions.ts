import type { SessionStorage } from '../sessionStorage.ts';

/** `storage.session` key: `{ '["<origin>","<sessionId>"]': expiresAt }`. */
const KEY = 'expiredSessions';
/** How long after its expiry an id still answers `expired` rather than `not_found`. */
const REMEMBER_MS = 24 * 60 * 60_000;

/**
 * The ids of sessions this browser session deleted at their expiry, per origin,
 * so that a later call names the reason (4404 `expired`) instead of `not_found`
 * (docs/protocol.md). Ids and times only, never key material; in `storage.session`,
 * so gone when the browser closes, and pruned a day after expiry.
 */
export class ExpiredSessions {
  constructor(
    private readonly storage: Pick<SessionStorage, 'get' | 'set'>,
    private readonly now: () => number = Date.now,
  ) {}

  async add(records: ReadonlyArray<{ origin: string; sessionId: string; expiresAt: number }>): Promise<void> {
    if (records.length === 0) return;
    const kept = Object.entries(await this.read()).filter(([, expiresAt]) => expiresAt > this.now() - REMEMBER_MS);
    const added = records.map((r) => [JSON.stringify([r.origin, r.sessionId]), r.expiresAt] as const);
    await this.storage.set({ [KEY]: Object.fromEntries([...kept, ...added]) });
  }

  async has(origin: string, sessionId: string): Promise<boolean> {
    const expiresAt = (await this.read())[JSON.stringify([origin, sessionId])];
    return expiresAt !== undefined && expiresAt > this.now() - REMEMBER_MS;
  }

  private async read(): Promise<Record<string, number>> {
    return ((await this.storage.get(KEY))[KEY] as Record<string, number> | undefined) ?? {};
  }
}
