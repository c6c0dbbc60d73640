import { rfc3339 } from '../clock.ts';
import type { EmulatorContext } from '../context.ts';
import { invalidInput } from '../errors.ts';
import { newId, newTurnkeyId } from '../ids.ts';
import { mintOidcToken, SANDBOX_ISSUERS } from '../oauth.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { randomBytes } from 'node:crypto';
import type { Account, Card, Credential, Customer } from '../state.ts';
import { E164, EMAIL, id, matches, object, oneOf, optionalString } from '../validate.ts';
import { authMethodView } from '../views.ts';
import { findAccount, findCustomer } from './internalAccounts.ts';

/**
 * Test and demo controls under /_emulator. No authentication: the emulator only
 * listens on 127.0.0.1. Documented in README.md.
 */

/** Provisions a customer and an EMBEDDED_WALLET account seeded with one EMAIL_OTP credential. */
function createAccount(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const body = object(req.body);
  const email = matches(body, 'email', EMAIL, 'an email address');
  const phoneNumber = body.phoneNumber === undefined ? undefined : matches(body, 'phoneNumber', E164, 'an E.164 phone number');
  if (body.withEmailOtpCredential !== undefined && typeof body.withEmailOtpCredential !== 'boolean') {
    throw invalidInput('withEmailOtpCredential', 'must be a boolean');
  }
  if (body.scaRequired !== undefined && typeof body.scaRequired !== 'boolean') throw invalidInput('scaRequired', 'must be a boolean');
  const scaRequired = body.scaRequired === true;
  if (scaRequired && phoneNumber === undefined) throw invalidInput('phoneNumber', 'is required with scaRequired (payment codes go by SMS)');
  const now = ctx.clock.now();
  const customer: Customer = {
    id: newId('Customer'),
    email,
    ...(phoneNumber !== undefined && { phoneNumber }),
    ...(scaRequired && { scaRequired }),
    createdAt: now,
    updatedAt: now,
  };
  const account: Account = {
    id: newId('InternalAccount'),
    customerId: customer.id,
    type: 'EMBEDDED_WALLET',
    organizationId: newTurnkeyId('org'),
    userId: newTurnkeyId('user'),
    // A real BIP-39 phrase per wallet: what an export reveals, and what tests compare it with.
    wallet: {
      id: newTurnkeyId('wallet'),
      mnemonic: generateMnemonic(wordlist, 128),
      sparkAddress: `sp1q${randomBytes(20).toString('hex')}`,
    },
    privateEnabled: false,
    createdAt: now,
    updatedAt: now,
  };
  ctx.state.customers.set(customer.id, customer);
  ctx.state.accounts.set(account.id, account);
  // `withEmailOtpCredential: false` leaves the account empty, to exercise Grid's unsigned bootstrap add.
  let credential: Credential | undefined;
  if (body.withEmailOtpCredential !== false) {
    credential = { id: newId('AuthMethod'), accountId: account.id, type: 'EMAIL_OTP', nickname: email, createdAt: now, updatedAt: now };
    ctx.state.credentials.set(credential.id, credential);
  }
  return {
    status: 201,
    body: {
      customer: { id: customer.id, email, ...(phoneNumber !== undefined && { phoneNumber }) },
      account: { id: account.id, customerId: customer.id, type: account.type, createdAt: rfc3339(account.createdAt) },
      credential: credential ? authMethodView(credential) : null,
    },
  };
}

function outbox(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  return { status: 200, body: { data: ctx.outbox.list(req.query.get('to') ?? undefined) } };
}

function advanceClock(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const body = object(req.body);
  const seconds = body.advanceSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0)
    throw invalidInput('advanceSeconds', 'must be a non-negative number');
  ctx.clock.advance(seconds);
  return { status: 200, body: { now: rfc3339(ctx.clock.now()) } };
}

function enclave(_req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  return { status: 200, body: { enclaveQuorumPublic: ctx.enclave.quorumPublicKey } };
}

function oauthToken(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const body = object(req.body);
  const sub = matches(body, 'sub', /^.{1,255}$/, '1 to 255 characters');
  const email = matches(body, 'email', EMAIL, 'an email address');
  const aud = optionalString(body, 'aud', { max: 255 }) ?? 'emulator-oauth-client';
  const iss = body.iss === undefined ? SANDBOX_ISSUERS[0] : oneOf(body, 'iss', SANDBOX_ISSUERS);
  const nonce = optionalString(body, 'nonce', { max: 128 });
  const oidcToken = mintOidcToken({ sub, email, aud, iss, ...(nonce !== undefined && { nonce }) }, ctx.clock.now());
  return { status: 201, body: { oidcToken } };
}

/** The wallet behind an account, mnemonic included: the record a test compares an export with. */
function wallet(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const account = findAccount(ctx, req.params.id!);
  return { status: 200, body: { walletId: account.wallet.id, mnemonic: account.wallet.mnemonic } };
}

/** Issues a card funded by the account's wallet (what a delegated key is created for). */
function createCard(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const account = findAccount(ctx, id(object(req.body), 'accountId', 'InternalAccount'));
  const card: Card = { id: newId('Card'), fundingSourceId: newId('CardFundingSource'), accountId: account.id };
  ctx.state.cards.set(card.id, card);
  return { status: 201, body: card };
}

/** `{customerId}`: the customer's next signed email/phone change fails to sync a tied OTP credential (424). */
function failCredentialSync(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  findCustomer(ctx, id(object(req.body), 'customerId', 'Customer')).failNextCredentialSync = true;
  return { status: 204 };
}

/** For a CI's readiness check (Playwright's `webServer.url`): answers once the emulator serves. */
function health(): ApiResponse {
  return { status: 200, body: { status: 'ok' } };
}

async function reset(_req: ApiRequest, ctx: EmulatorContext): Promise<ApiResponse> {
  await ctx.reset();
  return { status: 204 };
}

export const adminRoutes = [
  route('GET', '/_emulator/health', 'none', health),
  route('POST', '/_emulator/reset', 'none', reset),
  route('POST', '/_emulator/accounts', 'none', createAccount),
  route('GET', '/_emulator/outbox', 'none', outbox),
  route('POST', '/_emulator/clock', 'none', advanceClock),
  route('GET', '/_emulator/enclave', 'none', enclave),
  route('POST', '/_emulator/oauth/token', 'none', oauthToken),
  route('GET', '/_emulator/accounts/:id/wallet', 'none', wallet),
  route('POST', '/_emulator/cards', 'none', createCard),
  route('POST', '/_emulator/faults/credential-sync', 'none', failCredentialSync),
];
