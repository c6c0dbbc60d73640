import { rfc3339 } from './clock.ts';
import { currency, WALLET_CURRENCY } from './pricing.ts';
import { scaChallengeView } from './sca.ts';
import type { Account, Credential, Customer, DelegatedKey, Quote, Session } from './state.ts';

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

/** Grid's IndividualCustomer (the emulator's customers are all individuals). */
export function customerView(customer: Customer): Record<string, unknown> {
  return {
    id: customer.id,
    platformCustomerId: customer.id.slice('Customer:'.length),
    customerType: 'INDIVIDUAL',
    email: customer.email,
    ...(customer.phoneNumber !== undefined && { phoneNumber: customer.phoneNumber }),
    umaAddress: `$${customer.id.slice(-12)}@emulator.grid`,
    createdAt: rfc3339(customer.createdAt),
    updatedAt: rfc3339(customer.updatedAt),
    isDeleted: false,
  };
}

/** Grid's InternalAccount for an embedded wallet (the emulator keeps no balances). */
export function internalAccountView(account: Account): Record<string, unknown> {
  const walletCurrency = currency(WALLET_CURRENCY, 'currency');
  return {
    id: account.id,
    customerId: account.customerId,
    type: account.type,
    status: 'ACTIVE',
    balance: { amount: 0, currency: walletCurrency },
    totalBalance: { amount: 0, currency: walletCurrency },
    fundingPaymentInstructions: [],
    privateEnabled: account.privateEnabled,
    createdAt: rfc3339(account.createdAt),
    updatedAt: rfc3339(account.updatedAt),
  };
}

export function delegatedKeyView(key: DelegatedKey): Record<string, unknown> {
  return {
    id: key.id,
    cardId: key.cardId,
    fundingSourceId: key.fundingSourceId,
    accountId: key.accountId,
    publicKey: key.publicKey,
    nickname: key.nickname,
    status: key.status,
    createdAt: rfc3339(key.createdAt),
    updatedAt: rfc3339(key.updatedAt),
  };
}
