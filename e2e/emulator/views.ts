import { rfc3339 } from './clock.ts';
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

const USD = { code: 'USD', name: 'United States Dollar', symbol: '$', decimals: 2 };

/** Grid's InternalAccount for an embedded wallet (the emulator keeps no balances). */
export function internalAccountView(account: Account): Record<string, unknown> {
  return {
    id: account.id,
    customerId: account.customerId,
    type: account.type,
    status: 'ACTIVE',
    balance: { amount: 0, currency: USD },
    totalBalance: { amount: 0, currency: USD },
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
