import { createClock, type Clock } from './clock.ts';
import { createEnclave, type Enclave } from './enclave.ts';
import type { ResolvedOptions } from './options.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { createPendingRequests, type PendingRequests } from './pendingRequests.ts';
import { createRateLimiter, type RateLimiter } from './rateLimit.ts';
import { createState, type State } from './state.ts';
import type { OtpContext } from './otp.ts';
import type { AuthsignalContext } from './authsignalChallenges.ts';

/** Everything a route handler may use: one emulator's configuration and in-memory world. */
export interface EmulatorContext extends OtpContext, AuthsignalContext {
  readonly options: ResolvedOptions;
  readonly clock: Clock;
  readonly state: State;
  readonly enclave: Enclave;
  readonly outbox: Outbox;
  readonly pending: PendingRequests;
  readonly limits: {
    /** OTP / passkey challenges per credential: more than 5 a minute is refused. */
    readonly challenges: RateLimiter;
    /** Failed verifications per credential: 5 in 10 minutes locks the credential out until the window moves. */
    readonly failedVerifications: RateLimiter;
  };
  /** Replaces this whole world with a fresh one (`POST /_emulator/reset`); the options and the fixed enclave key stay. */
  readonly reset: () => Promise<void>;
}

export async function createContext(options: ResolvedOptions, reset: () => Promise<void>): Promise<EmulatorContext> {
  const clock = createClock();
  return {
    options,
    reset,
    clock,
    state: createState(),
    enclave: await createEnclave(),
    outbox: createOutbox(clock),
    pending: createPendingRequests(clock),
    otp: new Map(),
    authsignal: new Map(),
    limits: {
      challenges: createRateLimiter(clock, 5, 60),
      failedVerifications: createRateLimiter(clock, 5, 600),
    },
  };
}
