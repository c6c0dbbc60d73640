import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { decryptExportBundle } from '@turnkey/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enclaveKey, newAccount, signedCall, signInWithEncryptedOtp, type TestAccount } from './testkit/flows.ts';
import { startEmulator, type TestServer } from './testkit/http.ts';
import { newClientKey, stamp } from './testkit/turnkeyClient.ts';

/** POST /internal-accounts/{id}/export and PATCH /internal-accounts/{id}, checked with Turnkey's own client code. */
let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

async function signedIn(): Promise<{ account: TestAccount; key: ReturnType<typeof newClientKey> }> {
  const account = await newAccount(t);
  const { key } = await signInWithEncryptedOtp(t, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email });
  return { account, key };
}

describe('wallet export', () => {
  it('binds the export key into ACTIVITY_TYPE_EXPORT_WALLET and returns the mnemonic sealed to it, signed by the enclave', async () => {
    const { account, key } = await signedIn();
    const exportKey = newClientKey();
    const path = `/internal-accounts/${account.accountId}/export`;
    const { challenge, result } = await signedCall(t, 'POST', path, { clientPublicKey: exportKey.publicKeyUncompressed }, key);
    expect(Object.keys(challenge.body).sort()).toEqual(['expiresAt', 'payloadToSign', 'requestId']);
    const payload = JSON.parse(challenge.body.payloadToSign);
    expect(payload).toMatchObject({
      type: 'ACTIVITY_TYPE_EXPORT_WALLET',
      parameters: { targetPublicKey: exportKey.publicKeyUncompressed, walletId: expect.stringMatching(/^wallet_/) },
    });

    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(Object.keys(result.body).sort()).toEqual(['encryptedWalletCredentials', 'id']);
    expect(result.body.id).toBe(account.accountId);
    const mnemonic = await decryptExportBundle({
      exportBundle: result.body.encryptedWalletCredentials,
      embeddedKey: exportKey.privateKey,
      organizationId: payload.organizationId,
      returnMnemonic: true,
      dangerouslyOverrideSignerPublicKey: await enclaveKey(t),
    });
    expect(validateMnemonic(mnemonic, wordlist)).toBe(true);
    const record = await t.admin('GET', `/accounts/${account.accountId}/wallet`);
    expect(record.body).toEqual({ walletId: payload.parameters.walletId, mnemonic });
  });

  it('each wallet has its own phrase', async () => {
    const [a, b] = [await newAccount(t), await newAccount(t)];
    const [wa, wb] = [await t.admin('GET', `/accounts/${a.accountId}/wallet`), await t.admin('GET', `/accounts/${b.accountId}/wallet`)];
    expect(wa.body.mnemonic).not.toBe(wb.body.mnemonic);
    expect(wa.body.mnemonic.split(' ')).toHaveLength(12);
  });

  it('refuses a retry whose clientPublicKey differs from the one bound on leg 1 (401), and a compressed key (400)', async () => {
    const { account, key } = await signedIn();
    const path = `/internal-accounts/${account.accountId}/export`;
    const leg1 = await t.grid('POST', path, { clientPublicKey: newClientKey().publicKeyUncompressed });
    const swapped = { clientPublicKey: newClientKey().publicKeyUncompressed };
    const retry = await t.grid('POST', path, swapped, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, key),
      'Request-Id': leg1.body.requestId,
    });
    expect(retry.status).toBe(401);
    const compressed = await t.grid('POST', path, { clientPublicKey: newClientKey().publicKey });
    expect(compressed.status).toBe(400);
    expect(compressed.body.message).toMatch(/^clientPublicKey: /);
  });

  it('refuses a stamp by a session of another account (401) and an unknown account (404)', async () => {
    const { account } = await signedIn();
    const stranger = await signedIn();
    const body = { clientPublicKey: newClientKey().publicKeyUncompressed };
    const { result } = await signedCall(t, 'POST', `/internal-accounts/${account.accountId}/export`, body, stranger.key);
    expect(result.status).toBe(401);
    const unknown = await t.grid('POST', '/internal-accounts/InternalAccount:00000000-0000-4000-8000-000000000000/export', body);
    expect(unknown.status).toBe(404);
  });
});

describe('PATCH /internal-accounts/{id} (wallet privacy)', () => {
  it('is a signed raw-payload retry that returns the updated InternalAccount', async () => {
    const { account, key } = await signedIn();
    const { challenge, result } = await signedCall(t, 'PATCH', `/internal-accounts/${account.accountId}`, { privateEnabled: true }, key);
    expect(JSON.parse(challenge.body.payloadToSign)).toMatchObject({
      type: 'ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2',
      parameters: {
        encoding: 'PAYLOAD_ENCODING_HEXADECIMAL',
        hashFunction: 'HASH_FUNCTION_NO_OP',
        payload: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ id: account.accountId, type: 'EMBEDDED_WALLET', status: 'ACTIVE', privateEnabled: true });
  });

  it('refuses a retry that changes the value (401) and a body without a field (400)', async () => {
    const { account, key } = await signedIn();
    const path = `/internal-accounts/${account.accountId}`;
    const leg1 = await t.grid('PATCH', path, { privateEnabled: true });
    const retry = await t.grid(
      'PATCH',
      path,
      { privateEnabled: false },
      { 'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, key), 'Request-Id': leg1.body.requestId },
    );
    expect(retry.status).toBe(401);
    const empty = await t.grid('PATCH', path, {});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/^privateEnabled: /);
  });
});
