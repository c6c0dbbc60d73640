/**
 * The emulator's made-up pricing for quotes: 0.8 % of the amount, rounded up to
 * the amount's precision (at least cents), so "12.50" pays "0.10". Decimal strings
 * are handled as integers of the smallest unit, never as floats.
 */
const FEE_PER_MILLE = 8n;

export function quoteFee(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  const scale = Math.max(2, fraction.length);
  const units = BigInt(whole! + fraction.padEnd(scale, '0'));
  const fee = (units * FEE_PER_MILLE + 999n) / 1000n;
  const digits = fee.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
