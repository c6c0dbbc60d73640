import { timingSafeEqual } from 'node:crypto';

/** Compares a guess with a secret (API secret, one-time code) in constant time, so timing reveals nothing. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
