import type { PasskeyRecord, WalletDatabase } from '../db.ts';

/** Which passkeys this browser created, per site and account (docs/architecture.md §6). */
export class PasskeyStore {
  constructor(private readonly db: WalletDatabase) {}

  async add(record: PasskeyRecord): Promise<void> {
    await this.db.put('passkeys', record);
  }

  get(origin: string, credentialId: string): Promise<PasskeyRecord | undefined> {
    return this.db.get('passkeys', [origin, credentialId]);
  }

  /** Whether this browser created the passkey for any site. */
  async createdHere(credentialId: string): Promise<boolean> {
    return (await this.db.countFromIndex('passkeys', 'credentialId', credentialId)) > 0;
  }

  list(origin: string): Promise<PasskeyRecord[]> {
    return this.db.getAllFromIndex('passkeys', 'origin', origin);
  }

  async deleteForOrigin(origin: string): Promise<void> {
    const tx = this.db.transaction('passkeys', 'readwrite');
    for (const key of await tx.store.index('origin').getAllKeys(origin)) await tx.store.delete(key);
    await tx.done;
  }
}
