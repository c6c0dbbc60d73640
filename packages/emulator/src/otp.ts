import { randomInt } from 'node:crypto';
import { FormatError, generateP256Key, openOtpBundle, type P256KeyHandles } from '@grid-wallet/core';
import { sameSecret } from './constantTime.ts';
import type { Enclave } from './enclave.ts';
import { unauthorized } from './errors.ts';
import { secondsFromNow, type Clock } from './clock.ts';
import type { OtpMode } from './options.ts';
import type { Outbox } from './outbox.ts';
import type { Credential } from './state.ts';

/**
 * One-time codes for EMAIL_OTP / SMS_OTP credentials. Each issuance has its own
 * code (delivered to the outbox), its own enclave HPKE target key (published in the
 * signed `otpEncryptionTargetBundle`), a 300 s lifetime, and is good for exactly
 * one successful verification.
 */
export const OTP_TTL_SECONDS = 300;
export const SANDBOX_CODE = '000000';

export interface OtpIssuance {
  readonly code: string;
  readonly expiresAt: number;
  readonly target: P256KeyHandles;
  used: boolean;
}

/** The part of an EmulatorContext that codes use (so this module does not depend on the context). */
export interface OtpContext {
  readonly options: { readonly otpMode: OtpMode };
  readonly clock: Clock;
  readonly enclave: Enclave;
  readonly outbox: Outbox;
  /** The current OTP issuance per credential id; a new challenge replaces the old one. */
  readonly otp: Map<string, OtpIssuance>;
}

export function generateCode(mode: OtpMode): string {
  return mode === 'sandbox' ? SANDBOX_CODE : String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Sends a new code for `credential` (replacing any earlier one) and returns the target bundle. */
export async function issueOtp(ctx: OtpContext, credential: Credential): Promise<string> {
  const issuance: OtpIssuance = {
    code: generateCode(ctx.options.otpMode),
    expiresAt: secondsFromNow(ctx.clock, OTP_TTL_SECONDS),
    target: await generateP256Key(),
    used: false,
  };
  ctx.otp.set(credential.id, issuance);
  ctx.outbox.deliver({
    to: credential.nickname,
    channel: credential.type === 'SMS_OTP' ? 'SMS' : 'EMAIL',
    code: issuance.code,
    credentialId: credential.id,
  });
  return ctx.enclave.targetBundle(issuance.target.publicKey);
}

function liveIssuance(ctx: OtpContext, credential: Credential): OtpIssuance {
  const issuance = ctx.otp.get(credential.id);
  if (!issuance || issuance.used) throw unauthorized('no OTP is outstanding for this credential; call /challenge');
  if (ctx.clock.now() >= issuance.expiresAt) throw unauthorized('OTP expired');
  return issuance;
}

/** Seed (legacy) flow: the plaintext code the user typed. Consumes the issuance on success. */
export function consumeOtpCode(ctx: OtpContext, credential: Credential, code: string): void {
  const issuance = liveIssuance(ctx, credential);
  if (!sameSecret(code, issuance.code)) throw unauthorized('Invalid OTP code');
  issuance.used = true;
}

/**
 * Current flow: opens `encryptedOtpBundle` with the issuance's target key, checks
 * the code inside, consumes the issuance and returns the client key the bundle
 * binds (`public_key`, compressed or uncompressed).
 */
export async function consumeOtpBundle(ctx: OtpContext, credential: Credential, encryptedOtpBundle: string): Promise<Uint8Array> {
  const issuance = liveIssuance(ctx, credential);
  let opened: { otpCode: string; publicKey: Uint8Array };
  try {
    opened = await openOtpBundle(encryptedOtpBundle, issuance.target.agreementKey, issuance.target.publicKey);
  } catch (error) {
    if (error instanceof FormatError) throw unauthorized(error.message);
    throw error;
  }
  consumeOtpCode(ctx, credential, opened.otpCode);
  return opened.publicKey;
}
