import { createHash } from 'node:crypto';
import { signTransactionActivity } from '../activities.ts';
import { canonicalJson } from '../canonicalJson.ts';
import { secondsAfter } from '../clock.ts';
import type { EmulatorContext } from '../context.ts';
import { ApiError, invalidInput } from '../errors.ts';
import { isId, newId } from '../ids.ts';
import { currency, price, WALLET_CURRENCY } from '../pricing.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { checkScaCode, issueScaChallenge, resendScaCode } from '../sca.ts';
import { sessionOfAccount } from '../signedRetry.ts';
import { customerOf, type Quote, type QuoteDestination } from '../state.ts';
import { type Json, matches, object, oneOf, optionalObject, optionalString, string } from '../validate.ts';
import { quoteView } from '../views.ts';
import { missingSignature, parseWalletSignature, verifyWalletSignature, WALLET_SIGNATURE_HEADER } from '../walletSignature.ts';
import { GRID } from './prefix.ts';

/**
 * Grid's cross-currency quotes from an EMBEDDED_WALLET internal account
 * (openapi: createQuote, getQuoteById, executeQuote, authorizeQuote,
 * resendQuoteScaCode). The quote's EMBEDDED_WALLET payment instruction carries an
 * ACTIVITY_TYPE_SIGN_TRANSACTION_V2 `payloadToSign`; execute takes its stamp from
 * an active session of the source account. Both take Grid's optional Idempotency-Key.
 */
const QUOTE_TTL_SECONDS = 300;
const MAX_LOCKED_AMOUNT = 9_000_000_000_000_000;
const UMA_ADDRESS = /^\$[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}$/;

const conflict = (message: string) => new ApiError(409, 'CONFLICT', message);

function quoteOf(req: ApiRequest, ctx: EmulatorContext): Quote {
  const quote = ctx.state.quotes.get(req.params.id!);
  if (!quote) throw new ApiError(404, 'QUOTE_NOT_FOUND', 'Quote not found');
  return quote;
}

function gridId(body: Json, key: string, types: ReadonlyArray<'InternalAccount' | 'ExternalAccount' | 'Customer'>, parent: string): string {
  const value = string(body, key, { parent });
  if (!types.some((type) => isId(type, value)))
    throw invalidInput(`${parent}.${key}`, `must be a ${types.join(' or ')} id (<Type>:<uuid>)`);
  return value;
}

function readDestination(body: Json): QuoteDestination {
  const destination = object(body.destination, 'destination');
  const type = oneOf(destination, 'destinationType', ['ACCOUNT', 'UMA_ADDRESS'] as const, 'destination');
  if (type === 'ACCOUNT') {
    const paymentRail = optionalString(destination, 'paymentRail', { parent: 'destination', max: 64 });
    return {
      destinationType: type,
      accountId: gridId(destination, 'accountId', ['ExternalAccount', 'InternalAccount'], 'destination'),
      ...(paymentRail && { paymentRail }),
    };
  }
  const umaAddress = string(destination, 'umaAddress', { parent: 'destination', max: 256 });
  if (!UMA_ADDRESS.test(umaAddress))
    throw invalidInput('destination.umaAddress', 'must be an UMA address such as $alice@uma.example', 'INVALID_UMA_ADDRESS');
  const code = optionalString(destination, 'currency', { parent: 'destination', max: 10 });
  return { destinationType: type, umaAddress, ...(code && { currency: code }) };
}

function lockedAmount(body: Json): number {
  const value = body.lockedCurrencyAmount;
  if (value === undefined || value === null) throw invalidInput('lockedCurrencyAmount', 'is required');
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > MAX_LOCKED_AMOUNT) {
    throw invalidInput(
      'lockedCurrencyAmount',
      'must be a positive integer in the smallest unit of the locked currency (e.g. 1250 for 12.50 USD)',
    );
  }
  return value;
}

/** 32 opaque bytes standing in for the wallet transaction: bound to this transfer, unreadable to the wallet (as a real one is to a non-chain-aware signer). */
function unsignedTransaction(fields: Record<string, unknown>): string {
  return createHash('sha256')
    .update(canonicalJson({ ...fields, nonce: newId('Request') }))
    .digest('hex');
}

/**
 * Grid's createQuote: "If the same key is sent multiple times, the server will
 * return the same response as the first request." Only a created quote is kept:
 * a refused request created nothing, so its key is still free.
 */
function createQuote(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const idempotencyKey = req.header('Idempotency-Key');
  const first = idempotencyKey === undefined ? undefined : ctx.state.quotesByIdempotencyKey.get(idempotencyKey);
  if (first !== undefined) return { status: 201, body: first };
  const created = newQuote(req, ctx);
  if (idempotencyKey !== undefined) ctx.state.quotesByIdempotencyKey.set(idempotencyKey, created.body);
  return created;
}

function newQuote(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const body = object(req.body);
  const source = object(body.source, 'source');
  const sourceType = oneOf(source, 'sourceType', ['ACCOUNT', 'REALTIME_FUNDING'] as const, 'source');
  if (sourceType === 'REALTIME_FUNDING')
    throw new ApiError(501, 'NOT_IMPLEMENTED', 'The emulator quotes from an internal account only (source.sourceType ACCOUNT)');
  const sourceAccountId = gridId(source, 'accountId', ['InternalAccount'], 'source');
  const destination = readDestination(body);
  const side = oneOf(body, 'lockedCurrencySide', ['SENDING', 'RECEIVING'] as const);
  const locked = lockedAmount(body);
  if (body.immediatelyExecute === true) {
    throw invalidInput(
      'immediatelyExecute',
      'is not supported from an EMBEDDED_WALLET source: create the quote, then execute it with a Grid-Wallet-Signature',
    );
  }
  optionalString(body, 'description', { max: 1024 }); // checked, not kept: Grid's Quote does not echo it
  const account = ctx.state.accounts.get(sourceAccountId);
  if (!account) throw invalidInput('source.accountId', 'is not an internal account of this platform');
  const customer = customerOf(ctx.state, account);
  if (source.customerId !== undefined && gridId(source, 'customerId', ['Customer'], 'source') !== customer.id) {
    throw invalidInput('source.customerId', 'is not the owner of source.accountId');
  }
  const sendingCurrency = currency(WALLET_CURRENCY, 'source.accountId');
  const receivingCurrency =
    destination.destinationType === 'UMA_ADDRESS' && destination.currency
      ? currency(destination.currency, 'destination.currency')
      : sendingCurrency;
  const pricing = price(sendingCurrency, receivingCurrency, side, locked);
  const id = newId('Quote');
  const now = ctx.clock.now();
  const transaction = unsignedTransaction({ id, sourceAccountId, destination, sendingCurrency, receivingCurrency, ...pricing });
  const quote: Quote = {
    id,
    sourceAccountId,
    customerId: customer.id,
    destination,
    sendingCurrency,
    receivingCurrency,
    pricing,
    transactionId: newId('Transaction'),
    createdAt: now,
    // From the same `now` as createdAt: a second read of the clock could fall in the next second.
    expiresAt: secondsAfter(now, QUOTE_TTL_SECONDS),
    payloadToSign: signTransactionActivity(account, transaction, now),
    status: 'PENDING',
  };
  ctx.state.quotes.set(id, quote);
  return { status: 201, body: quoteView(quote, now) };
}

function getQuote(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  return { status: 200, body: quoteView(quoteOf(req, ctx), ctx.clock.now()) };
}

/** ExecuteQuoteRequest: an optional body whose only field picks the SCA factor; the emulator issues SMS_OTP only. */
function readExecuteBody(value: unknown): void {
  const body = optionalObject(value);
  if (body.scaFactor === undefined || body.scaFactor === null) return;
  const factor = oneOf(body, 'scaFactor', ['SMS_OTP', 'TOTP', 'PASSKEY'] as const);
  if (factor !== 'SMS_OTP')
    throw invalidInput('scaFactor', `${factor} cannot authorize a payment here; the emulator issues SMS_OTP challenges`);
}

function executeQuote(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const quote = quoteOf(req, ctx);
  const header = req.header(WALLET_SIGNATURE_HEADER);
  if (header === undefined) throw missingSignature();
  const signer = verifyWalletSignature(parseWalletSignature(header, ctx.options.otpMode === 'sandbox'), quote.payloadToSign);
  if (signer !== null) sessionOfAccount(ctx, quote.sourceAccountId)(signer);
  readExecuteBody(req.body);
  const idempotencyKey = req.header('Idempotency-Key');
  if (quote.executedWith) {
    // A retry of the call that executed the quote gets the same answer; anything else is a second execution.
    if (idempotencyKey !== undefined && idempotencyKey === quote.executedWith.idempotencyKey)
      return { status: 200, body: quote.executedWith.response };
    throw conflict('This quote has already been executed');
  }
  const now = ctx.clock.now();
  if (now >= quote.expiresAt) throw conflict('This quote has expired; create a new one');
  const customer = ctx.state.customers.get(quote.customerId)!;
  if (customer.scaRequired) {
    quote.status = 'PENDING_AUTHORIZATION';
    quote.scaChallenge = issueScaChallenge(ctx, customer);
  } else {
    quote.status = 'COMPLETED';
  }
  const response = quoteView(quote, now);
  quote.executedWith = { idempotencyKey, response };
  return { status: 200, body: response };
}

/** ScaAuthorization with `code` (the emulator issues SMS_OTP challenges only). */
function authorizeQuote(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const quote = quoteOf(req, ctx);
  const body = object(req.body);
  if (body.passkeyAssertion !== undefined && body.passkeyAssertion !== null) {
    throw invalidInput('passkeyAssertion', 'cannot answer an SMS_OTP challenge; send code');
  }
  checkScaCode(ctx, quote, matches(body, 'code', /^\d{6}$/, 'the 6-digit code sent by SMS'));
  quote.scaChallenge = undefined;
  quote.status = 'COMPLETED';
  return { status: 200, body: quoteView(quote, ctx.clock.now()) };
}

function resendCode(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const quote = quoteOf(req, ctx);
  resendScaCode(ctx, quote, ctx.state.customers.get(quote.customerId)!);
  return { status: 204 };
}

export const quoteRoutes = [
  route('POST', `${GRID}/quotes`, 'grid', createQuote),
  route('GET', `${GRID}/quotes/:id`, 'grid', getQuote),
  route('POST', `${GRID}/quotes/:id/execute`, 'grid', executeQuote),
  route('POST', `${GRID}/quotes/:id/authorize`, 'grid', authorizeQuote),
  route('POST', `${GRID}/quotes/:id/authorize/resend`, 'grid', resendCode),
];
