import { randomUUID } from 'node:crypto';
import { secondsFromNow, type Clock } from './clock.ts';
import { sameSecret } from './constantTime.ts';
import type { OtpMode } from './options.ts';
import { generateCode, OTP_TTL_SECONDS } from './otp.ts';
import type { Channel, Outbox } from './outbox.ts';

/**
 * Authsignal's OTP challenges (POST /v1/challenge, POST /v1/verify): a code sent
 * by email, SMS or WhatsApp to the outbox, verified at most once, with a cap on
 * wrong guesses.
 */
export type VerificationMethod = 'EMAIL_OTP' | 'SMS' | 'WHATSAPP';
const MAX_ATTEMPTS = 5;

export interface AuthsignalChallenge {
  readonly challengeId: string;
  readonly verificationMethod: VerificationMethod;
  readonly action: string;
  readonly idempotencyKey: string;
  /** The email address (EMAIL_OTP) or E.164 phone number (SMS, WHATSAPP). */
  readonly destination: string;
  readonly code: string;
  readonly expiresAt: number;
  failedAttempts: number;
  verified: boolean;
}

/** The part of an EmulatorContext that Authsignal's challenges use (so this module does not depend on the context). */
export interface AuthsignalContext {
  readonly options: { readonly otpMode: OtpMode };
  readonly clock: Clock;
  readonly outbox: Outbox;
  /** Authsignal challenges by challengeId. */
  readonly authsignal: Map<string, AuthsignalChallenge>;
}

const CHANNEL: Record<VerificationMethod, Channel> = { EMAIL_OTP: 'EMAIL', SMS: 'SMS', WHATSAPP: 'WHATSAPP' };

export function startChallenge(
  ctx: AuthsignalContext,
  input: { verificationMethod: VerificationMethod; action: string; idempotencyKey?: string; destination: string },
): AuthsignalChallenge {
  const challenge: AuthsignalChallenge = {
    challengeId: randomUUID(),
    verificationMethod: input.verificationMethod,
    action: input.action,
    idempotencyKey: input.idempotencyKey ?? randomUUID(),
    destination: input.destination,
    code: generateCode(ctx.options.otpMode),
    expiresAt: secondsFromNow(ctx.clock, OTP_TTL_SECONDS),
    failedAttempts: 0,
    verified: false,
  };
  ctx.authsignal.set(challenge.challengeId, challenge);
  ctx.outbox.deliver({
    to: challenge.destination,
    channel: CHANNEL[challenge.verificationMethod],
    code: challenge.code,
    challengeId: challenge.challengeId,
  });
  return challenge;
}

export type VerifyOutcome =
  | { readonly isVerified: true }
  | { readonly isVerified: false; readonly failureReason: 'CODE_INVALID_OR_EXPIRED' | 'MAX_ATTEMPTS_EXCEEDED' };

/** A code is good once: after a success, or past expiry, every attempt fails. */
export function verifyChallenge(ctx: AuthsignalContext, challenge: AuthsignalChallenge, code: string): VerifyOutcome {
  if (challenge.failedAttempts >= MAX_ATTEMPTS) return { isVerified: false, failureReason: 'MAX_ATTEMPTS_EXCEEDED' };
  if (challenge.verified || ctx.clock.now() >= challenge.expiresAt || !sameSecret(code, challenge.code)) {
    challenge.failedAttempts += 1;
    return { isVerified: false, failureReason: 'CODE_INVALID_OR_EXPIRED' };
  }
  challenge.verified = true;
  return { isVerified: true };
}
