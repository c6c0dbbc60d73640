import { rfc3339 } from './clock.ts';
import type { Credential, Quote, Session } from './state.ts';

/** How records look on the wire: Grid's AuthMethod, AuthSession and quote shapes. */

export function authMethodView(credential: Credential): Record<string, unknown> {
  return {
    id: credential.id,
    accountId: credential.accountId,
    type: credential.type,
    ...(credential.passkey && { credentialId: credential.passkey.credentialId }),
    nickname: credential.nickname,
    createdAt: rfc3339(credential.createdAt),
    updatedAt: rfc3339(credential.updatedAt),
  };
}

/**
 * An AuthSession: the issuing credential's AuthMethod fields with the session's own
 * id and expiry. `encryptedSessionSigningKey` only on the response that created a
 * legacy (uncompressed-key) session, never in lists.
 */
export function authSessionView(session: Session, credential: Credential, encryptedSessionSigningKey?: string): Record<string, unknown> {
  return {
    id: session.id,
    accountId: session.accountId,
    type: credential.type,
    ...(credential.passkey && { credentialId: credential.passkey.credentialId }),
    nickname: credential.nickname,
    createdAt: rfc3339(session.createdAt),
    updatedAt: rfc3339(session.createdAt),
    ...(encryptedSessionSigningKey !== undefined && { encryptedSessionSigningKey }),
    expiresAt: rfc3339(session.expiresAt),
  };
}

export function quoteView(quote: Quote): Record<string, unknown> {
  return {
    id: quote.id,
    status: quote.status,
    sendingAccountId: quote.sendingAccountId,
    receiver: quote.receiver,
    amount: quote.amount,
    currency: quote.currency,
    fee: quote.fee,
    createdAt: rfc3339(quote.createdAt),
    expiresAt: rfc3339(quote.expiresAt),
    payloadToSign: quote.payloadToSign,
  };
}
