import { ApiError, invalidInput } from '../../../packages/emulator/src/errors.ts';
import { E164, EMAIL, id, matches, object } from '../../../packages/emulator/src/validate.ts';
import type { DemoDeps, DemoHandler } from './handler.ts';
import { callUpstream, expectSuccess } from './upstream.ts';

/**
 * Demo-only shortcuts through the emulator's admin routes, standing in for what
 * a real integrator gets elsewhere: a provisioned customer (Grid's customer
 * API), the codes that were "sent" (the user's inbox or phone) and an OIDC ID
 * token (Google's sign-in). Off when the backend relays to real Grid.
 */
function emulatorUrl(deps: DemoDeps): string {
  const url = deps.config.emulatorUrl;
  if (url === null) throw new ApiError(501, 'EMULATOR_ONLY', 'This demo helper needs the emulator; it is off while relaying to real Grid');
  return url;
}

async function callEmulator(deps: DemoDeps, method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<unknown> {
  const reply = await callUpstream('The emulator', { method, url: `${emulatorUrl(deps)}/_emulator${path}`, ...(body && { body }) });
  return expectSuccess('The emulator', reply);
}

/** `{email, phoneNumber?, scaRequired?}` → the emulator's `{customer, account, credential}`. */
export const createDemoCustomer: DemoHandler = async (request, deps) => {
  const body = object(request.body);
  const email = matches(body, 'email', EMAIL, 'an email address');
  const phoneNumber =
    body.phoneNumber === undefined ? undefined : matches(body, 'phoneNumber', E164, 'an E.164 phone number such as +15555550123');
  if (body.scaRequired !== undefined && typeof body.scaRequired !== 'boolean') throw invalidInput('scaRequired', 'must be a boolean');
  const account = { email, ...(phoneNumber !== undefined && { phoneNumber }), ...(body.scaRequired === true && { scaRequired: true }) };
  return { status: 201, body: await callEmulator(deps, 'POST', '/accounts', account) };
};

/** `{accountId}` → the emulator's `{id: "Card:…", fundingSourceId, accountId}`: a card funded by the wallet (for delegated keys). */
export const createDemoCard: DemoHandler = async (request, deps) => {
  const accountId = id(object(request.body), 'accountId', 'InternalAccount');
  return { status: 201, body: await callEmulator(deps, 'POST', '/cards', { accountId }) };
};

/** `{data: [{to, channel, code, …}]}`, newest first. */
export const readOutbox: DemoHandler = async (_request, deps) => ({ status: 200, body: await callEmulator(deps, 'GET', '/outbox') });

/**
 * `{email, nonce?}` → `{oidcToken}` for the OAuth demo. The subject is derived
 * from the email so linking and signing in present the same identity.
 */
export const mintOidcToken: DemoHandler = async (request, deps) => {
  const body = object(request.body);
  const email = matches(body, 'email', EMAIL, 'an email address');
  const nonce = body.nonce === undefined ? undefined : matches(body, 'nonce', /^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 digest');
  const claims = { sub: `demo-user:${email}`, email, ...(nonce !== undefined && { nonce }) };
  return { status: 201, body: await callEmulator(deps, 'POST', '/oauth/token', claims) };
};
