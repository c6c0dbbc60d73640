import { activity, ActivityType } from '../activities.ts';
import { secondsFromNow } from '../clock.ts';
import type { EmulatorContext } from '../context.ts';
import { ApiError, invalidInput, notFound } from '../errors.ts';
import { quoteFee } from '../fees.ts';
import { newId } from '../ids.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { sessionOfAccount } from '../signedRetry.ts';
import type { Quote } from '../state.ts';
import { id, matches, object, string } from '../validate.ts';
import { quoteView } from '../views.ts';
import { missingSignature, parseWalletSignature, verifyWalletSignature, WALLET_SIGNATURE_HEADER } from '../walletSignature.ts';
import { GRID } from './prefix.ts';

/**
 * A payment-like pair of endpoints, so signing money movement can be shown and
 * tested: create a quote (its payloadToSign is an ACTIVITY_TYPE_EXECUTE_QUOTE
 * body), then execute it with a stamp from an active session of the sending
 * account. Execute has no Request-Id; it takes an optional Idempotency-Key.
 */
const QUOTE_TTL_SECONDS = 300;
const AMOUNT = /^(0|[1-9]\d{0,15})(\.\d{1,8})?$/;
const CURRENCY = /^[A-Z]{3,5}$/;

function createQuote(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const body = object(req.body);
  const sendingAccountId = id(body, 'sendingAccountId', 'InternalAccount');
  const receiver = string(body, 'receiver', { max: 256 });
  const amount = matches(body, 'amount', AMOUNT, 'a positive decimal string such as "12.50"');
  if (/^[0.]+$/.test(amount)) throw invalidInput('amount', 'must be greater than zero');
  const currency = matches(body, 'currency', CURRENCY, 'an upper-case currency code such as USD, EUR or BTC');
  const account = ctx.state.accounts.get(sendingAccountId);
  if (!account) throw notFound('InternalAccount');
  const quoteId = newId('Quote');
  const fee = quoteFee(amount);
  const now = ctx.clock.now();
  const quote: Quote = {
    id: quoteId,
    sendingAccountId,
    receiver,
    amount,
    currency,
    fee,
    createdAt: now,
    expiresAt: secondsFromNow(ctx.clock, QUOTE_TTL_SECONDS),
    payloadToSign: activity(account, ActivityType.ExecuteQuote, { amount, currency, fee, quoteId, receiver, sendingAccountId }, now),
    status: 'PENDING',
  };
  ctx.state.quotes.set(quote.id, quote);
  return { status: 201, body: quoteView(quote) };
}

function executeQuote(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const quote = ctx.state.quotes.get(req.params.id!);
  if (!quote) throw notFound('Quote');
  const header = req.header(WALLET_SIGNATURE_HEADER);
  if (header === undefined) throw missingSignature();
  const signer = verifyWalletSignature(parseWalletSignature(header, ctx.options.otpMode === 'sandbox'), quote.payloadToSign);
  if (signer !== null) sessionOfAccount(ctx, quote.sendingAccountId)(signer);
  const idempotencyKey = req.header('Idempotency-Key');
  if (quote.executedWith) {
    // A retry of the call that completed the quote gets the same answer; anything else is a second execution.
    if (idempotencyKey !== undefined && idempotencyKey === quote.executedWith.idempotencyKey) return { status: 200, body: quoteView(quote) };
    throw new ApiError(409, 'QUOTE_ALREADY_EXECUTED', 'This quote has already been executed');
  }
  if (ctx.clock.now() >= quote.expiresAt) throw new ApiError(400, 'QUOTE_EXPIRED', 'This quote has expired; create a new one');
  quote.status = 'COMPLETED';
  quote.executedWith = { idempotencyKey };
  return { status: 200, body: quoteView(quote) };
}

export const quoteRoutes = [
  route('POST', `${GRID}/quotes`, 'grid', createQuote),
  route('POST', `${GRID}/quotes/:id/execute`, 'grid', executeQuote),
];
