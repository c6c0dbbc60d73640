import type { ConnectionRecord, WalletDatabase } from '../db.ts';
import { ReadCache } from './ReadCache.ts';

/** The longest "sign without asking" grant a user can give a site. */
export const MAX_SIGNING_GRANT_MS = 60 * 60_000;

/** Which origins the user connected, and which may sign without asking, until when. */
export class ConnectionStore {
  private readonly cache = new ReadCache<ConnectionRecord | undefined>();

  constructor(
    private readonly db: WalletDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  get(origin: string): Promise<ConnectionRecord | undefined> {
    return this.cache.read(origin, () => this.db.get('connections', origin));
  }

  async isConnected(origin: string): Promise<boolean> {
    return (await this.get(origin)) !== undefined;
  }

  connect(origin: string): Promise<void> {
    return this.cache.invalidate(async () => {
      const tx = this.db.transaction('connections', 'readwrite');
      if (!(await tx.store.get(origin))) await tx.store.put({ origin, connectedAt: this.now() });
      await tx.done;
    });
  }

  async list(): Promise<ConnectionRecord[]> {
    return this.db.getAll('connections');
  }

  /** True when the origin holds an unexpired signing grant. */
  async hasSigningGrant(origin: string): Promise<boolean> {
    const until = (await this.get(origin))?.signingGrantUntil;
    return until !== undefined && until > this.now();
  }

  /** Grants signing without prompts for `durationMs`, capped at MAX_SIGNING_GRANT_MS. */
  async grantSigning(origin: string, durationMs: number): Promise<number> {
    const until = this.now() + Math.min(Math.max(durationMs, 0), MAX_SIGNING_GRANT_MS);
    await this.update(origin, (record) => ({ ...record, signingGrantUntil: until }));
    return until;
  }

  async revokeSigningGrant(origin: string): Promise<void> {
    await this.update(origin, ({ signingGrantUntil: _revoked, ...record }) => record);
  }

  disconnect(origin: string): Promise<void> {
    return this.cache.invalidate(() => this.db.delete('connections', origin));
  }

  private update(origin: string, change: (record: ConnectionRecord) => ConnectionRecord): Promise<void> {
    return this.cache.invalidate(async () => {
      const tx = this.db.transaction('connections', 'readwrite');
      const record = await tx.store.get(origin);
      if (record) await tx.store.put(change(record));
      await tx.done;
    });
  }
}
