import { compressedPublicKeyOf, sealSessionKey, verifyGridStamp } from '../test-support/independent.ts';
import { expect, test, walletCall } from './support/extension.ts';
import {
  ACCOUNT_ID,
  answerApproval,
  callWithApproval,
  connect,
  expectError,
  inMinutes,
  openSealedSession,
  resultOf,
} from './support/wallet.ts';

/**
 * The extension's core journey: a localhost page connects, makes a client key, opens a legacy
 * session from a bundle an independent implementation sealed to it, and gets a
 * stamp an independent verifier accepts; other origins see and use nothing.
 */

const PAYLOAD =
  '{"organizationId":"org_1","parameters":{"apiKeyIds":["k1"],"userId":"user_1"},"timestampMs":"1746736509954","type":"ACTIVITY_TYPE_DELETE_API_KEYS"}';

test('legacy session: connect, client key, open bundle, approved stamp verifies independently', async ({ extension, page, site }) => {
  await connect(extension, page);
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  expect(clientKey.publicKey).toMatch(/^04[0-9a-f]{128}$/);
  expect(clientKey.compressedPublicKey).toMatch(/^0[23][0-9a-f]{64}$/);
  expect(clientKey.compressedPublicKey.slice(2)).toBe(clientKey.publicKey.slice(2, 66));

  const { grid, session } = await openSealedSession(page, clientKey, {
    sessionId: 'Session:019542f5-b3e7-1d02-0000-000000000003',
    type: 'EMAIL_OTP',
    nickname: 'ada@example.com',
  });
  expect(session).toMatchObject({
    sessionId: 'Session:019542f5-b3e7-1d02-0000-000000000003',
    accountId: ACCOUNT_ID,
    publicKey: grid.publicKeyHex,
  });

  const signed = resultOf(
    await callWithApproval(extension, page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYLOAD }),
  );
  expect(signed.publicKey).toBe(compressedPublicKeyOf(grid.privateKeyHex));
  expect((await verifyGridStamp(signed.signature, PAYLOAD)).publicKey).toBe(grid.publicKeyHex);
  await expect(verifyGridStamp(signed.signature, PAYLOAD.replace('k1', 'k2'))).rejects.toThrow();

  // The client key was spent by opening the session.
  const reused = expectError(
    await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(15) }),
    4404,
  );
  expect(reused.data).toEqual({ reason: 'used' });
  expect(resultOf(await walletCall(page, 'wallet_status'))).toMatchObject({ connected: true, sessions: [session] });
  expect(site.origin).toContain('localhost');
});

test('client-held session: the client key becomes the session key', async ({ extension, page }) => {
  await connect(extension, page);
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const session = resultOf(
    await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(15) }),
  );
  expect(session.publicKey).toBe(clientKey.compressedPublicKey);
  expect(session.sessionId).toMatch(/^local_/);
  const signed = resultOf(
    await callWithApproval(extension, page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: 'exact bytes \u00e9 ' }),
  );
  expect((await verifyGridStamp(signed.signature, 'exact bytes \u00e9 ')).publicKey).toBe(clientKey.compressedPublicKey);
});

test('another origin can neither see nor use a session', async ({ extension, page, site }) => {
  await connect(extension, page);
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const spare = resultOf(await walletCall(page, 'grid_createClientKey'));
  const session = resultOf(
    await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(15) }),
  );

  const other = await extension.context.newPage();
  await other.goto(`${site.otherOrigin}/blank.html`);
  await other.waitForFunction(() => 'gridWallet' in window);
  expect(resultOf(await walletCall(other, 'wallet_status'))).toEqual({ connected: false, version: '1.0.0' });
  expectError(await walletCall(other, 'grid_listSessions'), 4100);
  expectError(await walletCall(other, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: 'x' }), 4100);

  await connect(extension, other);
  expect(resultOf(await walletCall(other, 'grid_listSessions'))).toEqual([]);
  for (const reply of [
    await walletCall(other, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: 'x' }),
    await walletCall(other, 'grid_endSession', { sessionId: session.sessionId }),
    await walletCall(other, 'grid_openSession', { clientKeyId: spare.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(15) }),
    await walletCall(other, 'grid_signPayload', { clientKeyId: spare.clientKeyId, payloadToSign: 'x' }),
  ]) {
    expect(expectError(reply, 4404).data).toEqual({ reason: 'not_found' });
  }
  // The first origin still has everything.
  expect(resultOf(await walletCall(page, 'grid_listSessions'))).toEqual([session]);
  await other.close();
});

test('a session still signs after the service worker is stopped', async ({ extension, page }) => {
  await connect(extension, page);
  const { grid, session } = await openSealedSession(page, resultOf(await walletCall(page, 'grid_createClientKey')));
  await extension.stopServiceWorker();
  const signed = resultOf(
    await callWithApproval(extension, page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYLOAD }),
  );
  expect((await verifyGridStamp(signed.signature, PAYLOAD)).publicKey).toBe(grid.publicKeyHex);
});

test('a restarted worker loads the curve script only when a key is made, from the copy it kept at install', async ({ extension, page }) => {
  await connect(extension, page);
  const curveLoaded = async () => (await extension.serviceWorker()).evaluate(() => 'gridWalletCurve' in globalThis);
  const first = resultOf(await walletCall(page, 'grid_createClientKey'));
  await extension.stopServiceWorker();
  // Woken by a request that needs no curve code: the new worker has not loaded it.
  expect(resultOf(await walletCall(page, 'grid_listSessions'))).toEqual([]);
  expect(await curveLoaded()).toBe(false);
  // A key and a sealed bundle need it: importScripts() after install answers only with a script kept at install.
  const second = resultOf(await walletCall(page, 'grid_createClientKey'));
  expect(second.clientKeyId).not.toBe(first.clientKeyId);
  expect(await curveLoaded()).toBe(true);
  const { grid, session } = await openSealedSession(page, second);
  expect(session.publicKey).toBe(grid.publicKeyHex);
  // The curve code's errors are the worker's own: a bundle sealed to another key is named as one that did not open.
  await extension.stopServiceWorker();
  const stranger = sealSessionKey(second.publicKey);
  const refused = await walletCall(page, 'grid_openSession', {
    clientKeyId: first.clientKeyId,
    accountId: ACCOUNT_ID,
    expiresAt: inMinutes(15),
    encryptedSessionSigningKey: stranger.bundle,
  });
  expect(expectError(refused, 4422).data).toEqual({ field: 'encryptedSessionSigningKey' });
});

test('an expired session answers 4404 and disappears', async ({ extension, page }) => {
  await connect(extension, page);
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const expiresAt = new Date(Date.now() + 5_000).toISOString();
  const session = resultOf(
    await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt }),
  );
  // Listed while live (it may not be if this machine took 5 s to get here; the rest still holds).
  if (Date.now() < Date.parse(expiresAt) - 1_000) expect(resultOf(await walletCall(page, 'grid_listSessions'))).toHaveLength(1);
  await expect.poll(() => Date.now(), { timeout: 10_000 }).toBeGreaterThan(Date.parse(expiresAt));
  const error = expectError(await walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: 'late' }), 4404);
  expect(['expired', 'not_found']).toContain(error.data.reason);
  expect(resultOf(await walletCall(page, 'grid_listSessions'))).toEqual([]);
});

test.describe('error codes', () => {
  test('4100 before connecting, 4200 for unknown methods connected or not', async ({ extension, page }) => {
    expectError(await walletCall(page, 'grid_createClientKey'), 4100);
    expectError(await walletCall(page, 'eth_requestAccounts'), 4200);
    await connect(extension, page);
    expectError(await walletCall(page, 'wallet_unknown'), 4200);
    expectError(await walletCall(page, 'toString'), 4200);
  });

  test('4001 when the user rejects, -32002 for a duplicate while one waits', async ({ extension, page }) => {
    const first = walletCall(page, 'wallet_connect');
    await extension.approvalWindow();
    expectError(await walletCall(page, 'wallet_connect'), -32002);
    await answerApproval(extension, 'Reject');
    expectError(await first, 4001);
    expect(resultOf(await walletCall(page, 'wallet_status')).connected).toBe(false);
  });

  test('-32602 names the field and the reason', async ({ extension, page }) => {
    await connect(extension, page);
    const cases: Array<[string, unknown, string]> = [
      ['grid_openSession', { clientKeyId: 'ck_x', accountId: 'acct', expiresAt: inMinutes(1) }, 'params.accountId'],
      ['grid_openSession', { clientKeyId: 'ck_x', accountId: ACCOUNT_ID, expiresAt: 'tomorrow' }, 'params.expiresAt'],
      ['grid_openSession', { clientKeyId: 'ck_x', accountId: ACCOUNT_ID, expiresAt: '2020-01-01T00:00:00Z' }, 'params.expiresAt'],
      ['grid_signPayload', { payloadToSign: 'x' }, 'params.sessionId'],
      ['grid_signPayload', { sessionId: 's', clientKeyId: 'c', payloadToSign: 'x' }, 'params.sessionId'],
      ['grid_signPayload', { sessionId: 's', payloadToSign: 'x'.repeat(64 * 1024 + 1) }, 'params.payloadToSign'],
      ['grid_signPayload', { sessionId: 's', payloadToSign: 42 }, 'params.payloadToSign'],
      ['grid_endSession', {}, 'params.sessionId'],
      ['grid_endSession', 'nope', 'params'],
      ['grid_collectOtp', { credentialId: 'AuthMethod:1', otpEncryptionTargetBundle: '{}' }, 'params.clientKeyId'],
    ];
    for (const [method, params, field] of cases) {
      const error = expectError(await walletCall(page, method, params), -32602);
      expect(error.message, method).toContain(field);
      expect(error.data?.field, method).toBe(field);
    }
  });

  test('4422 when a bundle does not open with the client key, and the key survives', async ({ extension, page }) => {
    await connect(extension, page);
    const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
    const strangerKey = resultOf(await walletCall(page, 'grid_createClientKey'));
    const sealedToOther = sealSessionKey(strangerKey.publicKey).bundle;
    const base = { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(15) };
    expectError(await walletCall(page, 'grid_openSession', { ...base, encryptedSessionSigningKey: sealedToOther }), 4422);
    const tampered = sealSessionKey(clientKey.publicKey).bundle;
    const flipped = tampered.slice(0, 40) + (tampered[40] === 'a' ? 'b' : 'a') + tampered.slice(41);
    expectError(await walletCall(page, 'grid_openSession', { ...base, encryptedSessionSigningKey: flipped }), 4422);
    // Nothing was spent or stored: the right bundle still opens with the same key.
    const good = sealSessionKey(clientKey.publicKey);
    const session = resultOf(await walletCall(page, 'grid_openSession', { ...base, encryptedSessionSigningKey: good.bundle }));
    expect(session.publicKey).toBe(good.publicKeyHex);
  });

  test('4408 when nobody answers the prompt in time', async ({ extension, page }) => {
    const worker = await extension.serviceWorker();
    await worker.evaluate(() => chrome.storage.local.set({ approvalTimeoutMs: 1500 }));
    try {
      expectError(await walletCall(page, 'wallet_connect'), 4408);
    } finally {
      await worker.evaluate(() => chrome.storage.local.remove('approvalTimeoutMs'));
    }
  });
});
