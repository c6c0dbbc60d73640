import type { CredentialType } from '../protocol/index.ts';
import { GridApiError } from './errors.ts';

/**
 * The slice of Grid's auth API the flows use (../shared/reference/grid-auth.md),
 * reached through a transport the integrator supplies: its own backend, which
 * holds the API token, relays the call to Grid. The extension never calls Grid.
 */
export const GRID_API_PREFIX = '/grid/2025-10-13';

export interface GridRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the API prefix, e.g. `/auth/credentials/AuthMethod:…/verify`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GridResponse {
  status: number;
  body: unknown;
}

/** Sends one request to Grid through the integrator's backend. */
export type GridTransport = (request: GridRequest) => Promise<GridResponse>;

export interface AuthMethod {
  id: string;
  accountId: string;
  type: CredentialType;
  nickname: string;
  credentialId?: string;
  createdAt: string;
  updatedAt: string;
  otpEncryptionTargetBundle?: string;
}

export interface PasskeyAuthChallenge extends AuthMethod {
  credentialId: string;
  challenge: string;
  requestId: string;
  expiresAt: string;
}

export interface AuthSession extends AuthMethod {
  expiresAt: string;
  encryptedSessionSigningKey?: string;
}

/** The 202 body of a signed-retry operation. */
export interface SignedRequestChallenge {
  type?: CredentialType;
  payloadToSign: string;
  requestId: string;
  expiresAt: string;
}

export function isSignedRequestChallenge(body: unknown): body is SignedRequestChallenge {
  const b = body as Partial<SignedRequestChallenge> | null;
  return typeof b?.payloadToSign === 'string' && typeof b.requestId === 'string';
}

/** Sends and returns the body of a 2xx answer; throws GridApiError otherwise. */
export async function send<T>(transport: GridTransport, request: GridRequest): Promise<{ status: number; body: T }> {
  const response = await transport(request);
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
