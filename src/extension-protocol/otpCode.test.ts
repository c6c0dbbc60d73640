import { describe, expect, it } from 'vitest';
import { normaliseOtp, otpPattern } from './otpCode.ts';

describe('OTP codes', () => {
  it('matches digits of the requested length, letters too when alphanumeric, 4–12 when unspecified', () => {
    expect(otpPattern({ length: 6 }).test('123456')).toBe(true);
    expect(otpPattern({ length: 6 }).test('12345a')).toBe(false);
    expect(otpPattern({ length: 6 }).test('1234567')).toBe(false);
    expect(otpPattern({ length: 8, alphanumeric: true }).test('AB12cd34')).toBe(true);
    expect(otpPattern({}).test('1234')).toBe(true);
    expect(otpPattern({}).test('123')).toBe(false);
    expect(otpPattern({}).test('1'.repeat(13))).toBe(false);
  });

  it('drops the spaces and dashes a code is written with, and anything past its length', () => {
    expect(normaliseOtp(' 123-456 ', { length: 6 })).toBe('123456');
    expect(normaliseOtp('123 4567', { length: 6 })).toBe('123456');
    expect(normaliseOtp('AB12-CD34-EF56', {})).toBe('AB12CD34EF56');
  });
});
