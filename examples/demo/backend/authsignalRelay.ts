import { E164, EMAIL, matches, object, oneOf, optionalString, string } from '../../../packages/emulator/src/validate.ts';
import type { DemoDeps, DemoHandler } from './handler.ts';
import { basicAuthorization, callUpstream, expectSuccess } from './upstream.ts';

/**
 * Authsignal's OTP challenge and verify (seed 004), relayed with the secret key
 * held here (Basic auth, the key as user name, empty password). Only the fields
 * the demo uses are accepted and forwarded. Authsignal's `{error,
 * errorDescription}` errors come back in the demo's `{status, code, message}`.
 */
const METHODS = ['SMS', 'WHATSAPP', 'EMAIL_OTP'] as const;
const ACTION = /^[A-Za-z0-9_-]{1,64}$/;

function callAuthsignal(deps: DemoDeps, path: string, body: Record<string, unknown>): Promise<unknown> {
  const { baseUrl, secretKey } = deps.config.authsignal;
  return callUpstream('Authsignal', {
    method: 'POST',
    url: `${baseUrl}${path}`,
    authorization: basicAuthorization(secretKey, ''),
    body,
  }).then((reply) => expectSuccess('Authsignal', reply));
}

export const startAuthsignalChallenge: DemoHandler = async (request, deps) => {
  const body = object(request.body);
  const verificationMethod = oneOf(body, 'verificationMethod', METHODS);
  const action = matches(body, 'action', ACTION, 'an action code of letters, digits, _ and -');
  const idempotencyKey = optionalString(body, 'idempotencyKey', { max: 128 });
  const contact =
    verificationMethod === 'EMAIL_OTP'
      ? { email: matches(body, 'email', EMAIL, 'an email address') }
      : { phoneNumber: matches(body, 'phoneNumber', E164, 'an E.164 phone number such as +15555550123') };
  const forwarded = { verificationMethod, action, ...contact, ...(idempotencyKey !== undefined && { idempotencyKey }) };
  return { status: 200, body: await callAuthsignal(deps, '/v1/challenge', forwarded) };
};

export const verifyAuthsignalChallenge: DemoHandler = async (request, deps) => {
  const body = object(request.body);
  const challengeId = string(body, 'challengeId', { max: 128 });
  const verificationCode = string(body, 'verificationCode', { max: 32 });
  return { status: 200, body: await callAuthsignal(deps, '/v1/verify', { challengeId, verificationCode }) };
};
