import { startChallenge, verifyChallenge, type VerificationMethod } from '../authsignalChallenges.ts';
import type { EmulatorContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { E164, EMAIL, matches, object, oneOf, optionalString, string } from '../validate.ts';

/**
 * Authsignal's server API subset the integrator's backend uses for OTP
 * (seed 004): POST /v1/challenge and POST /v1/verify. Errors are rendered in
 * Authsignal's `{error, errorDescription}` shape by the server.
 */
const METHODS: readonly VerificationMethod[] = ['EMAIL_OTP', 'SMS', 'WHATSAPP'];
const SCOPES = ['add:authenticators', 'update:authenticators', 'add:authenticators update:authenticators'];

function challenge(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const body = object(req.body);
  const verificationMethod = oneOf(body, 'verificationMethod', METHODS);
  const action = string(body, 'action', { max: 256 });
  const idempotencyKey = optionalString(body, 'idempotencyKey', { max: 256 });
  const destination =
    verificationMethod === 'EMAIL_OTP'
      ? matches(body, 'email', EMAIL, 'an email address')
      : matches(body, 'phoneNumber', E164, 'an E.164 phone number such as +64270000000');
  for (const key of ['userId', 'locale', 'ipAddress', 'userAgent', 'deviceId']) optionalString(body, key, { max: 1024 });
  if (body.scope !== undefined) oneOf(body, 'scope', SCOPES);
  if (body.custom !== undefined) object(body.custom, 'custom');
  const started = startChallenge(ctx, { verificationMethod, action, destination, ...(idempotencyKey !== undefined && { idempotencyKey }) });
  // Authsignal's expiresAt is Unix seconds (Grid's are RFC 3339 strings).
  return {
    status: 200,
    body: { challengeId: started.challengeId, idempotencyKey: started.idempotencyKey, expiresAt: Math.floor(started.expiresAt / 1000) },
  };
}

function verify(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const body = object(req.body);
  const challengeId = string(body, 'challengeId', { max: 256 });
  const verificationCode = string(body, 'verificationCode', { max: 32 });
  const found = ctx.authsignal.get(challengeId);
  if (!found) throw notFound('Challenge');
  const outcome = verifyChallenge(ctx, found, verificationCode);
  if (!outcome.isVerified) return { status: 200, body: outcome };
  const contact = found.verificationMethod === 'EMAIL_OTP' ? { email: found.destination } : { phoneNumber: found.destination };
  return { status: 200, body: { isVerified: true, verificationMethod: found.verificationMethod, ...contact } };
}

export const authsignalRoutes = [
  route('POST', '/v1/challenge', 'authsignal', challenge),
  route('POST', '/v1/verify', 'authsignal', verify),
];
