import { randomBytes } from 'node:crypto';

/**
 * Passkey registration challenges. Grid only checks that the challenge in the
 * attestation equals the one in the request; making it random, single use and
 * ours is the platform backend's job (grid-auth.md §6.3). Each is tied to the
 * account it was issued for and lives five minutes.
 */
export interface RegistrationChallenges {
  issue(accountId: string): { challenge: string; expiresAt: string };
  /** True while `challenge` was issued for `accountId`, unused and unexpired. */
  isOutstanding(challenge: string, accountId: string): boolean;
  /** Called once Grid accepted the passkey: the challenge can never be used again. */
  consume(challenge: string): void;
}

const TTL_MS = 5 * 60_000;

export function createRegistrationChallenges(now: () => number = Date.now): RegistrationChallenges {
  const issued = new Map<string, { accountId: string; expiresAt: number }>();
  const forgetExpired = () => {
    for (const [challenge, record] of issued) if (record.expiresAt <= now()) issued.delete(challenge);
  };
  return {
    issue(accountId) {
      forgetExpired();
      const challenge = randomBytes(32).toString('base64url');
      const expiresAt = now() + TTL_MS;
      issued.set(challenge, { accountId, expiresAt });
      return { challenge, expiresAt: new Date(expiresAt).toISOString() };
    },
    isOutstanding(challenge, accountId) {
      const record = issued.get(challenge);
      return record !== undefined && record.accountId === accountId && record.expiresAt > now();
    },
    consume: (challenge) => void issued.delete(challenge),
  };
}
