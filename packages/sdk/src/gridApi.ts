import type { CredentialType } from '@grid-wallet/protocol';
import { GridApiError, GridSdkError } from './errors.ts';

/**
 * The slice of Grid's auth API the flows use (Grid's OpenAPI document: packages/emulator/src/grid-openapi),
 * reached through a transport the integrator supplies: its own backend, which
 * holds the API token, relays the call to Grid. The extension never calls Grid.
 */

/** The versioned path prefix of Grid's API; {@link GridRequest.path} is relative to it. */
export const GRID_API_PREFIX = '/grid/2025-10-13';

/** One call to Grid's API, for the integrator's transport to relay. */
export interface GridRequest {
  /** The HTTP method. */
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the API prefix, e.g. `/auth/credentials/AuthMethod:…/verify`. */
  path: string;
  /** JSON body to send; absent for GET and DELETE. */
  body?: unknown;
  /** Extra headers Grid needs, such as `Grid-Wallet-Signature`, `Request-Id` or `Idempotency-Key`; absent when none. */
  headers?: Record<string, string>;
}

/** Grid's answer, as the transport passes it back. */
export interface GridResponse {
  /** The HTTP status (202 when Grid asks for a signature). */
  status: number;
  /** The parsed JSON body (an error body `{status, code, message}` on failure). */
  body: unknown;
}

/** Sends one request to Grid through the integrator's backend. */
export type GridTransport = (request: GridRequest) => Promise<GridResponse>;

/** Grid's `AuthMethod`: a credential (email or SMS code, OIDC identity, passkey) that can sign in to an account. */
export interface AuthMethod {
  /** The credential's id, `AuthMethod:<uuid>` (a session's own id in an AuthSession). */
  id: string;
  /** The internal account (embedded wallet) it signs in to. */
  accountId: string;
  /** What kind of credential it is. */
  type: CredentialType;
  /** A human-readable name: the email, phone number, OIDC email or passkey name. */
  nickname: string;
  /** For a passkey, its WebAuthn credential id (base64url); in a session, the credential that opened it. */
  credentialId?: string;
  /** RFC 3339. */
  createdAt: string;
  /** RFC 3339. */
  updatedAt: string;
  /** Present in an OTP challenge's answer: the enclave key the code is sealed to (pass to `collectOtp`). */
  otpEncryptionTargetBundle?: string;
}

/** Grid's answer to a PASSKEY challenge: what the passkey must sign before the verify call. */
export interface PasskeyAuthChallenge extends AuthMethod {
  /** The passkey's WebAuthn credential id (base64url). */
  credentialId: string;
  /** The WebAuthn challenge to sign. */
  challenge: string;
  /** Sent back as the verify call's `Request-Id` header. */
  requestId: string;
  /** RFC 3339: when the challenge stops being accepted. */
  expiresAt: string;
}

/** Grid's `AuthSession`: a signed-in session of an account, as verify and refresh return it. */
export interface AuthSession extends AuthMethod {
  /** RFC 3339: when the session ends. */
  expiresAt: string;
  /** Legacy flow only: the session key sealed to the client key (base58check); absent when the client key itself becomes the session key. */
  encryptedSessionSigningKey?: string;
}

/** The 202 body of a signed-retry operation. */
export interface SignedRequestChallenge {
  /** The credential type the signing session must have, when Grid says. */
  type?: CredentialType;
  /** What the wallet must stamp (pass to `signPayload`). */
  payloadToSign: string;
  /** Sent back with the signature as the retry's `Request-Id` header. */
  requestId: string;
  /** RFC 3339: when the challenge stops being accepted. */
  expiresAt: string;
}

export function isSignedRequestChallenge(body: unknown): body is SignedRequestChallenge {
  const b = body as Partial<SignedRequestChallenge> | null;
  return typeof b?.payloadToSign === 'string' && typeof b.requestId === 'string';
}

/**
 * Sends and returns the body of a 2xx answer; throws GridApiError otherwise, and
 * GridSdkError `TRANSPORT_FAILED` (the thrown error as `cause`) when the transport throws.
 * @returns The HTTP `status` (200, 201, 202…) and the `body`, typed as the caller expects.
 */
export async function send<T>(transport: GridTransport, request: GridRequest): Promise<{ status: number; body: T }> {
  let response: GridResponse;
  try {
    response = await transport(request);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new GridSdkError('TRANSPORT_FAILED', `${request.method} ${request.path} did not reach Grid: ${reason}`, { cause });
  }
  if (response.status < 200 || response.status > 299) {
    const body = (response.body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    throw new GridApiError(
      response.status,
      typeof body.code === 'string' ? body.code : 'HTTP_ERROR',
      typeof body.message === 'string' ? body.message : `Grid answered ${response.status}`,
      body.details,
    );
  }
  return { status: response.status, body: response.body as T };
}

export const paths = {
  credentials: () => '/auth/credentials',
  credentialsOf: (accountId: string) => `/auth/credentials?accountId=${encodeURIComponent(accountId)}`,
  credential: (id: string) => `/auth/credentials/${encodeURIComponent(id)}`,
  challenge: (id: string) => `/auth/credentials/${encodeURIComponent(id)}/challenge`,
  verify: (id: string) => `/auth/credentials/${encodeURIComponent(id)}/verify`,
  sessionsOf: (accountId: string) => `/auth/sessions?accountId=${encodeURIComponent(accountId)}`,
  session: (id: string) => `/auth/sessions/${encodeURIComponent(id)}`,
  refresh: (id: string) => `/auth/sessions/${encodeURIComponent(id)}/refresh`,
  executeQuote: (id: string) => `/quotes/${encodeURIComponent(id)}/execute`,
  authorizeQuote: (id: string) => `/quotes/${encodeURIComponent(id)}/authorize`,
  resendQuoteCode: (id: string) => `/quotes/${encodeURIComponent(id)}/authorize/resend`,
  internalAccount: (id: string) => `/internal-accounts/${encodeURIComponent(id)}`,
  exportWallet: (id: string) => `/internal-accounts/${encodeURIComponent(id)}/export`,
  customer: (id: string) => `/customers/${encodeURIComponent(id)}`,
  delegatedKeys: () => '/auth/delegated-keys',
  delegatedKeysOf: (accountId: string) => `/auth/delegated-keys?accountId=${encodeURIComponent(accountId)}`,
  delegatedKey: (id: string) => `/auth/delegated-keys/${encodeURIComponent(id)}`,
};

/** The account's credentials, as Grid lists them (an unknown account has none). */
export async function listCredentials(transport: GridTransport, accountId: string): Promise<AuthMethod[]> {
  return (await send<{ data: AuthMethod[] }>(transport, { method: 'GET', path: paths.credentialsOf(accountId) })).body.data;
}

/**
 * The account's active sessions at Grid, from every device; compare with the
 * extension's `listSessions()` to see which of them this browser holds.
 */
export async function listAccountSessions(transport: GridTransport, accountId: string): Promise<AuthSession[]> {
  return (await send<{ data: AuthSession[] }>(transport, { method: 'GET', path: paths.sessionsOf(accountId) })).body.data;
}
