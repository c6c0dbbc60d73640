import type { GrantScope } from '@grid-wallet/core/signingDecision';
import type { ConnectionRecord, WalletDatabase } from '../db.ts';

/** A site's grant: until when, and what it covers. */
export interface SigningGrant {
  until: number;
  scope: GrantScope;
}
import { ReadCache } from './ReadCache.ts';

/** The longest "sign without asking" grant a user can give a site. */
export const MAX_SIGNING_GRANT_MS = 60 * 60_000;

/** A record's grant if unexpired at `now`. A grant stored before grants had a scope covers payments only, never more. */
export function activeGrant(record: ConnectionRecord | undefined, now: number): SigningGrant | undefined {
  const until = record?.signingGrantUntil;
  return until !== undefined && until > now ? { until, scope: record?.signingGrantScope ?? 'payments' } : undefined;
}

/** Which origins the user connected, and which may sign what without asking, until when. */
export class ConnectionStore {
  /** Keeps "not connected" too: the key is the origin the browser gives, which a page cannot choose. */
  private readonly cache = new ReadCache<ConnectionRecord>(true);

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

  /** The origin's unexpired signing grant, and what it covers. */
  async signingGrant(origin: string): Promise<SigningGrant | undefined> {
    return activeGrant(await this.get(origin), this.now());
  }

  /** True when the origin holds an unexpired grant of `scope`. */
  async hasSigningGrant(origin: string, scope: GrantScope): Promise<boolean> {
    return (await this.signingGrant(origin))?.scope === scope;
  }

  /** Grants signing `scope` without prompts for `durationMs`, capped at MAX_SIGNING_GRANT_MS; replaces any earlier grant. */
  async grantSigning(origin: string, scope: GrantScope, durationMs: number): Promise<number> {
    const until = this.now() + Math.min(Math.max(durationMs, 0), MAX_SIGNING_GRANT_MS);
    await this.update(origin, (record) => ({ ...record, signingGrantUntil: until, signingGrantScope: scope }));
    return until;
  }

  async revokeSigningGrant(origin: string): Promise<void> {
    await this.update(origin, ({ signingGrantUntil: _until, signingGrantScope: _scope, ...record }) => record);
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
