import { contractViolations, formatViolation } from './check.ts';
import type { Exchange } from './exchange.ts';

/**
 * Watches an emulator's exchanges in tests: which routes were exercised, and every
 * contract violation (check.ts). Violations collect in this module until a test's
 * afterEach (vitestSetup.ts) or a fixture's teardown takes them and fails.
 */
const pending: string[] = [];

export interface ContractRecorder {
  /** The emulator's `onExchange` observer. */
  record(exchange: Exchange): void;
  /** Emulator routes (`METHOD /template`) that answered at least once. */
  readonly exercised: ReadonlySet<string>;
}

export function createContractRecorder(): ContractRecorder {
  const exercised = new Set<string>();
  return {
    exercised,
    record(exchange) {
      if (exchange.route !== undefined) exercised.add(exchange.route);
      try {
        pending.push(...contractViolations(exchange).map((v) => formatViolation(v, exchange)));
      } catch (error) {
        pending.push(`contract check of ${exchange.method} ${exchange.path} failed: ${String(error)}`);
      }
    },
  };
}

/** The violations recorded since the last call, emptying the list. */
export function takeContractViolations(): string[] {
  return pending.splice(0, pending.length);
}

/** Throws one error listing every violation recorded since the last call (for afterEach and fixture teardown). */
export function assertNoContractViolations(): void {
  const violations = takeContractViolations();
  if (violations.length > 0) {
    throw new Error(
      `The emulator's traffic does not match Grid's OpenAPI document (see packages/emulator/src/contract/exceptions.ts):\n- ${violations.join('\n- ')}`,
    );
  }
}
