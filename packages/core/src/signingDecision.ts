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

/**
 * What a grant covers. There is one scope: the site's payments (and keeping its
 * session alive by refreshing it to a key this extension holds, which hands
 * nothing out). A grant stored without a scope reads as this one, never wider.
 */
export type GrantScope = 'payments';

/** Why the approval window shows a red warning (or, for `unreadable`, says it cannot read the request). */
export type Caution =
  | 'unreadable'
  | 'adds-credential'
  | 'removes-credential'
  | 'changes-contact'
  | 'exports-wallet'
  | 'gives-key-away'
  | 'delegates-signing'
  | 'signs-raw-data'
  | 'unfamiliar';

export type SigningDecision =
  /** Never signed, never shown: the site would get a key of its own. */
  | { verdict: 'refuse'; reason: 'key_not_held' }
  /**
   * Signed after the user approves, or without asking when `unprompted` says
   * what may cover it: a grant of that scope held by the origin, or (`otp`) the
   * client key's one signature after its code was typed. `offers` names the
   * grant the prompt may offer ("Don't ask again for payments…"): only a
   * payment prompt offers one.
   */
  | { verdict: 'ask'; caution?: Caution; unprompted?: GrantScope | 'otp'; offers?: GrantScope };

export type AskDecision = Extract<SigningDecision, { verdict: 'ask' }>;

/** The grant approving with "don't ask again" may start, if any (the window offers it only then). */
export function offersGrant(decision: AskDecision): GrantScope | undefined {
  return decision.offers;
}
