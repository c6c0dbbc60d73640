import { createHash } from 'node:crypto';
import { bytesToBase64url, utf8 } from '@grid-wallet/core';
import { invalidInput, unauthorized } from './errors.ts';
import { decodeJwt, encodeSegment } from './jwt.ts';
import type { OauthIdentity } from './state.ts';

/**
 * OAUTH credentials the way Grid's sandbox checks them (the emulator's README, "Signing in"):
 * JWT-shaped OIDC tokens whose signature segment is not checked, a fixed issuer
 * list, freshness (iat within 60 s, 5 s skew; exp in the future), identity
 * (iss, aud, sub) matching the registered one, and on verify a nonce binding the
 * token to the session key.
 */
export const SANDBOX_ISSUERS = ['https://accounts.google.com', 'accounts.google.com', 'https://appleid.apple.com'] as const;
const FRESHNESS_SECONDS = 60;
const SKEW_SECONDS = 5;

export interface OidcClaims extends OauthIdentity {
  readonly email?: string;
  readonly iat: number;
  readonly exp: number;
  readonly nonce?: string;
}

/** Shape and issuer; 400 INVALID_INPUT otherwise (Grid answers a malformed token that way). */
export function parseOidcToken(token: string, field = 'oidcToken'): OidcClaims {
  const jwt = decodeJwt(token);
  if (!jwt) throw invalidInput(field, 'must be a JWT (header.payload.signature)');
  const { iss, aud, sub, email, iat, exp, nonce } = jwt.claims;
  if (typeof iss !== 'string' || !(SANDBOX_ISSUERS as readonly string[]).includes(iss)) {
    throw invalidInput(field, `iss must be one of ${SANDBOX_ISSUERS.join(', ')}`);
  }
  const audience = Array.isArray(aud) && aud.length === 1 ? aud[0] : aud;
  if (typeof audience !== 'string' || audience === '') throw invalidInput(field, 'aud must be a non-empty string or a one-element array');
  if (typeof sub !== 'string' || sub === '') throw invalidInput(field, 'sub must be a non-empty string');
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp)) {
    throw invalidInput(field, 'iat and exp must be numbers');
  }
  return {
    iss,
    aud: audience,
    sub,
    iat,
    exp,
    ...(typeof email === 'string' && { email }),
    ...(typeof nonce === 'string' && { nonce }),
  };
}

function checkNotExpired(claims: OidcClaims, nowMs: number): void {
  if (claims.exp <= nowMs / 1000) throw unauthorized('oidcToken has expired');
}

/** Registration and sign-in need a token minted moments ago, not one replayed from an earlier login. */
export function checkFresh(claims: OidcClaims, nowMs: number): void {
  checkNotExpired(claims, nowMs);
  const age = nowMs / 1000 - claims.iat;
  if (age > FRESHNESS_SECONDS + SKEW_SECONDS) throw unauthorized(`oidcToken iat is more than ${FRESHNESS_SECONDS} s old`);
  if (age < -SKEW_SECONDS) throw unauthorized('oidcToken iat is in the future');
}

/** The nonce a verify token must carry: lowercase hex SHA-256 of the clientPublicKey text exactly as sent. */
export function nonceFor(clientPublicKeyHex: string): string {
  return createHash('sha256').update(clientPublicKeyHex, 'utf8').digest('hex');
}

export function sameIdentity(a: OauthIdentity, b: OauthIdentity): boolean {
  return a.iss === b.iss && a.aud === b.aud && a.sub === b.sub;
}

export function providerName(iss: string): 'Google' | 'Apple' {
  return iss.includes('apple') ? 'Apple' : 'Google';
}

/** A sandbox-style token, as `POST /_emulator/oauth/token` hands out. Valid for an hour. */
export function mintOidcToken(input: { sub: string; email: string; aud: string; iss: string; nonce?: string }, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const claims = {
    iss: input.iss,
    aud: input.aud,
    sub: input.sub,
    email: input.email,
    email_verified: true,
    iat,
    exp: iat + 3600,
    ...(input.nonce !== undefined && { nonce: input.nonce }),
  };
  const header = encodeSegment({ alg: 'RS256', kid: 'emulator-sandbox', typ: 'JWT' });
  return `${header}.${encodeSegment(claims)}.${bytesToBase64url(utf8('emulator-sandbox-signature'))}`;
}
