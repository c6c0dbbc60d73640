import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { bytesToHex, publicKeyFromScalar, randomScalar, verifyStamp } from '@grid-wallet/core';
import { handlePageRequest } from './pageRouter.ts';
import { sweepExpired } from './expiry.ts';
import { activeGrant } from './stores/ConnectionStore.ts';
import { createTestBackground, type TestBackground } from './testBackground.ts';

const SITE = { origin: 'https://app.example', tabId: 7 };
const OTHER = { origin: 'https://evil.example', tabId: 8 };
const ACCOUNT = 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002';
/** Grid's payment body (on the grant allow-list), made distinct by `n`. */
const payment = (n: number) =>
  `{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"${n}","organizationId":"org_1","parameters":{"signWith":"wallet_1","unsignedTransaction":"ea69","type":"TRANSACTION_TYPE_ETHEREUM"}}`;
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${part({ alg: 'ES256', kid: 'turnkey' })}.${part({ sub: 'otp', iat: 1, exp: 2 })}.c2ln`;
const refreshTo = (targetPublicKey: string) =>
  JSON.stringify({
    organizationId: 'org_1',
    parameters: { targetPublicKey },
    timestampMs: '1',
    type: 'ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2',
  });

let n = 0;
function call(bg: TestBackground, method: string, params?: unknown, sender = SITE) {
  return handlePageRequest(bg.ctx, { kind: 'page-request', bridgeId: `bridge-${sender.tabId}`, id: `req-${++n}`, method, params }, sender);
}

async function approveNext(bg: TestBackground, input: Parameters<TestBackground['ctx']['approvals']['decide']>[1]) {
  const [pending] = await bg.ctx.approvals.list();
  expect(pending).toBeDefined();
  return bg.ctx.approvals.decide(pending!.view.id, input);
}

async function connected(sender = SITE) {
  const bg = await createTestBackground();
  await bg.ctx.connections.connect(sender.origin);
  return bg;
}

/** A client key, then a 30-minute session on it: the setup of the signing tests. */
async function openSession(bg: TestBackground): Promise<{ sessionId: string; publicKey: string }> {
  const key = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
  const opened = (await call(bg, 'grid_openSession', {
    clientKeyId: key.result.clientKeyId,
    accountId: ACCOUNT,
    expiresAt: new Date(bg.clock.time + 30 * 60_000).toISOString(),
  })) as { result: { sessionId: string; publicKey: string } };
  return opened.result;
}

/** The keys of every read of the sessions store from now until the test ends. */
function watchSessionReads(): unknown[] {
  const keys: unknown[] = [];
  const get = IDBObjectStore.prototype.get;
  const spy = vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, key) {
    if (this.name === 'sessions') keys.push(key);
    return get.call(this, key);
  });
  onTestFinished(() => spy.mockRestore());
  return keys;
}

describe('handlePageRequest', () => {
  it('answers 4200 for unknown methods, even inherited property names, connected or not', async () => {
    const bg = await createTestBackground();
    for (const method of ['eth_sign', '__proto__', 'constructor', 'toString', '']) {
      expect(await call(bg, method)).toMatchObject({ error: { code: 4200 } });
    }
  });

  it('answers 4100 before the origin is connected', async () => {
    const bg = await createTestBackground();
    for (const method of ['grid_createClientKey', 'grid_listSessions', 'grid_signPayload', 'grid_collectOtp']) {
      expect(await call(bg, method, {})).toMatchObject({ error: { code: 4100 } });
    }
    expect(await call(bg, 'wallet_status')).toEqual({ result: { connected: false, version: '1.0.0' } });
  });

  it('refuses a malformed bridge message without throwing', async () => {
    const bg = await createTestBackground();
    for (const message of [null, 42, 'x', [], { kind: 'page-request' }, { id: 1, bridgeId: 'b', method: 'wallet_status' }]) {
      expect(await handlePageRequest(bg.ctx, message, SITE)).toMatchObject({ error: { code: -32602 } });
    }
  });

  it('connect waits for the user, then remembers the origin', async () => {
    const bg = await createTestBackground();
    expect(await call(bg, 'wallet_connect')).toEqual({ pending: true });
    expect(bg.window.shown).toBe(1);
    expect(await call(bg, 'wallet_connect')).toMatchObject({ error: { code: -32002 } });
    await approveNext(bg, { kind: 'connect' });
    expect(bg.delivered.at(-1)?.reply).toEqual({ result: { origin: SITE.origin, version: '1.0.0' } });
    expect(await call(bg, 'wallet_connect')).toEqual({ result: { origin: SITE.origin, version: '1.0.0' } });
    expect(bg.window.closed).toBe(1);
  });

  it('a request sent again after a worker stop keeps the approval it queued, and only that one', async () => {
    const bg = await createTestBackground();
    const request = { kind: 'page-request', bridgeId: 'bridge-7', id: 'req-retry', method: 'wallet_connect' };
    expect(await handlePageRequest(bg.ctx, request, SITE)).toEqual({ pending: true });
    expect(await handlePageRequest(bg.ctx, { ...request, retry: true }, SITE)).toEqual({ pending: true });
    expect(await bg.ctx.approvals.list()).toHaveLength(1);
    // Another document (or tab) with the same request id is not the same request.
    expect(await handlePageRequest(bg.ctx, { ...request, bridgeId: 'bridge-other', retry: true }, SITE)).toMatchObject({
      error: { code: -32002 },
    });
    expect(await handlePageRequest(bg.ctx, { ...request, retry: true }, { ...SITE, tabId: 9 })).toMatchObject({ error: { code: -32002 } });
    expect(await bg.ctx.approvals.list()).toHaveLength(1);
  });

  it('signs only after approval, then freely under a bounded grant', async () => {
    const bg = await connected();
    const session = await openSession(bg);
    const sign = { sessionId: session.sessionId, payloadToSign: payment(1) };
    expect(await call(bg, 'grid_signPayload', sign)).toEqual({ pending: true });
    const reply = await approveNext(bg, { kind: 'sign', grantMinutes: 15 });
    expect('result' in reply && verifyStamp((reply.result as { signature: string }).signature, payment(1))).toBe(true);

    const free = (await call(bg, 'grid_signPayload', { ...sign, payloadToSign: payment(2) })) as { result: { signature: string } };
    expect(verifyStamp(free.result.signature, payment(2))).toBe(true);
    // The grant covers only its allow-list: plain text still asks.
    expect(await call(bg, 'grid_signPayload', { ...sign, payloadToSign: 'pay 2' })).toEqual({ pending: true });
    await bg.ctx.approvals.rejectAll();
    bg.clock.advance(15 * 60_000 + 1);
    // The grant ran out before the session did: asking again.
    expect(await call(bg, 'grid_signPayload', { ...sign, payloadToSign: payment(3) })).toEqual({ pending: true });
    const activity = await bg.ctx.activity.recent();
    // Newest first.
    expect(activity.filter((a) => a.kind === 'signed').map((a) => a.consent)).toEqual(['grant', 'prompt']);
  });

  it("reads a stamp's session while it checks the connection, and signs only once the check has passed", async () => {
    const bg = await connected();
    const session = await openSession(bg);
    await bg.ctx.connections.grantSigning(SITE.origin, 'payments', 60 * 60_000);
    const reads = watchSessionReads();
    let answerCheck!: (connected: boolean) => void;
    vi.spyOn(bg.ctx.connections, 'isConnected').mockReturnValueOnce(new Promise((resolve) => (answerCheck = resolve)));
    let settled = false;
    const signing = call(bg, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: payment(1) }).finally(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(reads).toEqual([[SITE.origin, session.sessionId]]));
    expect(settled).toBe(false);
    answerCheck(true);
    const signed = (await signing) as { result: { signature: string } };
    expect(verifyStamp(signed.result.signature, payment(1))).toBe(true);
    // The method read the session the router had started reading: once in all.
    expect(reads).toHaveLength(1);
  });

  it('answers 4100 to a page that is not connected, whatever session it names; its early reads look only under its own origin', async () => {
    const bg = await connected();
    const session = await openSession(bg);
    const reads = watchSessionReads();
    const named = { sessionId: session.sessionId, payloadToSign: payment(1) };
    for (const params of [named, { ...named, payloadToSign: 42 }]) {
      expect(await call(bg, 'grid_signPayload', params, OTHER)).toMatchObject({ error: { code: 4100 } });
    }
    // The valid request started its read (ReadCache keeps no miss); the invalid one read nothing.
    await vi.waitFor(() => expect(reads).toEqual([[OTHER.origin, session.sessionId]]));
    expect(bg.window.shown).toBe(0);
  });

  it('never signs an export or a credential removal under a grant', async () => {
    const bg = await connected();
    const session = await openSession(bg);
    await bg.ctx.connections.grantSigning(SITE.origin, 'payments', 60 * 60_000);
    // An export is signed only to an export key this extension made for the site; one to any other key is refused outright.
    const exportKey = (await call(bg, 'grid_createExportKey')) as { result: { publicKey: string } };
    const exportTo = (target: string) =>
      `{"organizationId":"org_1","parameters":{"targetPublicKey":"${target}","walletId":"w"},"timestampMs":"1","type":"ACTIVITY_TYPE_EXPORT_WALLET"}`;
    const foreign = await call(bg, 'grid_signPayload', {
      sessionId: session.sessionId,
      payloadToSign: exportTo(`04${'ab'.repeat(64)}`),
    });
    expect(foreign).toEqual({ error: expect.objectContaining({ code: -32602, data: { field: 'params.payloadToSign' } }) });
    const risky = exportTo(exportKey.result.publicKey);
    expect(await call(bg, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: risky })).toEqual({ pending: true });
    await bg.ctx.connections.revokeSigningGrant(SITE.origin);
    // Approving it with "don't ask again" grants nothing either.
    await approveNext(bg, { kind: 'sign', grantMinutes: 60 });
    expect(await bg.ctx.connections.signingGrant(SITE.origin)).toBeUndefined();
  });

  it('refuses (4100, no prompt) a session or key for a key it does not hold; a refresh to its own client key goes under the grant', async () => {
    const bg = await connected();
    const session = await openSession(bg);
    const spare = (await call(bg, 'grid_createClientKey')) as { result: { compressedPublicKey: string } };
    await bg.ctx.connections.grantSigning(SITE.origin, 'payments', 60 * 60_000);
    const foreign = bytesToHex(publicKeyFromScalar(randomScalar(), true)); // a key the page made
    expect(await call(bg, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: refreshTo(foreign) })).toEqual({
      error: expect.objectContaining({
        code: 4100,
        message: expect.stringMatching(/key of its own/),
        data: { field: 'params.payloadToSign', reason: 'key_not_held' },
      }),
    });
    expect(await bg.ctx.approvals.list()).toEqual([]);
    expect(
      await call(bg, 'grid_signPayload', {
        sessionId: session.sessionId,
        payloadToSign: refreshTo(spare.result.compressedPublicKey),
      }),
    ).toHaveProperty('result');
    // Another origin's client key is not ours for this origin.
    await bg.ctx.connections.connect(OTHER.origin);
    const theirs = (await call(bg, 'grid_createClientKey', undefined, OTHER)) as { result: { compressedPublicKey: string } };
    expect(
      await call(bg, 'grid_signPayload', {
        sessionId: session.sessionId,
        payloadToSign: refreshTo(theirs.result.compressedPublicKey),
      }),
    ).toMatchObject({ error: { code: 4100 } });
  });

  it('never covers a sign-out, and approving one with "don\'t ask again" grants nothing', async () => {
    const bg = await connected();
    const session = await openSession(bg);
    const signOut = `{"organizationId":"org_1","parameters":{"apiKeyIds":["${session.sessionId}"],"userId":"u"},"timestampMs":"1","type":"ACTIVITY_TYPE_DELETE_API_KEYS"}`;
    await bg.ctx.connections.grantSigning(SITE.origin, 'payments', 60 * 60_000);
    expect(await call(bg, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: signOut })).toEqual({ pending: true });
    await bg.ctx.connections.revokeSigningGrant(SITE.origin);
    await approveNext(bg, { kind: 'sign', grantMinutes: 60 });
    expect(await bg.ctx.connections.signingGrant(SITE.origin)).toBeUndefined();
  });

  it('reads a grant stored before grants had a scope as payments only, until it runs out', () => {
    const stored = { origin: SITE.origin, connectedAt: 0, signingGrantUntil: 10 };
    expect(activeGrant(stored, 9)).toEqual({ until: 10, scope: 'payments' });
    expect(activeGrant(stored, 10)).toBeUndefined();
  });

  it('caps a signing grant at one hour', async () => {
    const bg = await connected();
    const until = await bg.ctx.connections.grantSigning(SITE.origin, 'payments', 24 * 60 * 60_000);
    expect(until - bg.clock.time).toBe(60 * 60_000);
  });

  it('keeps every id of one origin invisible to another', async () => {
    const bg = await connected();
    await bg.ctx.connections.connect(OTHER.origin);
    const key = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
    const spare = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
    const expiresAt = new Date(bg.clock.time + 900_000).toISOString();
    const opened = (await call(bg, 'grid_openSession', { clientKeyId: key.result.clientKeyId, accountId: ACCOUNT, expiresAt })) as {
      result: { sessionId: string };
    };
    expect(await call(bg, 'grid_listSessions', {}, OTHER)).toEqual({ result: [] });
    for (const [method, params] of [
      ['grid_signPayload', { sessionId: opened.result.sessionId, payloadToSign: 'x' }],
      ['grid_endSession', { sessionId: opened.result.sessionId }],
      ['grid_openSession', { clientKeyId: spare.result.clientKeyId, accountId: ACCOUNT, expiresAt }],
    ] as const) {
      expect(await call(bg, method, params, OTHER)).toEqual({
        error: expect.objectContaining({ code: 4404, data: { reason: 'not_found' } }),
      });
    }
    expect(((await call(bg, 'grid_listSessions')) as { result: unknown[] }).result).toHaveLength(1);
  });

  it('expires sessions exactly at expiresAt and sweeps them', async () => {
    const bg = await connected();
    const key = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
    const expiresAt = bg.clock.time + 60_000;
    const opened = (await call(bg, 'grid_openSession', {
      clientKeyId: key.result.clientKeyId,
      accountId: ACCOUNT,
      expiresAt: new Date(expiresAt).toISOString(),
    })) as {
      result: { sessionId: string };
    };
    await bg.ctx.connections.grantSigning(SITE.origin, 'payments', 60 * 60_000);
    bg.clock.time = expiresAt - 1;
    expect(await call(bg, 'grid_signPayload', { sessionId: opened.result.sessionId, payloadToSign: payment(1) })).toHaveProperty('result');
    bg.clock.time = expiresAt;
    const expired = { error: expect.objectContaining({ code: 4404, data: { reason: 'expired' } }) };
    expect(await call(bg, 'grid_signPayload', { sessionId: opened.result.sessionId, payloadToSign: payment(1) })).toEqual(expired);
    // Still "expired", not "not_found", once the record is gone: on the next call, and after a sweep.
    expect(await call(bg, 'grid_signPayload', { sessionId: opened.result.sessionId, payloadToSign: payment(1) })).toEqual(expired);
    const other = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
    const swept = (await call(bg, 'grid_openSession', {
      clientKeyId: other.result.clientKeyId,
      accountId: ACCOUNT,
      expiresAt: new Date(bg.clock.time + 60_000).toISOString(),
    })) as { result: { sessionId: string } };
    bg.clock.advance(60_000);
    await sweepExpired(bg.ctx);
    expect(await call(bg, 'grid_endSession', { sessionId: swept.result.sessionId })).toEqual(expired);
    // Another site asking for the same ids learns nothing: they are unknown to it.
    await bg.ctx.connections.connect(OTHER.origin);
    expect(await call(bg, 'grid_signPayload', { sessionId: opened.result.sessionId, payloadToSign: payment(1) }, OTHER)).toEqual({
      error: expect.objectContaining({ code: 4404, data: { reason: 'not_found' } }),
    });
  });

  it('leaves the client key usable when a bundle fails to open (4422)', async () => {
    const bg = await connected();
    const key = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
    const params = { clientKeyId: key.result.clientKeyId, accountId: ACCOUNT, expiresAt: new Date(bg.clock.time + 900_000).toISOString() };
    // A valid base58check string that is not a bundle for this key.
    expect(await call(bg, 'grid_openSession', { ...params, encryptedSessionSigningKey: '3yZe7d' })).toMatchObject({
      error: { code: 4422 },
    });
    expect(await call(bg, 'grid_openSession', params)).toHaveProperty('result');
  });

  it('lets a client key sign its verification token once without a prompt, only after its OTP was entered, never refilled', async () => {
    const bg = await connected();
    const key = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
    const sign = (payloadToSign: string) => call(bg, 'grid_signPayload', { clientKeyId: key.result.clientKeyId, payloadToSign });
    expect(await sign(JWT)).toEqual({ pending: true });
    await bg.ctx.approvals.rejectAll();
    await bg.ctx.clientKeys.markOtpCompleted(SITE.origin, key.result.clientKeyId);
    // Not for anything but the token: these ask, and leave the allowance unspent.
    const exportKey = (await call(bg, 'grid_createExportKey')) as { result: { publicKey: string } };
    const exportWallet = JSON.stringify({
      organizationId: 'o',
      parameters: { targetPublicKey: exportKey.result.publicKey, walletId: 'w' },
      timestampMs: '1',
      type: 'ACTIVITY_TYPE_EXPORT_WALLET',
    });
    for (const payload of [exportWallet, payment(1), 'header.claims.sig']) expect(await sign(payload), payload).toEqual({ pending: true });
    await bg.ctx.approvals.rejectAll();
    expect(await sign(JWT)).toHaveProperty('result');
    expect(await sign(JWT)).toEqual({ pending: true });
    await bg.ctx.approvals.rejectAll();
    // A second OTP for the same key does not refill.
    await bg.ctx.clientKeys.markOtpCompleted(SITE.origin, key.result.clientKeyId);
    expect(await sign(JWT)).toEqual({ pending: true });
    // An unspent allowance lapses five minutes after the OTP.
    const late = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
    await bg.ctx.clientKeys.markOtpCompleted(SITE.origin, late.result.clientKeyId);
    bg.clock.advance(5 * 60_000 + 1);
    expect(await call(bg, 'grid_signPayload', { clientKeyId: late.result.clientKeyId, payloadToSign: JWT })).toEqual({ pending: true });
  });

  it('hides internal failures behind a generic -32603', async () => {
    const bg = await connected();
    bg.ctx.clientKeys.create = async () => {
      throw new Error('secret d=deadbeef');
    };
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await call(bg, 'grid_createClientKey');
    expect(reply).toEqual({ error: { code: -32603, message: 'Internal error in the wallet extension' } });
    expect(log).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(log.mock.calls)).not.toContain('deadbeef');
    log.mockRestore();
  });

  it('forgets everything of an origin on disconnect and tells its tabs', async () => {
    const bg = await connected();
    const key = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
    await call(bg, 'grid_openSession', {
      clientKeyId: key.result.clientKeyId,
      accountId: ACCOUNT,
      expiresAt: new Date(bg.clock.time + 900_000).toISOString(),
    });
    expect(await call(bg, 'wallet_disconnect')).toEqual({ result: null });
    expect(await call(bg, 'wallet_status')).toEqual({ result: { connected: false, version: '1.0.0' } });
    expect(await bg.ctx.sessions.listAll()).toEqual([]);
    expect(bg.pushed).toContainEqual({ kind: 'page-event', origin: SITE.origin, event: 'disconnected', data: {} });
  });
});
