import { id, object } from '../../../packages/emulator/src/validate.ts';
import { startAuthsignalChallenge, verifyAuthsignalChallenge } from './authsignalRelay.ts';
import { createDemoCard, createDemoCustomer, mintOidcToken, readOutbox } from './emulatorHelpers.ts';
import type { DemoHandler } from './handler.ts';

/**
 * The backend's JSON API besides the Grid relay (`/api/grid/*`, gridRelay.ts),
 * keyed by `METHOD path`. README.md documents each.
 */

/** `{accountId}` → `{challenge, expiresAt}`: a fresh passkey registration challenge for that account. */
const issueRegistrationChallenge: DemoHandler = async (request, deps) => {
  const accountId = id(object(request.body), 'accountId', 'InternalAccount');
  return { status: 201, body: deps.registrationChallenges.issue(accountId) };
};

export const API_ROUTES: Readonly<Record<string, DemoHandler>> = {
  'POST /api/passkey-challenges': issueRegistrationChallenge,
  'POST /api/authsignal/challenge': startAuthsignalChallenge,
  'POST /api/authsignal/verify': verifyAuthsignalChallenge,
  'POST /api/demo/customers': createDemoCustomer,
  'GET /api/demo/outbox': readOutbox,
  'POST /api/demo/oidc-tokens': mintOidcToken,
  'POST /api/demo/cards': createDemoCard,
};
