import { describe, expect, it } from 'vitest';
import { decimalToMinorUnits, minorUnitsToDecimal, splitMinorUnits } from './amount.ts';

describe('amounts in the smallest unit', () => {
  it('write as decimals with exactly the currency’s places', () => {
    expect(minorUnitsToDecimal(1250, 2)).toBe('12.50');
    expect(minorUnitsToDecimal(5, 2)).toBe('0.05');
    expect(minorUnitsToDecimal(1000, 8)).toBe('0.00001000');
    expect(minorUnitsToDecimal(500, 0)).toBe('500');
    expect(minorUnitsToDecimal(Number.MAX_SAFE_INTEGER, 2)).toBe('90071992547409.91');
    expect(splitMinorUnits(123456, 3)).toEqual({ whole: '123', fraction: '456' });
    expect(() => splitMinorUnits(1.5, 2)).toThrow(RangeError);
    expect(() => splitMinorUnits(-1, 2)).toThrow(RangeError);
  });

  it('read from decimal text, refusing more places than the currency has', () => {
    expect(decimalToMinorUnits('12.50', 2)).toBe(1250);
    expect(decimalToMinorUnits(' 12.5 ', 2)).toBe(1250);
    expect(decimalToMinorUnits('12', 2)).toBe(1200);
    expect(decimalToMinorUnits('0.00001', 8)).toBe(1000);
    expect(decimalToMinorUnits('12.505', 2)).toBeNull();
    expect(decimalToMinorUnits('1e3', 2)).toBeNull();
    expect(decimalToMinorUnits('-1', 2)).toBeNull();
    expect(decimalToMinorUnits('99999999999999999', 2)).toBeNull();
  });
});
