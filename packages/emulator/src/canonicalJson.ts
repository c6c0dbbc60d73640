/**
 * Compact JSON with object keys sorted alphabetically at every level. Used for the
 * Turnkey-style payloadToSign bodies and to compare a signed retry's body with the
 * first leg's (so whitespace and key order don't matter, values do).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
