import { verifyGridStamp } from '../test-support/independent.ts';
import { expect, test, walletCall } from './support/extension.ts';
import { dumpStores, encodingsOf } from './support/storeDump.ts';
import { ACCOUNT_ID, callWithApproval, connect, inMinutes, openSealedSession, resultOf } from './support/wallet.ts';

/**
 * After a full flow, nothing the extension persists holds a usable secret:
 * every private key is a non-extractable CryptoKey that refuses to export, and
 * the session private key Grid sealed (known to this test) appears nowhere.
 */
test('every persisted key is non-extractable and no known private key bytes are stored', async ({ extension, page }) => {
  await connect(extension, page);
  const legacyKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const { grid, session: legacy } = await openSealedSession(page, legacyKey);
  const heldKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  resultOf(
    await walletCall(page, 'grid_openSession', { clientKeyId: heldKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(15) }),
  );
  resultOf(await walletCall(page, 'grid_createClientKey')); // one left unused
  const signed = resultOf(
    await callWithApproval(extension, page, 'grid_signPayload', { sessionId: legacy.sessionId, payloadToSign: 'dump test' }),
  );
  await verifyGridStamp(signed.signature, 'dump test');

  const dump = await dumpStores(extension);
  const privateKeys = dump.keys.filter((k) => k.type === 'private');
  // Two sessions (one signing key each) and one live client key (signing + agreement); used keys keep no material.
  expect(privateKeys.length).toBeGreaterThanOrEqual(4);
  for (const key of privateKeys) {
    expect(key, key.where).toMatchObject({ extractable: false, exportRefused: true });
  }
  for (const encoding of encodingsOf(grid.privateKeyHex)) {
    expect(dump.text.includes(encoding), `session private key found as ${encoding.slice(0, 12)}…`).toBe(false);
  }
  // The dump is real: it does contain what was stored in the clear.
  expect(dump.text).toContain(legacy.sessionId);
  expect(dump.text).toContain(grid.publicKeyHex);
});
