import { rfc3339 } from './clock.ts';
import { scaChallengeView } from './sca.ts';
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

/**
 * Grid's `Quote`. The EMBEDDED_WALLET payment instruction carries the payload the
 * wallet signs; a PENDING quote past `expiresAt` reads EXPIRED; `scaChallenge`
 * only while PENDING_AUTHORIZATION, never its code.
 */
export function quoteView(quote: Quote, now: number): Record<string, unknown> {
  const { pricing } = quote;
  const status = quote.status === 'PENDING' && now >= quote.expiresAt ? 'EXPIRED' : quote.status;
  return {
    id: quote.id,
    status,
    createdAt: rfc3339(quote.createdAt),
    expiresAt: rfc3339(quote.expiresAt),
    source: { sourceType: 'ACCOUNT', accountId: quote.sourceAccountId, customerId: quote.customerId },
    destination: quote.destination,
    sendingCurrency: quote.sendingCurrency,
    receivingCurrency: quote.receivingCurrency,
    totalSendingAmount: pricing.totalSendingAmount,
    totalReceivingAmount: pricing.totalReceivingAmount,
    exchangeRate: pricing.exchangeRate,
    feesIncluded: pricing.feesIncluded,
    platformFeesIncluded: 0,
    paymentInstructions: [{ accountOrWalletInfo: { accountType: 'EMBEDDED_WALLET', payloadToSign: quote.payloadToSign } }],
    transactionId: quote.transactionId,
    ...(quote.status === 'PENDING_AUTHORIZATION' && quote.scaChallenge && { scaChallenge: scaChallengeView(quote.scaChallenge) }),
  };
}
