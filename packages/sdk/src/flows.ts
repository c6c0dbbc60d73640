import { sha256HexOfText } from '@grid-wallet/core/textDigest';
import type { CredentialType, ExportShownResult, MethodParams, SessionInfo, SignDisplay } from '@grid-wallet/protocol';
import type { GridWallet } from './GridWallet.ts';
import { GridSdkError } from './errors.ts';
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

/** Most signed operations take one signature; creating a delegated key takes two. */
const MAX_SIGNED_LEGS = 3;

/**
 * Grid's signed-retry pattern: send; while Grid answers 202 with a `payloadToSign`,
 * have the extension stamp it with `signer` and send the same request again
 * with `Grid-Wallet-Signature` and that challenge's `Request-Id`.
 * At most three signatures per request. Rejects with the GridWalletError of
 * `signPayload` (e.g. 4001 when the user declines) or a GridApiError.
 * @param request The Grid call to make (and to repeat with the signature).
 * @param signer The extension session, or the client key, that signs.
 * @param summary A short line added to the signing prompt.
 * @param display What the site says the request means, shown as its claim in the prompt.
 * @returns Grid's final (non-202) body.
 */
export async function withSignedRetry<T>(
  wallet: GridWallet,
  transport: GridTransport,
  request: GridRequest,
  signer: { sessionId: string } | { clientKeyId: string },
  summary?: string,
  display?: SignDisplay,
): Promise<T> {
  let reply = await send<T | SignedRequestChallenge>(transport, request);
  for (let leg = 0; reply.status === 202 && isSignedRequestChallenge(reply.body); leg++) {
    if (leg === MAX_SIGNED_LEGS)
      throw new GridSdkError('UNEXPECTED_RESPONSE', `Grid asked for more than ${MAX_SIGNED_LEGS} signatures for one request`);
    const { payloadToSign, requestId } = reply.body;
    const extra = { ...(summary !== undefined && { summary }), ...(display !== undefined && { display }) };
    const { signature } = await wallet.signPayload(
      'sessionId' in signer
        ? { sessionId: signer.sessionId, payloadToSign, ...extra }
        : { clientKeyId: signer.clientKeyId, payloadToSign, ...extra },
    );
    reply = await send<T | SignedRequestChallenge>(transport, {
      ...request,
      headers: { ...request.headers, 'Grid-Wallet-Signature': signature, 'Request-Id': requestId },
    });
  }
  return reply.body as T;
}

/** Options of {@link signInWithOtp} and {@link signInWithLegacyEmailOtp}. */
export interface EmailOtpSignIn {
  /** The EMAIL_OTP (or SMS_OTP) credential's id, `AuthMethod:<uuid>`. */
  credentialId: string;
  /** Shown (masked) in the prompt, e.g. the email on file. */
  destination?: string;
  /** The credential's type; `EMAIL_OTP` when absent. */
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
    if (!challenge.otpEncryptionTargetBundle)
      throw new GridSdkError('UNEXPECTED_RESPONSE', 'Grid did not return an otpEncryptionTargetBundle');
    const answer = await wallet.collectOtp({
      credentialId: options.credentialId,
      channel: type === 'SMS_OTP' ? 'SMS' : 'EMAIL',
      otpEncryptionTargetBundle: challenge.otpEncryptionTargetBundle,
      clientKeyId: clientKey.clientKeyId,
      ...(options.destination !== undefined && { destination: options.destination }),
    });
    if ('resend' in answer) continue;
    if (!('encryptedOtpBundle' in answer))
      throw new GridSdkError('UNEXPECTED_RESPONSE', 'The extension returned a plaintext code for an encrypted challenge');
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
export async function signInWithLegacyEmailOtp(
  wallet: GridWallet,
  transport: GridTransport,
  options: EmailOtpSignIn,
): Promise<SessionInfo> {
  const clientKey = await wallet.createClientKey();
  for (;;) {
    await send(transport, { method: 'POST', path: paths.challenge(options.credentialId), body: {} });
    const answer = await wallet.collectOtp({
      credentialId: options.credentialId,
      channel: 'EMAIL',
      ...(options.destination !== undefined && { destination: options.destination }),
    });
    if ('resend' in answer) continue;
    if (!('otp' in answer)) throw new GridSdkError('UNEXPECTED_RESPONSE', 'The extension did not return a code');
    const session = (
      await send<AuthSession>(transport, {
        method: 'POST',
        path: paths.verify(options.credentialId),
        body: { type: 'EMAIL_OTP', otp: answer.otp, clientPublicKey: clientKey.publicKey },
      })
    ).body;
    if (!session.encryptedSessionSigningKey)
      throw new GridSdkError('UNEXPECTED_RESPONSE', 'Grid did not return an encryptedSessionSigningKey');
    return openSession(wallet, clientKey.clientKeyId, session, session.encryptedSessionSigningKey);
  }
}

/**
 * Registers a passkey created in the extension and adds it to the account,
 * authorised by an existing session. `challenge` comes from the integrator's
 * backend (random, single use). The extension chooses the WebAuthn user handle
 * (it binds the passkey to this site), so `user.id` may be left out.
 * @param options.sessionId An active session of the account, to sign the credential creation.
 * @param options.nickname The passkey's name, shown in Grid and in the extension.
 * @param options.user The WebAuthn user (`name`, `displayName`) shown in the passkey dialog.
 * @returns Grid's new PASSKEY AuthMethod.
 */
export async function addPasskey(
  wallet: GridWallet,
  transport: GridTransport,
  options: {
    sessionId: string;
    accountId: string;
    nickname: string;
    challenge: string;
    user: MethodParams['grid_registerPasskey']['user'];
  },
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
 * @param options.sessionId An active session of the account, to sign the credential creation.
 * @param options.oidcToken The OIDC ID token of the identity to link.
 * @returns Grid's new OAUTH AuthMethod.
 */
export function addOAuthCredential(
  wallet: GridWallet,
  transport: GridTransport,
  options: { sessionId: string; accountId: string; oidcToken: string },
): Promise<AuthMethod> {
  const body = { type: 'OAUTH', accountId: options.accountId, oidcToken: options.oidcToken };
  return withSignedRetry<AuthMethod>(
    wallet,
    transport,
    { method: 'POST', path: paths.credentials(), body },
    { sessionId: options.sessionId },
  );
}

/**
 * Signs in with a passkey this browser holds; the client key becomes the session key (compressed key flow).
 * @param options.credentialId The PASSKEY credential's Grid id, `AuthMethod:<uuid>`.
 */
export async function signInWithPasskey(
  wallet: GridWallet,
  transport: GridTransport,
  options: { credentialId: string },
): Promise<SessionInfo> {
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
 * @param options.credentialId The OAUTH credential's Grid id, `AuthMethod:<uuid>`.
 * @param options.getIdToken Obtains a fresh OIDC ID token carrying `nonce`.
 */
export async function signInWithOAuth(
  wallet: GridWallet,
  transport: GridTransport,
  options: { credentialId: string; getIdToken(nonce: string): Promise<string> },
): Promise<SessionInfo> {
  const clientKey = await wallet.createClientKey();
  const nonce = await sha256HexOfText(clientKey.compressedPublicKey);
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
export async function revokeSession(
  wallet: GridWallet,
  transport: GridTransport,
  sessionId: string,
  signerSessionId = sessionId,
): Promise<void> {
  await withSignedRetry(wallet, transport, { method: 'DELETE', path: paths.session(sessionId) }, { sessionId: signerSessionId });
  await wallet.endSession(sessionId).catch(() => undefined);
}

/** Revokes a credential, authorised by a session of another credential. */
export async function revokeCredential(
  wallet: GridWallet,
  transport: GridTransport,
  credentialId: string,
  sessionId: string,
): Promise<void> {
  await withSignedRetry(wallet, transport, { method: 'DELETE', path: paths.credential(credentialId) }, { sessionId });
}

/**
 * Exports the wallet so that the customer sees its recovery phrase in the
 * extension's own window; this page never does. The extension makes the export
 * key, stamps Grid's export payload (always asking), and opens the sealed phrase
 * itself. Resolves with `{shown: true}` once the customer closed the phrase.
 * @param options.sessionId An active session of the account, to sign the export.
 * @param options.accountId The embedded wallet's internal account id.
 */
export async function exportWallet(
  wallet: GridWallet,
  transport: GridTransport,
  options: { sessionId: string; accountId: string },
): Promise<ExportShownResult> {
  const { exportKeyId, publicKey } = await wallet.createExportKey();
  const { encryptedWalletCredentials } = await withSignedRetry<{ id: string; encryptedWalletCredentials: string }>(
    wallet,
    transport,
    { method: 'POST', path: paths.exportWallet(options.accountId), body: { clientPublicKey: publicKey } },
    { sessionId: options.sessionId },
  );
  return wallet.showWalletExport({ exportKeyId, encryptedWalletCredentials });
}

/** Turns the embedded wallet's privacy on or off (`PATCH /internal-accounts/{id}`, a signed retry); returns Grid's InternalAccount. */
export function setWalletPrivacy<T = Record<string, unknown>>(
  wallet: GridWallet,
  transport: GridTransport,
  options: { sessionId: string; accountId: string; privateEnabled: boolean },
): Promise<T> {
  const request = {
    method: 'PATCH' as const,
    path: paths.internalAccount(options.accountId),
    body: { privateEnabled: options.privateEnabled },
  };
  return withSignedRetry<T>(wallet, transport, request, { sessionId: options.sessionId }, undefined, {
    walletPrivacy: options.privateEnabled,
  });
}

/**
 * Changes the customer's email or phone number (`PATCH /customers/{id}`). When the
 * customer's wallets sign in with codes to that address, Grid asks the wallet to
 * sign the change (409 if the address is taken, 424 if a credential could not be
 * updated: nothing changed). `current` is shown beside the new value in the
 * prompt, marked as what the site says. Returns Grid's Customer.
 * @param options.sessionId The session that signs the change, when Grid asks for a signature.
 * @param options.customerType `INDIVIDUAL` when absent.
 */
export function changeCustomerContact<T = Record<string, unknown>>(
  wallet: GridWallet,
  transport: GridTransport,
  options: { sessionId: string; customerId: string; customerType?: 'INDIVIDUAL' | 'BUSINESS' } & (
    | { email: string; currentEmail?: string }
    | { phoneNumber: string; currentPhoneNumber?: string }
  ),
): Promise<T> {
  const customerType = options.customerType ?? 'INDIVIDUAL';
  const [body, display] =
    'email' in options
      ? [{ customerType, email: options.email }, options.currentEmail !== undefined ? { currentEmail: options.currentEmail } : undefined]
      : [
          { customerType, phoneNumber: options.phoneNumber },
          options.currentPhoneNumber !== undefined ? { currentPhoneNumber: options.currentPhoneNumber } : undefined,
        ];
  return withSignedRetry<T>(
    wallet,
    transport,
    { method: 'PATCH', path: paths.customer(options.customerId), body },
    { sessionId: options.sessionId },
    undefined,
    display,
  );
}

/** Grid's DelegatedKey. */
export interface DelegatedKey {
  /** Grid's `DelegatedKey:<uuid>` id (pass to `revokeDelegatedKey`). */
  id: string;
  /** The card whose payments the key signs. */
  cardId: string;
  /** The card funding source the key is delegated for. */
  fundingSourceId: string;
  /** The internal account (embedded wallet) the key spends from. */
  accountId: string;
  /** Compressed P-256 public key (hex); Grid custodies the private key. */
  publicKey: string;
  /** A human-readable name for the key. */
  nickname: string;
  /** PENDING until Grid activates it, ACTIVE while it can sign, REVOKED after revocation. */
  status: 'PENDING' | 'ACTIVE' | 'REVOKED';
  /** RFC 3339. */
  createdAt: string;
  /** RFC 3339. */
  updatedAt: string;
}

/**
 * Lets Grid sign card payments for the wallet with a key it custodies
 * (`POST /auth/delegated-keys`): two signatures, one for the key's identity and
 * one for its signing policy; `cardName` names the card in both prompts.
 * @param options.sessionId An active session of the account, to sign both legs.
 * @param options.accountId The embedded wallet's internal account id.
 * @param options.cardId The card whose payments the key will sign.
 * @param options.nickname A name for the key at Grid.
 * @param options.cardName Shown in the prompts; the card id when absent.
 */
export function createDelegatedKey(
  wallet: GridWallet,
  transport: GridTransport,
  options: { sessionId: string; accountId: string; cardId: string; nickname: string; cardName?: string },
): Promise<DelegatedKey> {
  const body = { cardId: options.cardId, internalAccountId: options.accountId, nickname: options.nickname };
  const display = { card: options.cardName ?? options.cardId };
  return withSignedRetry<DelegatedKey>(
    wallet,
    transport,
    { method: 'POST', path: paths.delegatedKeys(), body },
    { sessionId: options.sessionId },
    undefined,
    display,
  );
}

/** The account's delegated keys (any status). */
export async function listDelegatedKeys(transport: GridTransport, accountId: string): Promise<DelegatedKey[]> {
  return (await send<{ data: DelegatedKey[] }>(transport, { method: 'GET', path: paths.delegatedKeysOf(accountId) })).body.data;
}

/** Revokes an ACTIVE delegated key (Grid signs this with the key itself: no prompt). */
export async function revokeDelegatedKey(transport: GridTransport, keyId: string): Promise<void> {
  await send(transport, { method: 'DELETE', path: paths.delegatedKey(keyId) });
}
