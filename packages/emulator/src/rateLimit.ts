import type { Clock } from './clock.ts';
import { rateLimited } from './errors.ts';

/**
 * Sliding-window counters per key (a credential id). Used for OTP/passkey
 * challenges issued too often and for repeated failed verifications.
 */
export interface RateLimiter {
  /** Throws 429 RATE_LIMITED with Retry-After when `key` already has `limit` events in the window. */
  check(key: string, what: string): void;
  record(key: string): void;
  reset(key: string): void;
}

export function createRateLimiter(clock: Clock, limit: number, windowSeconds: number): RateLimiter {
  const events = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const since = clock.now() - windowSeconds * 1000;
    const kept = (events.get(key) ?? []).filter((t) => t > since);
    events.set(key, kept);
    return kept;
  };
  return {
    check(key, what) {
      const times = recent(key);
      if (times.length < limit) return;
      const oldest = times[times.length - limit]!;
      throw rateLimited(Math.max(1, Math.ceil((oldest + windowSeconds * 1000 - clock.now()) / 1000)), what);
    },
    record: (key) => void recent(key).push(clock.now()),
    reset: (key) => void events.delete(key),
  };
}
