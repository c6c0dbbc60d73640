import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Reply, TestServer } from './http.ts';
import { encryptOtp, newClientKey, openSessionKey, stamp, type ClientKey } from './turnkeyClient.ts';
import type { SoftwareAuthenticator } from './softwareAuthenticator.ts';

/**
 * Whole client flows the tests reuse (sign in with each credential type, run a
 * signed retry), written the way an integrator's backend + the extension would
 * drive them, each step asserted.
 */

export interface TestAccount {
  readonly accountId: string;
  readonly customerId: string;
  /** The EMAIL_OTP credential every provisioned account starts with. */
  readonly emailCredentialId: string;
  readonly email: string;
  readonly phoneNumber: string;
}

export interface SignedIn {
  readonly session: any;
  /** The key that signs for this session. */
  readonly key: ClientKey;
}

/** `scaRequired`: the customer's payments need a Strong Customer Authentication code (Grid's EU customers). */
export async function newAccount(t: TestServer, options: { scaRequired?: boolean } = {}): Promise<TestAccount> {
  const email = `user-${randomUUID()}@example.com`;
  const phoneNumber = `+6427${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const reply = await t.admin('POST', '/accounts', { email, phoneNumber, ...options });
  expect(reply.status).toBe(201);
  return {
    accountId: reply.body.account.id,
    customerId: reply.body.customer.id,
    emailCredentialId: reply.body.credential.id,
    email,
    phoneNumber,
  };
}

export async function latestCode(t: TestServer, to: string): Promise<string> {
  const reply = await t.admin('GET', `/outbox?to=${encodeURIComponent(to)}`);
  expect(reply.status).toBe(200);
  expect(reply.body.data.length).toBeGreaterThan(0);
  return reply.body.data[0].code;
}

export async function enclaveKey(t: TestServer): Promise<string> {
  return (await t.admin('GET', '/enclave')).body.enclaveQuorumPublic;
}

/** The seed flow (legacy, removed from Grid; needs an emulator with legacyPlaintextOtp): plaintext code + uncompressed client key → sealed session key. */
export async function signInWithSeedOtp(t: TestServer, credentialId: string, to: string): Promise<SignedIn> {
  expect((await t.grid('POST', `/auth/credentials/${credentialId}/challenge`)).status).toBe(200);
  const clientKey = newClientKey();
  const reply = await t.grid('POST', `/auth/credentials/${credentialId}/verify`, {
    type: 'EMAIL_OTP',
    otp: await latestCode(t, to),
    clientPublicKey: clientKey.publicKeyUncompressed,
  });
  expect(reply.status).toBe(200);
  return { session: reply.body, key: openSessionKey(reply.body.encryptedSessionSigningKey, clientKey) };
}

/** Leg 1 without headers (expects 202), then the same request stamped by `key`. */
export async function signedCall(
  t: TestServer,
  method: string,
  path: string,
  body: unknown,
  key: ClientKey,
): Promise<{ challenge: Reply; result: Reply }> {
  const challenge = await t.grid(method, path, body);
  expect(challenge.status, JSON.stringify(challenge.body)).toBe(202);
  const result = await t.grid(method, path, body, {
    'Grid-Wallet-Signature': await stamp(challenge.body.payloadToSign, key),
    'Request-Id': challenge.body.requestId,
  });
  return { challenge, result };
}

/** The current OTP flow: encrypted code bound to a fresh key, then the verification token stamped by it. */
export async function signInWithEncryptedOtp(
  t: TestServer,
  credential: { id: string; type: 'EMAIL_OTP' | 'SMS_OTP'; to: string },
  boundKeyForm: 'compressed' | 'uncompressed' = 'compressed',
): Promise<SignedIn> {
  const challenge = await t.grid('POST', `/auth/credentials/${credential.id}/challenge`, {});
  expect(challenge.status).toBe(200);
  const key = newClientKey();
  const bound = boundKeyForm === 'compressed' ? key.publicKey : key.publicKeyUncompressed;
  const body = {
    type: credential.type,
    encryptedOtpBundle: await encryptOtp(
      await latestCode(t, credential.to),
      challenge.body.otpEncryptionTargetBundle,
      bound,
      await enclaveKey(t),
    ),
  };
  const { result } = await signedCall(t, 'POST', `/auth/credentials/${credential.id}/verify`, body, key);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return { session: result.body, key };
}

/** A session for the account's EMAIL_OTP credential, through the current (encrypted) flow with a client-held key. */
export function signIn(t: TestServer, account: TestAccount): Promise<SignedIn> {
  return signInWithEncryptedOtp(t, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email });
}

/** Adds a passkey (a 32-byte backend-issued registration challenge), stamped by `signer`. */
export async function addPasskey(
  t: TestServer,
  accountId: string,
  signer: ClientKey,
  authenticator: SoftwareAuthenticator,
): Promise<Reply> {
  const challenge = randomBytes(32).toString('base64url');
  const attestation = authenticator.register(Buffer.from(challenge, 'base64url'));
  const body = { type: 'PASSKEY', accountId, nickname: 'Test passkey', challenge, attestation };
  return (await signedCall(t, 'POST', '/auth/credentials', body, signer)).result;
}

/** /challenge with a client key, the authenticator signs UTF-8(challenge hex), /verify with Request-Id. */
export async function signInWithPasskey(
  t: TestServer,
  credentialId: string,
  authenticator: SoftwareAuthenticator,
  keyForm: 'compressed' | 'uncompressed',
): Promise<SignedIn> {
  const clientKey = newClientKey();
  const challenge = await t.grid('POST', `/auth/credentials/${credentialId}/challenge`, {
    clientPublicKey: keyForm === 'compressed' ? clientKey.publicKey : clientKey.publicKeyUncompressed,
  });
  expect(challenge.status, JSON.stringify(challenge.body)).toBe(200);
  const reply = await t.grid(
    'POST',
    `/auth/credentials/${credentialId}/verify`,
    { type: 'PASSKEY', assertion: authenticator.assert(Buffer.from(challenge.body.challenge, 'utf8')) },
    { 'Request-Id': challenge.body.requestId },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const key = keyForm === 'compressed' ? clientKey : openSessionKey(reply.body.encryptedSessionSigningKey, clientKey);
  return { session: reply.body, key };
}
