import { invalidInput } from './errors.ts';

/**
 * The emulator's made-up market: a few currencies with Grid's `Currency` fields,
 * fixed rates against the US dollar, and a 0.8 % fee taken from the sending side.
 * Amounts are integers of the smallest unit (cents, satoshis) as Grid sends them,
 * computed with bigint, never in floating point.
 */
export interface Currency {
  readonly code: string;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
}

/** Units of the currency one US dollar buys, as a decimal string (fixed: this is an emulator). */
const MARKET: ReadonlyArray<Currency & { readonly perUsd: string }> = [
  { code: 'USD', name: 'United States Dollar', symbol: '$', decimals: 2, perUsd: '1' },
  { code: 'EUR', name: 'Euro', symbol: '€', decimals: 2, perUsd: '0.92' },
  { code: 'GBP', name: 'Pound Sterling', symbol: '£', decimals: 2, perUsd: '0.79' },
  { code: 'MXN', name: 'Mexican Peso', symbol: '$', decimals: 2, perUsd: '17.05' },
  { code: 'BTC', name: 'Bitcoin', symbol: '₿', decimals: 8, perUsd: '0.000011' },
];

export const CURRENCY_CODES = MARKET.map((c) => c.code);

/** The currency an embedded wallet holds and sends in the emulator. */
export const WALLET_CURRENCY = 'USD';

export function currency(code: string, field: string): Currency {
  const found = MARKET.find((c) => c.code === code);
  if (!found) throw invalidInput(field, `must be one of ${CURRENCY_CODES.join(', ')} (the emulator's currencies)`, 'INVALID_CURRENCY');
  const { perUsd: _, ...view } = found;
  return view;
}

const RATE_SCALE = 10n ** 12n;

/** A decimal string as an integer scaled by RATE_SCALE. */
function scaled(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole!) * RATE_SCALE + BigInt(fraction.padEnd(12, '0'));
}

/** Units of `code` one US dollar buys, scaled by RATE_SCALE. */
function perUsd(code: string): bigint {
  return scaled(MARKET.find((c) => c.code === code)!.perUsd);
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** Converts smallest units of `from` to smallest units of `to`, rounding down (or up when `roundUp`). */
function convert(units: bigint, from: Currency, to: Currency, roundUp = false): bigint {
  const numerator = units * perUsd(to.code) * 10n ** BigInt(to.decimals);
  const denominator = perUsd(from.code) * 10n ** BigInt(from.decimals);
  return roundUp ? ceilDiv(numerator, denominator) : numerator / denominator;
}

const FEE_PER_MILLE = 8n;

/** 0.8 % of a sending amount, rounded up to a whole smallest unit. */
export function quoteFee(sendingUnits: bigint): bigint {
  return ceilDiv(sendingUnits * FEE_PER_MILLE, 1000n);
}

export interface Pricing {
  readonly totalSendingAmount: number;
  readonly totalReceivingAmount: number;
  readonly feesIncluded: number;
  /** Receiving major units per sending major unit, as in Grid's example (USD→EUR 0.92). */
  readonly exchangeRate: number;
}

/**
 * Prices a quote. SENDING locks what leaves the wallet (the fee comes out of it);
 * RECEIVING locks what arrives (the fee is added on top). Throws 400 naming
 * `lockedCurrencyAmount` when nothing would arrive.
 */
export function price(sending: Currency, receiving: Currency, side: 'SENDING' | 'RECEIVING', locked: number): Pricing {
  let send: bigint;
  let receive: bigint;
  let fee: bigint;
  if (side === 'SENDING') {
    send = BigInt(locked);
    fee = quoteFee(send);
    receive = convert(send - fee, sending, receiving);
  } else {
    receive = BigInt(locked);
    const beforeFee = convert(receive, receiving, sending, true);
    fee = quoteFee(beforeFee);
    send = beforeFee + fee;
  }
  if (receive <= 0n || send <= fee)
    throw invalidInput('lockedCurrencyAmount', 'is too small to pay the fee and deliver anything', 'AMOUNT_OUT_OF_RANGE');
  if (send > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidInput('lockedCurrencyAmount', 'is too large', 'AMOUNT_OUT_OF_RANGE');
  const rate = Number(perUsd(receiving.code)) / Number(perUsd(sending.code));
  return { totalSendingAmount: Number(send), totalReceivingAmount: Number(receive), feesIncluded: Number(fee), exchangeRate: rate };
}
