import {
  bytesToHex,
  COMPRESSED_LENGTH,
  compressPublicKey,
  publicKeyFromScalar,
  randomScalar,
  sealSessionBundle,
  wipe,
} from '@grid-wallet/core';
import { secondsAfter } from './clock.ts';
import type { EmulatorContext } from './context.ts';
import { newId } from './ids.ts';
import type { Credential, Session } from './state.ts';

/**
 * Creating sessions. The form of the client's public key picks the model
 * (the emulator's README, "Signing in"):
 *  - compressed (02/03…): client-held key: the client's own key becomes the session
 *    key and nothing secret is returned;
 *  - uncompressed (04…): legacy: the emulator makes a fresh session scalar, seals it
 *    to the client key as `encryptedSessionSigningKey`, and forgets it, keeping only
 *    the public key.
 */
export interface IssuedSession {
  readonly session: Session;
  readonly encryptedSessionSigningKey?: string;
}

export async function issueSession(ctx: EmulatorContext, credential: Credential, clientPublicKey: Uint8Array): Promise<IssuedSession> {
  if (clientPublicKey.length === COMPRESSED_LENGTH) {
    return { session: storeSession(ctx, credential, bytesToHex(clientPublicKey)) };
  }
  const scalar = randomScalar();
  try {
    const sessionPublicKey = bytesToHex(publicKeyFromScalar(scalar, true));
    const encryptedSessionSigningKey = await sealSessionBundle(scalar, clientPublicKey);
    return { session: storeSession(ctx, credential, sessionPublicKey), encryptedSessionSigningKey };
  } finally {
    wipe(scalar);
  }
}

/** The OTP two-leg flow: the key bound in the OTP bundle becomes the session key, whatever its encoding. */
export function clientHeldSession(ctx: EmulatorContext, credential: Credential, clientPublicKey: Uint8Array): IssuedSession {
  return { session: storeSession(ctx, credential, bytesToHex(compressPublicKey(clientPublicKey))) };
}

function storeSession(ctx: EmulatorContext, credential: Credential, publicKey: string): Session {
  // One read of the clock: a second one could fall in the next second, and the session outlive its TTL by it.
  const now = ctx.clock.now();
  const session: Session = {
    id: newId('Session'),
    accountId: credential.accountId,
    credentialId: credential.id,
    publicKey,
    createdAt: now,
    expiresAt: secondsAfter(now, ctx.options.sessionTtlSeconds),
    revoked: false,
  };
  ctx.state.sessions.set(session.id, session);
  return session;
}
