import { randomInt } from 'node:crypto';
import { rfc3339, secondsFromNow } from './clock.ts';
import { sameSecret } from './constantTime.ts';
import type { EmulatorContext } from './context.ts';
import { ApiError, invalidInput } from './errors.ts';
import { newId } from './ids.ts';
import type { Customer, Quote, ScaChallenge } from './state.ts';

/**
 * Strong Customer Authentication on payments, for customers created with
 * `scaRequired` (Grid: EU customers). Executing their quote issues one SMS_OTP
 * challenge; its code goes to the customer's phone (the outbox), and
 * `POST /quotes/{id}/authorize {code}` releases the transfer. In sandbox mode the
 * code is Grid sandbox's documented `123456`.
 */
export const SCA_SANDBOX_CODE = '123456';
const SCA_TTL_SECONDS = 300;

function deliver(ctx: EmulatorContext, customer: Customer, challenge: ScaChallenge): void {
  ctx.outbox.deliver({ to: customer.phoneNumber!, channel: 'SMS', code: challenge.code, challengeId: challenge.id });
}

export function issueScaChallenge(ctx: EmulatorContext, customer: Customer): ScaChallenge {
  const code = ctx.options.otpMode === 'sandbox' ? SCA_SANDBOX_CODE : String(randomInt(0, 1_000_000)).padStart(6, '0');
  const challenge = { id: newId('ScaChallenge'), expiresAt: secondsFromNow(ctx.clock, SCA_TTL_SECONDS), code };
  deliver(ctx, customer, challenge);
  return challenge;
}

/** Grid's ScaChallenge object (never the code). */
export function scaChallengeView(challenge: ScaChallenge): Record<string, unknown> {
  return {
    id: challenge.id,
    expiresAt: rfc3339(challenge.expiresAt),
    factor: 'SMS_OTP',
    availableFactors: ['SMS_OTP'],
    purpose: 'TRANSFER',
  };
}

const noPendingChallenge = () => new ApiError(409, 'CONFLICT', 'This quote has no pending Strong Customer Authentication challenge');

/** The quote's live challenge; 409 when there is none to authorize. */
export function pendingChallenge(quote: Quote): ScaChallenge {
  if (quote.status !== 'PENDING_AUTHORIZATION' || !quote.scaChallenge) throw noPendingChallenge();
  return quote.scaChallenge;
}

/** `POST /quotes/{id}/authorize/resend`: the same code again; the challenge's expiry is not extended. */
export function resendScaCode(ctx: EmulatorContext, quote: Quote, customer: Customer): void {
  const challenge = pendingChallenge(quote);
  ctx.limits.challenges.check(challenge.id, 'code re-sends');
  ctx.limits.challenges.record(challenge.id);
  deliver(ctx, customer, challenge);
}

/**
 * Checks an ScaAuthorization `{code}` against the quote's challenge: 400 naming
 * `code` when wrong or expired, 429 after five wrong codes in ten minutes.
 */
export function checkScaCode(ctx: EmulatorContext, quote: Quote, code: string): void {
  const challenge = pendingChallenge(quote);
  ctx.limits.failedVerifications.check(challenge.id, 'failed authorizations');
  if (ctx.clock.now() >= challenge.expiresAt) throw invalidInput('code', 'the challenge has expired; create a new quote');
  if (!sameSecret(code, challenge.code)) {
    ctx.limits.failedVerifications.record(challenge.id);
    throw invalidInput('code', 'is not the code that was sent');
  }
}
