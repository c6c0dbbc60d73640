import type { DisplayAmount, SignDisplay } from '@grid-wallet/protocol';
import { GridApiError, GridSdkError, requireObject, requireString, type SignedPayment } from './errors.ts';
import { type GridTransport, paths, send } from './gridApi.ts';
import type { GridWallet } from './GridWallet.ts';

/**
 * Payments as Grid sends them (openapi: createQuote, executeQuote, authorizeQuote):
 * the integrator's backend creates a quote from the customer's EMBEDDED_WALLET
 * account; the quote's EMBEDDED_WALLET payment instruction carries the
 * `payloadToSign` the extension stamps; executing with that stamp releases the
 * transfer, after a Strong Customer Authentication code where the customer's
 * region requires one.
 */

/** Grid's `Currency`. Every field is optional in Grid's schema; the display needs `code` and `decimals`. */
export interface QuoteCurrency {
  /** ISO 4217 code for fiat, a ticker for crypto, e.g. `USD` or `BTC`. */
  code?: string;
  /** Full name, e.g. `US Dollar`. */
  name?: string;
  /** Display symbol, e.g. `$`. */
  symbol?: string;
  /** Digits after the decimal point: amounts are integers of 10^-decimals of a unit. */
  decimals?: number;
}

/** Grid's quote status; only a PENDING quote can be paid, PENDING_AUTHORIZATION awaits an SCA code. */
export type QuoteStatus = 'PENDING' | 'PENDING_AUTHORIZATION' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'EXPIRED';

/** Grid's `ScaChallenge`: the challenge to satisfy now (a quote may need several, one after another). */
export interface ScaChallenge {
  /** The challenge's id, informational for Grid (the SDK passes it to `collectOtp` as `credentialId`). */
  id: string;
  /** RFC 3339: when the challenge stops being accepted. */
  expiresAt: string;
  /** The factor it was issued for: an SMS code, an authenticator-app code, or a passkey (not supported by `payQuote`); Grid's default is SMS_OTP. */
  factor: 'SMS_OTP' | 'TOTP' | 'PASSKEY';
  /** The factors the customer may use to satisfy it. */
  availableFactors: Array<'SMS_OTP' | 'TOTP' | 'PASSKEY'>;
  /** Informational label of what this step authorizes (e.g. `PAYOUT`); absent or null when not given. Do not branch on it. */
  purpose?: string | null;
}

/** One of Grid's `PaymentInstructions`; for an embedded wallet, `accountOrWalletInfo` holds the payload to sign. */
export interface PaymentInstruction {
  /**
   * Where or how to pay; other account types carry their own fields.
   * - `accountType`: the kind of account or wallet, e.g. `EMBEDDED_WALLET`.
   * - `payloadToSign`: for `EMBEDDED_WALLET`, what the wallet must stamp to release the transfer.
   */
  accountOrWalletInfo: { accountType: string; payloadToSign?: string; [field: string]: unknown };
  /** Additional human-readable instructions for making the payment. */
  instructionsNotes?: string;
  /** Whether the account is a platform account (otherwise a customer account). */
  isPlatformAccount?: boolean;
}

/** Grid's `Quote`, as `POST /quotes` returns it (the fields the SDK reads, plus the required ones). */
export interface Quote {
  /** The quote's id (used in the execute and authorize paths). */
  id: string;
  /** Where the quote is in its life. */
  status: QuoteStatus;
  /** RFC 3339. */
  createdAt: string;
  /** RFC 3339: when the quote can no longer be executed. */
  expiresAt: string;
  /**
   * Where the money comes from: an account (the customer's EMBEDDED_WALLET for `payQuote`) or real-time funding.
   * - `sourceType`: `ACCOUNT` or `REALTIME_FUNDING`.
   * - `accountId`: for `ACCOUNT`, the account paid from.
   * - `customerId`: the customer on whose behalf it is sent; absent for the account owner (or, for real-time funding, the platform).
   * - `currency`: for `REALTIME_FUNDING`, the funding currency's code.
   */
  source: { sourceType: 'ACCOUNT' | 'REALTIME_FUNDING'; accountId?: string; customerId?: string; currency?: string };
  /**
   * Where the money goes.
   * - `destinationType`: `ACCOUNT` or `UMA_ADDRESS`.
   * - `accountId`: for `ACCOUNT`, the destination account.
   * - `paymentRail`: for `ACCOUNT`, the rail to use; Grid picks one when absent.
   * - `umaAddress`: for `UMA_ADDRESS`, the recipient's UMA address, e.g. `$receiver@uma.domain.com`.
   * - `currency`: for `UMA_ADDRESS`, the destination currency's code.
   */
  destination:
    | { destinationType: 'ACCOUNT'; accountId: string; paymentRail?: string }
    | { destinationType: 'UMA_ADDRESS'; umaAddress: string; currency?: string };
  /** The currency that leaves the source account. */
  sendingCurrency: QuoteCurrency;
  /** The currency the destination receives. */
  receivingCurrency: QuoteCurrency;
  /** Smallest unit of the sending currency, fees included. */
  totalSendingAmount: number;
  /** Smallest unit of the receiving currency. */
  totalReceivingAmount: number;
  /** Sending currency units per receiving currency unit (Grid's definition). */
  exchangeRate: number;
  /** Smallest unit of the sending currency. */
  feesIncluded: number;
  /** The platform's part of `feesIncluded`, in the smallest unit of the sending currency; may be absent in older payloads. */
  platformFeesIncluded?: number;
  /** How to pay the quote; `payQuote` signs the EMBEDDED_WALLET one. Absent when not needed. */
  paymentInstructions?: PaymentInstruction[];
  /** The id of the transaction created from this quote. */
  transactionId: string;
  /** Present while the quote is PENDING_AUTHORIZATION: the SCA challenge to answer next. */
  scaChallenge?: ScaChallenge;
}

/** The `payloadToSign` of the quote's EMBEDDED_WALLET payment instruction; throws when the quote has none. */
export function embeddedWalletPayload(quote: Quote): string {
  const instruction = quote.paymentInstructions?.find((i) => i.accountOrWalletInfo.accountType === 'EMBEDDED_WALLET');
  const payload = instruction?.accountOrWalletInfo.payloadToSign;
  if (typeof payload !== 'string' || payload === '') {
    throw new GridSdkError('QUOTE_NOT_PAYABLE', `Quote ${quote.id} has no EMBEDDED_WALLET payment instruction with a payloadToSign`);
  }
  return payload;
}

function amountIn(amount: number, currency: QuoteCurrency): DisplayAmount | undefined {
  if (currency.code === undefined || currency.decimals === undefined) return undefined;
  const { code, decimals, symbol, name } = currency;
  return { amount, currency: { code, decimals, ...(symbol !== undefined && { symbol }), ...(name !== undefined && { name }) } };
}

/**
 * What the approval window shows, as the site's claim, next to the transaction it
 * cannot read: amounts in each currency's decimals, fee, recipient, expiry.
 * `destinationLabel` replaces the raw destination (an account's friendly name).
 * Undefined when Grid sent no sending currency code and decimals.
 */
export function quoteDisplay(quote: Quote, destinationLabel?: string): SignDisplay | undefined {
  const sending = amountIn(quote.totalSendingAmount, quote.sendingCurrency);
  if (!sending) return undefined;
  const receiving = amountIn(quote.totalReceivingAmount, quote.receivingCurrency);
  const fee = amountIn(quote.feesIncluded, quote.sendingCurrency);
  const destination =
    destinationLabel ?? (quote.destination.destinationType === 'UMA_ADDRESS' ? quote.destination.umaAddress : quote.destination.accountId);
  return {
    payment: {
      sending,
      ...(receiving && { receiving }),
      ...(fee && { fee }),
      destination,
      expiresAt: quote.expiresAt,
      quoteId: quote.id,
    },
  };
}

/** Options of {@link payQuote}; `authorizeQuote` uses only `scaDestination`. */
export interface PayQuoteOptions {
  /** The extension session that signs (an active session of the quote's source account). */
  sessionId: string;
  /** Shown instead of the raw destination in the approval window. */
  destinationLabel?: string;
  /**
   * The execute call's `Idempotency-Key`; a fresh UUID when absent. Keep one per
   * payment your app makes, so a retry of that payment cannot pay twice.
   */
  idempotencyKey?: string;
  /**
   * The customer's signature for this quote from an earlier attempt (a
   * TRANSPORT_FAILED {@link GridSdkError}'s `payment`, with its `idempotencyKey`):
   * executes again without asking the customer a second time.
   */
  signature?: string;
  /** Where an SCA code was sent (a masked phone number), for the code prompt. */
  scaDestination?: string;
}

/** Wrong SCA codes the customer may type before payQuote gives up (Grid locks the login after more). */
const SCA_ATTEMPTS = 3;

/**
 * Pays a Grid quote from the customer's embedded wallet: the extension shows the
 * transaction with the quote's amounts as this site's claim and signs the
 * EMBEDDED_WALLET `payloadToSign` once the user approves; the quote is executed
 * with that `Grid-Wallet-Signature` and an `Idempotency-Key`; any SCA challenge is
 * answered with a code the customer types in the extension. Returns the quote as
 * Grid last answered (COMPLETED or PROCESSING when it went through).
 */
export async function payQuote(wallet: GridWallet, transport: GridTransport, quote: Quote, options: PayQuoteOptions): Promise<Quote> {
  requireString(requireObject(quote, 'quote').id, 'quote.id');
  requireString(requireObject(options, 'options').sessionId, 'options.sessionId');
  if (quote.status !== 'PENDING') {
    throw new GridSdkError('QUOTE_NOT_PAYABLE', `Quote ${quote.id} is ${quote.status}; only a PENDING quote can be paid`);
  }
  const payment = await signedPayment(wallet, quote, options);
  const headers = { 'Grid-Wallet-Signature': payment.signature, 'Idempotency-Key': payment.idempotencyKey };
  let executed: Quote;
  try {
    executed = (await send<Quote>(transport, { method: 'POST', path: paths.executeQuote(quote.id), headers })).body;
  } catch (error) {
    if (!(error instanceof GridSdkError && error.code === 'TRANSPORT_FAILED')) throw error;
    throw new GridSdkError('TRANSPORT_FAILED', `${error.message}. The customer signed: retry with the error's payment`, {
      cause: error.cause,
      payment,
    });
  }
  return authorizeQuote(wallet, transport, executed, options);
}

/** The signature given in `options` (a retry), else the customer's, asked for now. */
async function signedPayment(wallet: GridWallet, quote: Quote, options: PayQuoteOptions): Promise<SignedPayment> {
  const idempotencyKey = options.idempotencyKey ?? crypto.randomUUID();
  if (options.signature !== undefined) {
    if (options.idempotencyKey === undefined) {
      throw new GridSdkError('INVALID_ARGUMENT', "options.idempotencyKey must be the first attempt's key when options.signature is given", {
        field: 'options.idempotencyKey',
      });
    }
    return { idempotencyKey, signature: requireString(options.signature, 'options.signature') };
  }
  const payloadToSign = embeddedWalletPayload(quote);
  const display = quoteDisplay(quote, options.destinationLabel);
  const { signature } = await wallet.signPayload({ sessionId: options.sessionId, payloadToSign, ...(display && { display }) });
  return { idempotencyKey, signature };
}

/**
 * Answers a quote's SCA challenges until it leaves PENDING_AUTHORIZATION (Grid may
 * issue more than one in sequence). The code is typed in the extension and relayed
 * by this page to `POST /quotes/{id}/authorize`; "Resend code" re-sends it. A wrong
 * code asks again, up to three times. Passkey challenges are not supported here.
 */
export async function authorizeQuote(
  wallet: GridWallet,
  transport: GridTransport,
  quote: Quote,
  options: Pick<PayQuoteOptions, 'scaDestination'> = {},
): Promise<Quote> {
  let current = quote;
  let wrongCodes = 0;
  while (current.status === 'PENDING_AUTHORIZATION') {
    const challenge = current.scaChallenge;
    if (!challenge) throw new GridSdkError('UNEXPECTED_RESPONSE', `Quote ${current.id} awaits authorization but carries no scaChallenge`);
    if (challenge.factor === 'PASSKEY')
      throw new GridSdkError(
        'QUOTE_NOT_PAYABLE',
        `Quote ${current.id} asks for a passkey; payQuote answers SMS and authenticator-app codes only`,
      );
    const answer = await wallet.collectOtp({
      credentialId: challenge.id,
      expiresAt: challenge.expiresAt,
      ...(challenge.factor === 'SMS_OTP' && { channel: 'SMS' as const }),
      ...(options.scaDestination !== undefined && { destination: options.scaDestination }),
    });
    if ('resend' in answer) {
      await send(transport, { method: 'POST', path: paths.resendQuoteCode(current.id) });
      continue;
    }
    if (!('otp' in answer)) throw new GridSdkError('UNEXPECTED_RESPONSE', 'The extension did not return a code');
    try {
      current = (await send<Quote>(transport, { method: 'POST', path: paths.authorizeQuote(current.id), body: { code: answer.otp } })).body;
    } catch (error) {
      // 400 is Grid's "invalid or expired authorization proof": let the customer try again, a few times.
      if (!(error instanceof GridApiError && error.status === 400) || ++wrongCodes >= SCA_ATTEMPTS) throw error;
    }
  }
  return current;
}
