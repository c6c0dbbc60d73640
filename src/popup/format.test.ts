import './testing.ts';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatClock, formatDuration, humanise, shortId } from './format.ts';

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
    expect(formatAmount({ amount: 1250, currency: usd })).toBe('12.50 USD');
    expect(formatAmount({ amount: 5, currency: usd })).toBe('0.05 USD');
    expect(formatAmount({ amount: 123456789, currency: usd })).toBe('1,234,567.89 USD');
    expect(formatAmount({ amount: 1000, currency: { code: 'BTC', decimals: 8 } })).toBe('0.00001000 BTC');
    expect(formatAmount({ amount: 500, currency: { code: 'JPY', decimals: 0 } })).toBe('500 JPY');
    expect(formatAmount({ amount: Number.MAX_SAFE_INTEGER, currency: usd })).toBe('90,071,992,547,409.91 USD');
  });
});
