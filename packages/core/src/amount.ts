/**
 * Amounts as Grid sends them: integers of a currency's smallest unit (cents,
 * satoshis) with the currency's `decimals`. Converted to and from decimal text
 * with string arithmetic, so no float ever rounds a digit.
 */

/** 1250 with 2 decimals → { whole: "12", fraction: "50" }; 5 with 8 → { whole: "0", fraction: "00000005" }. */
export function splitMinorUnits(amount: number, decimals: number): { whole: string; fraction: string } {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('amount must be a non-negative safe integer');
  const digits = String(amount).padStart(decimals + 1, '0');
  return { whole: digits.slice(0, digits.length - decimals), fraction: digits.slice(digits.length - decimals) };
}

/** 1250 with 2 decimals → "12.50". */
export function minorUnitsToDecimal(amount: number, decimals: number): string {
  const { whole, fraction } = splitMinorUnits(amount, decimals);
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** "12.5" with 2 decimals → 1250; null when the text is not a plain decimal with at most `decimals` places, or too large. */
export function decimalToMinorUnits(text: string, decimals: number): number | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[2] ?? '').length > decimals) return null;
  const units = Number(BigInt(match[1]! + (match[2] ?? '').padEnd(decimals, '0')));
  return Number.isSafeInteger(units) ? units : null;
}
