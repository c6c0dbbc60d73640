import type { AuthMethod, AuthSession, SessionInfo } from '@grid-wallet/sdk';

/** Which session does what, from the extension's list and Grid's. Pure functions. */

/** The session this page signs with: the account's session in this browser that lives longest. */
export function currentSession(walletSessions: readonly SessionInfo[], accountId: string | undefined): SessionInfo | null {
  const mine = walletSessions.filter((s) => s.accountId === accountId);
  return mine.reduce<SessionInfo | null>((best, s) => (best === null || s.expiresAt > best.expiresAt ? s : best), null);
}

/** Sessions this browser still holds that Grid no longer lists (revoked with their credential, or expired). */
export function sessionsGoneAtGrid(
  walletSessions: readonly SessionInfo[],
  accountSessions: readonly AuthSession[],
  accountId: string,
): SessionInfo[] {
  const active = new Set(accountSessions.map((s) => s.id));
  return walletSessions.filter((s) => s.accountId === accountId && !active.has(s.sessionId));
}

/**
 * A session that may authorise revoking `credential`: Grid wants one issued by
 * another credential. Sessions name their credential by type (and WebAuthn id
 * for passkeys), so that is what tells them apart.
 */
export function signerForRevoking(credential: AuthMethod, walletSessions: readonly SessionInfo[]): SessionInfo | null {
  const other = (s: SessionInfo) =>
    s.type !== credential.type || (credential.type === 'PASSKEY' && s.credentialId !== credential.credentialId);
  return currentSession(walletSessions.filter(other), credential.accountId);
}
