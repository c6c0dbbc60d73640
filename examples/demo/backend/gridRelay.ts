import { invalidInput } from '../../../packages/emulator/src/errors.ts';
import { isId } from '../../../packages/emulator/src/ids.ts';
import { object, optionalObject } from '../../../packages/emulator/src/validate.ts';
import { allowGridCall, type GridCall } from './gridAllowList.ts';
import type { DemoDeps, DemoHandler, DemoRequest } from './handler.ts';
import { basicAuthorization, callUpstream } from './upstream.ts';

/**
 * The relay the page's GridTransport talks to: `/api/grid/<Grid path>` with
 * Grid's own method, body and signing headers. It adds the API token (which
 * never leaves this process), forwards only the headers Grid's signed calls
 * use, and passes Grid's status and body back untouched.
 */

/** The request headers Grid reads from a client, and what each must look like. */
const FORWARDED_HEADERS: Record<string, (value: string) => boolean> = {
  'Grid-Wallet-Signature': (value) => /^[A-Za-z0-9_-]{1,4096}$/.test(value),
  'Request-Id': (value) => isId('Request', value),
  'Idempotency-Key': (value) => /^[\x21-\x7e]{1,255}$/.test(value),
};

function forwardedHeaders(request: DemoRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, valid] of Object.entries(FORWARDED_HEADERS)) {
    const value = request.header(name);
    if (value === undefined) continue;
    if (!valid(value)) throw invalidInput(name, 'header is malformed');
    headers[name] = value;
  }
  return headers;
}

/** POSTs Grid takes without a body: a quote's execute (its body only picks `scaFactor`) and its SCA code re-send. */
const NO_BODY_NEEDED = /\/(execute|resend)$/;

/** Grid's bodies are JSON objects; GET and DELETE carry none. */
function checkedBody(call: GridCall, body: unknown): Record<string, unknown> | undefined {
  if (call.method === 'GET' || call.method === 'DELETE') {
    if (body !== undefined) throw invalidInput('body', `must be empty for ${call.method}`);
    return undefined;
  }
  if (body === undefined && NO_BODY_NEEDED.test(call.route)) return undefined;
  return call.route.endsWith('/challenge') ? optionalObject(body) : object(body);
}

function isPasskeyRegistration(call: GridCall, body: Record<string, unknown> | undefined): boolean {
  return call.method === 'POST' && call.route === '/auth/credentials' && body?.type === 'PASSKEY';
}

function registrationChallenge(body: Record<string, unknown>, deps: DemoDeps): string {
  const { challenge, accountId } = body;
  if (typeof challenge !== 'string' || typeof accountId !== 'string' || !deps.registrationChallenges.isOutstanding(challenge, accountId)) {
    throw invalidInput('challenge', 'was not issued by this backend for this account, was already used, or has expired');
  }
  return challenge;
}

export const relayToGrid: DemoHandler = async (request, deps) => {
  const call = allowGridCall(request.method, request.path, request.query);
  const body = checkedBody(call, request.body);
  const headers = forwardedHeaders(request);
  const challenge = isPasskeyRegistration(call, body) ? registrationChallenge(body!, deps) : undefined;
  const { grid } = deps.config;
  const reply = await callUpstream('Grid', {
    method: call.method,
    url: `${grid.baseUrl}${call.gridPath}`,
    authorization: basicAuthorization(grid.tokenId, grid.tokenSecret),
    headers,
    ...(body !== undefined && { body }),
  });
  if (challenge !== undefined && reply.status === 201) deps.registrationChallenges.consume(challenge);
  return reply;
};
