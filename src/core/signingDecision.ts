/**
 * What the signing policy (./signingPolicy.ts) decides, and what the approval
 * window needs to act on a decision it is handed: the grant lengths and whether
 * to offer one. Kept apart from the policy so the window does not load the
 * curve code the policy uses to compare keys.
 */

/** "Don't ask again for …": the only grant lengths a user can choose, in minutes. */
export const GRANT_MINUTES = [15, 60] as const;
export type GrantMinutes = (typeof GRANT_MINUTES)[number];

export function isGrantMinutes(value: unknown): value is GrantMinutes {
  return GRANT_MINUTES.includes(value as GrantMinutes);
}

/** Why the approval window shows a red warning (or, for `unreadable`, says it cannot read the request). */
export type Caution =
  | 'unreadable'
  | 'adds-credential'
  | 'removes-credential'
  | 'changes-contact'
  | 'exports-wallet'
  | 'gives-key-away'
  | 'delegates-signing';

export type SigningDecision =
  /** Never signed, never shown: the site would get a key of its own. */
  | { verdict: 'refuse'; reason: 'key_not_held' }
  /**
   * Signed after the user approves, or without asking when `unprompted` says
   * what may cover it: the origin's signing grant, or the client key's one
   * signature after its OTP was typed.
   */
  | { verdict: 'ask'; caution?: Caution; unprompted?: 'grant' | 'otp' };

export type AskDecision = Extract<SigningDecision, { verdict: 'ask' }>;

/** True when approving with "don't ask again" may start a grant (the window offers it only then). */
export function offersGrant(decision: AskDecision): boolean {
  return decision.unprompted === 'grant';
}
