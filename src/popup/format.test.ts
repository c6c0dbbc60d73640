import { useLocale } from './testI18n.ts';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatClock, formatDuration, humanise, shortId } from './format.ts';

/** formatAmount with the locale's no-break spaces as plain ones, to compare with the strings below. */
const amount = (units: number, currency: { code: string; decimals: number }) =>
  formatAmount({ amount: units, currency }).replace(/[\u00a0\u202f]/g, ' ');

describe('format', () => {
  it('writes a countdown as m:ss or h:mm:ss, never below zero', () => {
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(299_001)).toBe('5:00');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-5)).toBe('0:00');
  });

  it('writes durations in words, rounding up so "0 min" never shows', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(14 * 60_000 + 1)).toBe('15 min');
    expect(formatDuration(60 * 60_000)).toBe('1 h');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
  });

  it('shortens long ids in the middle and keeps their prefix', () => {
    expect(shortId('InternalAccount:019542f5-b3e7-1d02-0000-000000000002')).toBe('InternalAccount:019542…000002');
    expect(shortId('InternalAccount:019542f5-b3e7-1d02-0000-000000000002', 4)).toBe('InternalAccount:0195…0002');
    expect(shortId('02a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90')).toBe('02a1b2…7e8f90');
    expect(shortId('Session:abc')).toBe('Session:abc');
  });

  it('turns activity types and parameter names into words', () => {
    expect(humanise('ACTIVITY_TYPE_SET_PAYMENT_LIMIT_V2')).toBe('Set payment limit');
    expect(humanise('sendingAccountId')).toBe('Sending account id');
  });

  it("writes smallest-unit amounts in major units with the currency's decimals, exactly", () => {
    const usd = { code: 'USD', decimals: 2 };
    expect(amount(1250, usd)).toBe('USD 12.50');
    expect(amount(5, usd)).toBe('USD 0.05');
    expect(amount(123456789, usd)).toBe('USD 1,234,567.89');
    expect(amount(Number.MAX_SAFE_INTEGER, usd)).toBe('USD 90,071,992,547,409.91');
  });

  it("places the decimal point where Grid's decimals say, even where the locale's default for the currency differs", () => {
    expect(amount(1500, { code: 'XOF', decimals: 2 })).toBe('XOF 15.00');
    expect(amount(1500, { code: 'USD', decimals: 0 })).toBe('USD 1,500');
    expect(amount(1234, { code: 'BHD', decimals: 2 })).toBe('BHD 12.34');
  });

  it('writes a code Intl does not take (not three letters) after the number, still to its decimals', () => {
    expect(amount(1250000, { code: 'USDC', decimals: 6 })).toBe('1.250000 USDC');
  });

  // Grid's amounts in the smallest unit, in each language the extension speaks.
  const AMOUNTS = [
    [150000, { code: 'XOF', decimals: 0 }],
    [2500000, { code: 'VND', decimals: 0 }],
    [123456, { code: 'USD', decimals: 2 }],
    [123456, { code: 'BRL', decimals: 2 }],
    [123456, { code: 'MXN', decimals: 2 }],
    [123456, { code: 'BTC', decimals: 8 }],
  ] as const;
  it.each([
    ['en', ['XOF 150,000', 'VND 2,500,000', 'USD 1,234.56', 'BRL 1,234.56', 'MXN 1,234.56', 'BTC 0.00123456']],
    ['es_419', ['XOF 150,000', 'VND 2,500,000', 'USD 1,234.56', 'BRL 1,234.56', 'MXN 1,234.56', 'BTC 0.00123456']],
    ['pt_BR', ['XOF 150.000', 'VND 2.500.000', 'USD 1.234,56', 'BRL 1.234,56', 'MXN 1.234,56', 'BTC 0,00123456']],
    ['fr', ['150 000 XOF', '2 500 000 VND', '1 234,56 USD', '1 234,56 BRL', '1 234,56 MXN', '0,00123456 BTC']],
  ])('writes XOF, VND, USD, BRL, MXN and 8-decimal amounts in %s', (locale, expected) => {
    useLocale(locale);
    try {
      expect(AMOUNTS.map(([units, currency]) => amount(units, currency))).toEqual(expected);
    } finally {
      useLocale('en');
    }
  });
});
