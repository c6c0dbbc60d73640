/** Small, dependency-free statistics for the benchmark. Inputs are never mutated. */

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Linear-interpolated percentile, p in [0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * One metric over repeated runs (rounds): the median is the headline, min–max is
 * the spread, and `relSpread` is (max − min) / median, a quick noise gauge.
 */
export interface Summary {
  median: number;
  min: number;
  max: number;
  relSpread: number;
  runs: number[];
}

export function summarize(runs: readonly number[]): Summary {
  const m = median(runs);
  const min = Math.min(...runs);
  const max = Math.max(...runs);
  return { median: m, min, max, relSpread: m === 0 ? 0 : (max - min) / Math.abs(m), runs: [...runs] };
}

/** p50/p95/p99 of one run's latency samples, in the samples' unit. */
export function latencyPercentiles(samples: readonly number[]): { p50: number; p95: number; p99: number } {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

/** Alternates the order of contenders between rounds (ABC, CBA, BCA, BAC, …) so order effects and drift hit all alike. */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const base = round % 2 === 0 ? [...items] : [...items].reverse();
  const shift = Math.floor(round / 2) % base.length;
  return [...base.slice(shift), ...base.slice(0, shift)];
}
