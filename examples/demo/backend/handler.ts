import type { DemoConfig } from './config.ts';
import type { RegistrationChallenges } from './registrationChallenges.ts';

/** What every route handler of the demo backend receives and returns. */
export interface DemoRequest {
  readonly method: string;
  /** Parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
}

export interface DemoReply {
  readonly status: number;
  /** JSON body; undefined sends an empty body (204). */
  readonly body?: unknown;
}

/** Long-lived state and settings the handlers share. */
export interface DemoDeps {
  readonly config: DemoConfig;
  readonly registrationChallenges: RegistrationChallenges;
}

export type DemoHandler = (request: DemoRequest, deps: DemoDeps) => Promise<DemoReply>;
