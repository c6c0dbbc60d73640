import { utf8 } from '../core/bytes.ts';
import { bytesToHex } from '../core/hex.ts';
import type { CredentialType, MethodParams, SessionInfo } from '../protocol/index.ts';
import type { GridWallet } from './GridWallet.ts';
import {
  type AuthMethod,
  type AuthSession,
  type GridRequest,
  type GridTransport,
  isSignedRequestChallenge,
  type PasskeyAuthChallenge,
  paths,
  send,
  type SignedRequestChallenge,
} from './gridApi.ts';

/**
 * High-level flows: the integrator's page drives Grid through its backend
 * (`transport`), the extension holds the keys and the user's consent.
 */

/** Stores a Grid AuthSession in the extension, keyed by the client key it was issued to. */
function openSession(wallet: GridWallet, clientKeyId: string, session: AuthSession, encrypted?: string): Promise<SessionInfo> {
  return wallet.openSession({
    clientKeyId,
    accountId: session.accountId,
    expiresAt: session.expiresAt,
    sessionId: session.id,
    type: session.type,
    nickname: session.nickname,
    ...(session.credentialId !== undefined && { credentialId: session.credentialId }),
    ...(encrypted !== undefined && { encryptedSessionSigningKey: encrypted }),
  });
}

/**
 * Grid's signed-retry pattern: send; if Grid answers 202 with a `payloadToSign`,
 * have the extension stamp it with `signer` and send the same request again
 * with `Grid-Wallet-Signature` and `Request-Id`.
 */
export async function withSignedRetry<T>(
  wallet: GridWallet,
  transport: GridTransport,
  request: GridRequest,
  signer: { sessionId: string } | { clientKeyId: string },
  summary?: string,
): Promise<T> {
  const first = await send<T | SignedRequestChallenge>(transport, request);
  if (first.status !== 202 || !isSignedRequestChallenge(first.body)) return first.body as T;
  const { payloadToSign } = first.body;
  const extra = summary === undefined ? {} : { summary };
  const { signature } = await wallet.signPayload(
    'sessionId' in signer ? { sessionId: signer.sessionId, payloadToSign, ...extra } : { clientKeyId: signer.clientKeyId, payloadToSign, ...extra },
  );
  const headers = { ...request.headers, 'Grid-Wallet-Signature': signature, 'Request-Id': first.body.requestId };
  return (await send<T>(transport, { ...request, headers })).body;
}

export interface EmailOtpSignIn {
  /** The EMAIL_OTP (or SMS_OTP) credential's id, `AuthMethod:<uuid>`. */
  credentialId: string;
  /** Shown (masked) in the prompt, e.g. the email on file. */
  destination?: string;
  type?: Extract<CredentialType, 'EMAIL_OTP' | 'SMS_OTP'>;
}

/**
 * Current Grid OTP flow: the code is typed in the extension and sealed to the
 * enclave there; the client key signs the verification token once and becomes
 * the session key. Asking for a new code ("Resend code") restarts the challenge.
 */
export async function signInWithOtp(wallet: GridWallet, transport: GridTransport, options: EmailOtpSignIn): Promise<SessionInfo> {
  const type = options.type ?? 'EMAIL_OTP';
  const clientKey = await wallet.createClientKey();
  for (;;) {
    const challenge = (await send<AuthMethod>(transport, { method: 'POST', path: paths.challenge(options.credentialId), body: {} })).body;
    if (!challenge.otpEncryptionTargetBundle) throw new Error('Grid did not return an otpEncryptionTargetBundle');
    const answer = await wallet.collectOtp({
      credentialId: options.credentialId,
      channel: type === 'SMS_OTP' ? 'SMS' : 'EMAIL',
      otpEncryptionTargetBundle: challenge.otpEncryptionTargetBundle,
      clientKeyId: clientKey.clientKeyId,
      ...(options.destination !== undefined && { destination: options.destination }),
    });
    if ('resend' in answer) continue;
    if (!('encryptedOtpBundle' in answer)) throw new Error('The extension returned a plaintext code for an encrypted challenge');
    const session = await withSignedRetry<AuthSession>(
      wallet,
      transport,
      { method: 'POST', path: paths.verify(options.credentialId), body: { type, encryptedOtpBundle: answer.encryptedOtpBundle } },
      { clientKeyId: clientKey.clientKeyId },
    );
    return openSession(wallet, clientKey.clientKeyId, session);
  }
}

/**
 * The seed (legacy) EMAIL_OTP flow: the page relays the plaintext code with an
 * uncompressed client key; Grid answers with the session key sealed to it.
 *
 * Legacy: Grid removed this plaintext-OTP verify body from its API on 2026-06-04,
 * so it works only against the local emulator started with `legacyPlaintextOtp`
 * (as the demo does for its seed flow). The code passes through the page; use
 * {@link signInWithOtp}, where it is sealed to the enclave in the extension.
 * @deprecated Removed from Grid's API; kept for the emulator's seed flow only.
 */
export async function signInWithLegacyEmailOtp(wallet: GridWallet, transport: GridTransport, options: EmailOtpSignIn): Promise<SessionInfo> {
  const clientKey = await wallet.createClientKey();
  for (;;) {
    await send(transport, { method: 'POST', path: paths.challenge(options.credentialId), body: {} });
    const answer = await wallet.collectOtp({
      credentialId: options.credentialId,
      channel: 'EMAIL',
      ...(options.destination !== undefined && { destination: options.destination }),
    });
    if ('resend' in answer) continue;
    if (!('otp' in answer)) throw new Error('The extension did not return a code');
    const session = (
      await send<AuthSession>(transport, {
        method: 'POST',
        path: paths.verify(options.credentialId),
        body: { type: 'EMAIL_OTP', otp: answer.otp, clientPublicKey: clientKey.publicKey },
      })
    ).body;
    if (!session.encryptedSessionSigningKey) throw new Error('Grid did not return an encryptedSessionSigningKey');
    return openSession(wallet, clientKey.clientKeyId, session, session.encryptedSessionSigningKey);
  }
}

/**
 * Registers a passkey created in the extension and adds it to the account,
 * authorised by an existing session. `challenge` comes from the integrator's
 * backend (random, single use). The extension chooses the WebAuthn user handle
 * (it binds the passkey to this site), so `user.id` may be left out.
 */
export async function addPasskey(
  wallet: GridWallet,
  transport: GridTransport,
  options: { sessionId: string; accountId: string; nickname: string; challenge: string; user: MethodParams['grid_registerPasskey']['user'] },
): Promise<AuthMethod> {
  const registration = await wallet.registerPasskey({
    accountId: options.accountId,
    nickname: options.nickname,
    challenge: options.challenge,
    user: options.user,
  });
  return withSignedRetry<AuthMethod>(
    wallet,
    transport,
    { method: 'POST', path: paths.credentials(), body: { type: 'PASSKEY', accountId: options.accountId, ...registration } },
    { sessionId: options.sessionId },
  );
}

/**
 * Links an OIDC identity (Google, Apple) to the account, authorised by an
 * existing session; afterwards `signInWithOAuth` can use it. Grid takes the
 * nickname from the token's `email` claim.
 */
export function addOAuthCredential(
  wallet: GridWallet,
  transport: GridTransport,
  options: { sessionId: string; accountId: string; oidcToken: string },
): Promise<AuthMethod> {
  const body = { type: 'OAUTH', accountId: options.accountId, oidcToken: options.oidcToken };
  return withSignedRetry<AuthMethod>(wallet, transport, { method: 'POST', path: paths.credentials(), body }, { sessionId: options.sessionId });
}

/** Signs in with a passkey this browser holds; the client key becomes the session key (compressed key flow). */
export async function signInWithPasskey(wallet: GridWallet, transport: GridTransport, options: { credentialId: string }): Promise<SessionInfo> {
  const clientKey = await wallet.createClientKey();
  const challenge = (
    await send<PasskeyAuthChallenge>(transport, {
      method: 'POST',
      path: paths.challenge(options.credentialId),
      body: { clientPublicKey: clientKey.compressedPublicKey },
    })
  ).body;
  const { assertion } = await wallet.getPasskeyAssertion({ credentialId: challenge.credentialId, challenge: challenge.challenge });
  const session = (
    await send<AuthSession>(transport, {
      method: 'POST',
      path: paths.verify(options.credentialId),
      body: { type: 'PASSKEY', assertion },
      headers: { 'Request-Id': challenge.requestId },
    })
  ).body;
  return openSession(wallet, clientKey.clientKeyId, session);
}

/**
 * Signs in with an OIDC token. `getIdToken(nonce)` obtains a fresh token whose
 * nonce is the lowercase hex SHA-256 of the client key's compressed hex (Grid's rule).
 */
export async function signInWithOAuth(
  wallet: GridWallet,
  transport: GridTransport,
  options: { credentialId: string; getIdToken(nonce: string): Promise<string> },
): Promise<SessionInfo> {
  const clientKey = await wallet.createClientKey();
  const digest = await crypto.subtle.digest('SHA-256', utf8(clientKey.compressedPublicKey));
  const nonce = bytesToHex(new Uint8Array(digest));
  const session = (
    await send<AuthSession>(transport, {
      method: 'POST',
      path: paths.verify(options.credentialId),
      body: { type: 'OAUTH', oidcToken: await options.getIdToken(nonce), clientPublicKey: clientKey.compressedPublicKey },
    })
  ).body;
  return openSession(wallet, clientKey.clientKeyId, session);
}

/** Replaces a session with a fresh one before it expires; the old one is ended in the extension. */
export async function refreshSession(wallet: GridWallet, transport: GridTransport, sessionId: string): Promise<SessionInfo> {
  const clientKey = await wallet.createClientKey();
  const session = await withSignedRetry<AuthSession>(
    wallet,
    transport,
    { method: 'POST', path: paths.refresh(sessionId), body: { clientPublicKey: clientKey.compressedPublicKey } },
    { sessionId },
  );
  const info = await openSession(wallet, clientKey.clientKeyId, session);
  await wallet.endSession(sessionId).catch(() => undefined);
  return info;
}

/**
 * Signs out: Grid revokes the session, then the extension forgets its key. The
 * session signs its own revocation unless `signerSessionId` names another active
 * session of the account (to revoke one whose key this browser does not hold).
 */
export async function revokeSession(wallet: GridWallet, transport: GridTransport, sessionId: string, signerSessionId = sessionId): Promise<void> {
  await withSignedRetry(wallet, transport, { method: 'DELETE', path: paths.session(sessionId) }, { sessionId: signerSessionId });
  await wallet.endSession(sessionId).catch(() => undefined);
}

/** Revokes a credential, authorised by a session of another credential. */
export async function revokeCredential(wallet: GridWallet, transport: GridTransport, credentialId: string, sessionId: string): Promise<void> {
  await withSignedRetry(wallet, transport, { method: 'DELETE', path: paths.credential(credentialId) }, { sessionId });
}
