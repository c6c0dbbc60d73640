import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWalletDatabase } from '../db.ts';
import { CLIENT_KEY_TTL_MS, ClientKeyStore, MAX_UNUSED_CLIENT_KEYS } from './ClientKeyStore.ts';
import { ExportKeyStore, MAX_UNUSED_EXPORT_KEYS } from './ExportKeyStore.ts';

const SITE = 'https://shop.example';
const OTHER = 'https://other.example';

async function stores() {
  let now = 1_000_000;
  const clock = {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
  const db = await openWalletDatabase(`keys-${crypto.randomUUID()}`);
  return { clock, clientKeys: new ClientKeyStore(db, clock.now), exportKeys: new ExportKeyStore(db, clock.now) };
}

const fill = (store: ClientKeyStore, origin: string, count: number) =>
  Promise.all(Array.from({ length: count }, () => store.create(origin)));

describe('unused keys per site', () => {
  it(`a site holds at most ${MAX_UNUSED_CLIENT_KEYS} unused client keys; the next is refused with -32002 naming the limit and what to do`, async () => {
    const { clientKeys } = await stores();
    await fill(clientKeys, SITE, MAX_UNUSED_CLIENT_KEYS);
    await expect(clientKeys.create(SITE)).rejects.toMatchObject({
      code: -32002,
      message: expect.stringMatching(new RegExp(`already holds ${MAX_UNUSED_CLIENT_KEYS} unused client keys.*15 minutes`)),
      data: { reason: 'too_many_unused_keys', limit: MAX_UNUSED_CLIENT_KEYS },
    });
    expect(await clientKeys.usablePublicKeys(SITE)).toHaveLength(MAX_UNUSED_CLIENT_KEYS);
  });

  it('concurrent requests never get past the limit', async () => {
    const { clientKeys } = await stores();
    const outcomes = await Promise.allSettled(Array.from({ length: MAX_UNUSED_CLIENT_KEYS + 10 }, () => clientKeys.create(SITE)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(MAX_UNUSED_CLIENT_KEYS);
    expect(await clientKeys.usablePublicKeys(SITE)).toHaveLength(MAX_UNUSED_CLIENT_KEYS);
  });

  it('a used key (its session made) and an expired key no longer count', async () => {
    const { clock, clientKeys } = await stores();
    const [first] = await fill(clientKeys, SITE, MAX_UNUSED_CLIENT_KEYS);
    await clientKeys.consume(SITE, first!.id);
    await clientKeys.create(SITE);
    await expect(clientKeys.create(SITE)).rejects.toMatchObject({ code: -32002 });
    clock.advance(CLIENT_KEY_TTL_MS);
    await expect(clientKeys.create(SITE)).resolves.toMatchObject({ origin: SITE });
  });

  it("one site's keys leave another site's allowance, and export keys, alone", async () => {
    const { clientKeys, exportKeys } = await stores();
    await fill(clientKeys, SITE, MAX_UNUSED_CLIENT_KEYS);
    await expect(clientKeys.create(OTHER)).resolves.toMatchObject({ origin: OTHER });
    await fill(exportKeys, SITE, MAX_UNUSED_EXPORT_KEYS);
    await expect(exportKeys.create(SITE)).rejects.toMatchObject({
      code: -32002,
      message: expect.stringContaining(`already holds ${MAX_UNUSED_EXPORT_KEYS} unused export keys`),
    });
    await expect(exportKeys.create(OTHER)).resolves.toMatchObject({ purpose: 'wallet-export' });
  });
});
