import { activity, ActivityType } from '../activities.ts';
import type { EmulatorContext } from '../context.ts';
import { ApiError, invalidInput, unauthorized } from '../errors.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { isSignedRetry, signedRequestChallenge, verifySignedRetry } from '../signedRetry.ts';
import { accountsOf, activeSessionsWithKey, credentialsOf, type Credential, type CredentialType, type Customer } from '../state.ts';
import { E164, EMAIL, matches, object, oneOf } from '../validate.ts';
import { customerView } from '../views.ts';
import { findCustomer } from './internalAccounts.ts';
import { GRID } from './prefix.ts';

/**
 * PATCH /customers/{id}. An email (or phone) change for a customer whose
 * embedded wallets have EMAIL_OTP (SMS_OTP) credentials is a signed retry: the
 * wallet's session authorises changing the address its codes go to, and the
 * customer and every tied credential change together or not at all.
 */

interface ContactChange {
  readonly field: 'email' | 'phoneNumber';
  readonly value: string;
  readonly credentialType: Extract<CredentialType, 'EMAIL_OTP' | 'SMS_OTP'>;
}

function contactChange(body: Record<string, unknown>): ContactChange | null {
  if (body.email !== undefined && body.phoneNumber !== undefined) {
    throw invalidInput('phoneNumber', 'cannot be changed together with email; send separate PATCH calls');
  }
  if (body.email !== undefined)
    return { field: 'email', value: matches(body, 'email', EMAIL, 'an email address'), credentialType: 'EMAIL_OTP' };
  if (body.phoneNumber !== undefined)
    return { field: 'phoneNumber', value: matches(body, 'phoneNumber', E164, 'an E.164 phone number'), credentialType: 'SMS_OTP' };
  return null;
}

/** The OTP credentials a contact change must update, across every wallet of the customer. */
function tiedCredentials(ctx: EmulatorContext, customer: Customer, type: CredentialType): Credential[] {
  return accountsOf(ctx.state, customer.id).flatMap((account) => credentialsOf(ctx.state, account.id).filter((c) => c.type === type));
}

/** 409 when another OTP credential (of any customer) already sends codes to this address. */
function ensureAddressFree(ctx: EmulatorContext, change: ContactChange, tied: readonly Credential[]): void {
  const taken = [...ctx.state.credentials.values()].some(
    (c) => c.type === change.credentialType && c.nickname === change.value && !tied.includes(c),
  );
  if (!taken) return;
  if (change.credentialType === 'EMAIL_OTP')
    throw new ApiError(409, 'EMAIL_OTP_EMAIL_ALREADY_EXISTS', 'Email address is already associated with an EMAIL_OTP credential');
  throw new ApiError(409, 'CONFLICT', 'Phone number is already associated with an SMS_OTP credential');
}

function apply(ctx: EmulatorContext, customer: Customer, change: ContactChange | null, tied: readonly Credential[]): ApiResponse {
  const now = ctx.clock.now();
  if (change) {
    customer[change.field] = change.value;
    for (const credential of tied) ctx.state.credentials.set(credential.id, { ...credential, nickname: change.value, updatedAt: now });
  }
  customer.updatedAt = now;
  return { status: 200, body: customerView(customer) };
}

function updateCustomer(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const customer = findCustomer(ctx, req.params.id!);
  const body = object(req.body);
  oneOf(body, 'customerType', ['INDIVIDUAL', 'BUSINESS'] as const);
  const change = contactChange(body);
  const tied = change && customer[change.field] !== change.value ? tiedCredentials(ctx, customer, change.credentialType) : [];
  // A retry (signature headers) is always checked as one, even if the tied set has since emptied.
  if (!change || (tied.length === 0 && !isSignedRetry(req))) return apply(ctx, customer, change, tied);
  ensureAddressFree(ctx, change, tied);

  const accounts = accountsOf(ctx.state, customer.id);
  const op = { operation: 'customer.update', resourceId: customer.id, body };
  if (!isSignedRetry(req)) {
    const account = accounts[0]!;
    const payloadToSign =
      change.field === 'email'
        ? activity(account, ActivityType.UpdateUserEmail, { userEmail: change.value, userId: account.userId }, ctx.clock.now())
        : activity(account, ActivityType.UpdateUserPhoneNumber, { userId: account.userId, userPhoneNumber: change.value }, ctx.clock.now());
    return signedRequestChallenge(ctx, { ...op, payloadToSign, data: { credentialIds: tied.map((c) => c.id).sort() } });
  }
  // Any active session of any of the customer's wallets may authorise the change.
  const pending = verifySignedRetry<{ credentialIds: string[] }>(ctx, req, op, (signer) => {
    if (!accounts.some((a) => activeSessionsWithKey(ctx.state, a.id, signer, ctx.clock.now()).length > 0)) {
      throw unauthorized("the signing key is not an active session of the customer's wallets");
    }
  });
  if (
    pending.data.credentialIds.join() !==
    tied
      .map((c) => c.id)
      .sort()
      .join()
  ) {
    throw new ApiError(
      409,
      'EMAIL_OTP_CREDENTIAL_SET_CHANGED',
      'The tied OTP credentials changed after the challenge was issued; start again',
    );
  }
  if (customer.failNextCredentialSync) {
    customer.failNextCredentialSync = false;
    throw new ApiError(424, 'EMAIL_OTP_CREDENTIAL_SYNC_FAILED', 'Failed to update one or more tied OTP credentials; nothing was changed');
  }
  return apply(ctx, customer, change, tied);
}

export const customerRoutes = [route('PATCH', `${GRID}/customers/:id`, 'grid', updateCustomer)];
