import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidInput } from '../../../packages/emulator/src/errors.ts';
import { header, readJsonBody } from '../../../packages/emulator/src/http.ts';
import { createGridRelay, FORWARDED_HEADERS, type RelayedCall } from '../../../packages/relay/src/index.ts';
import type { DemoDeps } from './handler.ts';

/**
 * `/api/grid/*`, the relay the page's GridTransport talks to: @grid-wallet/relay
 * (the SDK's routes, the API token added here, three headers passed) with this
 * demo's one check of its own. The demo has no app users, so `authorize` allows
 * every call but a passkey registration whose challenge this backend did not
 * issue; a real app checks that its signed-in user owns each id
 * (docs/integrator-guide.md §2, docs/security-model.md §3.12).
 */
export const GRID_RELAY_MOUNT = '/api/grid';

function isPasskeyRegistration(call: RelayedCall): call is RelayedCall & { body: Record<string, unknown> } {
  return call.method === 'POST' && call.route === '/auth/credentials' && (call.body as { type?: unknown } | undefined)?.type === 'PASSKEY';
}

export function createDemoGridRelay(deps: DemoDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<number> {
  // The challenge each registration presented, used up once Grid accepts the passkey.
  const presented = new WeakMap<Request, string>();
  const relay = createGridRelay({
    gridUrl: deps.config.grid.baseUrl,
    apiToken: { id: deps.config.grid.tokenId, secret: deps.config.grid.tokenSecret },
    mountPath: GRID_RELAY_MOUNT,
    authorize: (call, request) => {
      if (!isPasskeyRegistration(call)) return true;
      const { challenge, accountId } = call.body;
      if (
        typeof challenge !== 'string' ||
        typeof accountId !== 'string' ||
        !deps.registrationChallenges.isOutstanding(challenge, accountId)
      )
        throw invalidInput('challenge', 'was not issued by this backend for this account, was already used, or has expired');
      presented.set(request, challenge);
      return true;
    },
  });

  return async (req, res, url) => {
    const method = req.method ?? 'GET';
    // Read here for the size limit and the JSON check every route of this backend has.
    const body = await readJsonBody(req);
    if (body !== undefined && (method === 'GET' || method === 'HEAD')) throw invalidInput('body', `must be empty for ${method}`);
    const headers = FORWARDED_HEADERS.flatMap((name) => {
      const value = header(req, name);
      return value === undefined ? [] : [[name, value] as [string, string]];
    });
    const request = new Request(new URL(`${url.pathname}${url.search}`, 'http://localhost'), {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const reply = await relay(request);
    const challenge = presented.get(request);
    if (challenge !== undefined && reply.status === 201) deps.registrationChallenges.consume(challenge);
    const text = Buffer.from(await reply.arrayBuffer());
    res.writeHead(reply.status, { ...Object.fromEntries(reply.headers), 'Content-Length': text.length, 'Cache-Control': 'no-store' });
    res.end(text);
    return reply.status;
  };
}
