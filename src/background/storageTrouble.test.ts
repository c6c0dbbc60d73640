import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseStamp, verifyStamp } from '@grid-wallet/core';
import { handlePageRequest } from './pageRouter.ts';
import { createTestBackground, type TestBackground } from './testBackground.ts';

const SITE = { origin: 'https://app.example', tabId: 7 };
const OTHER = { origin: 'https://other.example', tabId: 8 };
const ACCOUNT = 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002';
/** A payment, which a signing grant covers, so it signs without a prompt. */
const PAYLOAD =
  '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"1","organizationId":"org_1","parameters":{"signWith":"wallet_1","unsignedTransaction":"ea69","type":"TRANSACTION_TYPE_ETHEREUM"}}';

let n = 0;
const call = (bg: TestBackground, method: string, params: unknown, sender = SITE) =>
  handlePageRequest(
    bg.ctx,
    { kind: 'page-request', bridgeId: `bridge-${sender.tabId}`, id: `req-${++n}`, method, params },
    sender,
  ) as Promise<Record<string, any>>;

async function background() {
  const bg = await createTestBackground();
  await bg.ctx.connections.connect(SITE.origin);
  await bg.ctx.connections.connect(OTHER.origin);
  return bg;
}

async function clientKey(bg: TestBackground, sender = SITE): Promise<string> {
  return (await call(bg, 'grid_createClientKey', undefined, sender)).result.clientKeyId;
}

const openSession = (bg: TestBackground, clientKeyId: string, sender = SITE) =>
  call(bg, 'grid_openSession', { clientKeyId, accountId: ACCOUNT, expiresAt: new Date(bg.clock.time + 30 * 60_000).toISOString() }, sender);

/** Signs without a prompt (a grant) and checks the stamp against the session's own public key. */
async function signsWith(bg: TestBackground, sessionId: string, publicKey: string, sender = SITE) {
  await bg.ctx.connections.grantSigning(sender.origin, 'payments', 60 * 60_000);
  const reply = await call(bg, 'grid_signPayload', { sessionId, payloadToSign: PAYLOAD, display: {} }, sender);
  if (!reply.result) return reply;
  return verifyStamp(reply.result.signature, PAYLOAD) && parseStamp(reply.result.signature).publicKey === publicKey;
}

/** IndexedDB refuses writes to `store` as a full disk does. */
function diskFullFor(store: string) {
  const put = IDBObjectStore.prototype.put;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
    if (this.name === store) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  });
}

afterEach(() => vi.restoreAllMocks());

describe('storage trouble', () => {
  it('a full disk while opening a session: a clear answer, a toolbar note, the client key unspent, other sites unharmed', async () => {
    const bg = await background();
    const other = (await openSession(bg, await clientKey(bg, OTHER), OTHER)).result;
    const keyId = await clientKey(bg);

    diskFullFor('sessions');
    expect(await openSession(bg, keyId)).toEqual({
      error: { code: -32603, message: expect.stringMatching(/storage is full.*retry/), data: { reason: 'storage-full' } },
    });
    expect(await bg.ctx.storageTroubles.current()).toEqual({ reason: 'storage-full', at: bg.clock.time });
    vi.restoreAllMocks();

    // Nothing was half-written: the key is not spent, so the retry opens the session.
    expect((await bg.ctx.clientKeys.getUsable(SITE.origin, keyId)).id).toBe(keyId);
    const opened = (await openSession(bg, keyId)).result;
    expect(await signsWith(bg, opened.sessionId, opened.publicKey)).toBe(true);
    expect(await signsWith(bg, other.sessionId, other.publicKey, OTHER)).toBe(true);
  });

  it('a damaged session record is never used to sign: a clear answer and a note; the site’s other sessions and other sites still sign', async () => {
    const bg = await background();
    const damaged = (await openSession(bg, await clientKey(bg))).result;
    const healthy = (await openSession(bg, await clientKey(bg))).result;
    const other = (await openSession(bg, await clientKey(bg, OTHER), OTHER)).result;
    const record = (await bg.db.get('sessions', [SITE.origin, damaged.sessionId]))!;
    const anotherKey = (await bg.db.get('sessions', [OTHER.origin, other.sessionId]))!.signingKey;
    for (const signingKey of [anotherKey.algorithm, 'not a key', null]) {
      await bg.db.put('sessions', { ...record, signingKey: signingKey as unknown as CryptoKey });
      expect(await signsWith(bg, damaged.sessionId, damaged.publicKey)).toEqual({
        error: { code: -32603, message: expect.stringMatching(/damaged.*nothing was signed/), data: { reason: 'damaged-record' } },
      });
    }
    expect((await bg.ctx.storageTroubles.current())?.reason).toBe('damaged-record');
    expect(await signsWith(bg, healthy.sessionId, healthy.publicKey)).toBe(true);
    expect(await signsWith(bg, other.sessionId, other.publicKey, OTHER)).toBe(true);
  });

  it('a note clears only for the trouble that was resolved', async () => {
    const bg = await background();
    await bg.ctx.storageTroubles.report('upgrade-blocked');
    await bg.ctx.storageTroubles.report('storage-full');
    await bg.ctx.storageTroubles.resolved('upgrade-blocked');
    expect((await bg.ctx.storageTroubles.current())?.reason).toBe('storage-full');
    await bg.ctx.storageTroubles.resolved('storage-full');
    expect(await bg.ctx.storageTroubles.current()).toBeUndefined();
  });
});
