/**
 * The emulator's only source of time. Everything time-based (OTP expiry, session
 * expiry, pending signed requests, rate limits, OAuth freshness) reads this clock,
 * so tests and the demo can jump forward with `POST /_emulator/clock` instead of
 * waiting.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, like Date.now(). */
  now(): number;
  /** Moves the clock forward; the offset persists for the emulator's lifetime. */
  advance(seconds: number): void;
}

export function createClock(): Clock {
  let offsetMs = 0;
  return {
    now: () => Date.now() + offsetMs,
    advance: (seconds) => {
      offsetMs += seconds * 1000;
    },
  };
}

/**
 * An instant `seconds` from now, truncated to a whole second so that the RFC 3339
 * value we print and the value we compare against are the same instant.
 */
export function secondsFromNow(clock: Clock, seconds: number): number {
  return secondsAfter(clock.now(), seconds);
}

/** The same, from an instant already read: a record stamped `now` then expires exactly `seconds` after it. */
export function secondsAfter(time: number, seconds: number): number {
  return Math.floor(time / 1000) * 1000 + seconds * 1000;
}

/** RFC 3339 UTC without fractional seconds, as in Grid's examples (`2026-04-08T15:30:01Z`). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
