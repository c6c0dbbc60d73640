import { randomUUID } from 'node:crypto';

/** Grid ids are `<Type>:<uuid>`; these are the types the emulator hands out. */
export type IdType =
  | 'AuthMethod'
  | 'InternalAccount'
  | 'Session'
  | 'Request'
  | 'Customer'
  | 'Quote'
  | 'Transaction'
  | 'ScaChallenge'
  | 'ExternalAccount'
  | 'Card'
  | 'CardFundingSource'
  | 'DelegatedKey';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export function newId(type: IdType): string {
  return `${type}:${randomUUID()}`;
}

export function isId(type: IdType, value: unknown): value is string {
  return typeof value === 'string' && new RegExp(`^${type}:${UUID}$`).test(value);
}

/** Turnkey-style identifiers that appear inside payloadToSign bodies (`org_…`, `user_…`). */
export function newTurnkeyId(prefix: 'org' | 'user' | 'wallet'): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}
