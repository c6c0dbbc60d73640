import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createContext, type EmulatorContext } from './context.ts';
import { ApiError } from './errors.ts';
import { sameSecret } from './constantTime.ts';
import { header, parseBasicAuth, PayloadTooLarge, readJsonBody, sendJson } from './http.ts';
import { resolveOptions, type EmulatorOptions, type ResolvedOptions } from './options.ts';
import { matchRoute, routeKey, type ApiRequest, type AuthScheme, type Route } from './router.ts';
import { adminRoutes } from './routes/admin.ts';
import { authsignalRoutes } from './routes/authsignal.ts';
import { credentialChallengeRoutes } from './routes/credentialChallenge.ts';
import { credentialRoutes } from './routes/credentials.ts';
import { credentialVerifyRoutes } from './routes/credentialVerify.ts';
import { customerRoutes } from './routes/customers.ts';
import { delegatedKeyRoutes } from './routes/delegatedKeys.ts';
import { internalAccountRoutes } from './routes/internalAccounts.ts';
import { quoteRoutes } from './routes/quotes.ts';
import { sessionRoutes } from './routes/sessions.ts';

/**
 * The emulator's HTTP server: routing, authentication, body reading and error
 * rendering around the route handlers. Listens on 127.0.0.1 only.
 */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:8787` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly options: ResolvedOptions;
  /** Forgets every customer, account, session, quote and sent code, and puts the clock back to real time. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Every route the emulator serves; the contract test checks each against Grid's document and exercises it. */
export const ROUTES: readonly Route[] = [
  ...credentialRoutes,
  ...credentialChallengeRoutes,
  ...credentialVerifyRoutes,
  ...sessionRoutes,
  ...quoteRoutes,
  ...internalAccountRoutes,
  ...customerRoutes,
  ...delegatedKeyRoutes,
  ...authsignalRoutes,
  ...adminRoutes,
];

/** Authsignal answers `{error, errorDescription}`; everything else Grid's `{status, code, message}`. */
const AUTHSIGNAL_ERRORS: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  404: 'not_found',
  405: 'method_not_allowed',
};

function errorBody(error: ApiError, authsignal: boolean): unknown {
  if (authsignal) return { error: AUTHSIGNAL_ERRORS[error.status] ?? 'unexpected_error', errorDescription: error.message };
  return { status: error.status, code: error.code, message: error.message, ...(error.details && { details: error.details }) };
}

function authenticate(scheme: AuthScheme, req: IncomingMessage, options: ResolvedOptions): void {
  if (scheme === 'none') return;
  const given = parseBasicAuth(req.headers.authorization);
  const ok =
    given !== null &&
    (scheme === 'grid'
      ? sameSecret(given.user, options.apiToken.id) && sameSecret(given.password, options.apiToken.secret)
      : sameSecret(given.user, options.authsignalSecret) && given.password === '');
  if (!ok) {
    throw new ApiError(401, 'UNAUTHORIZED', 'Missing or invalid HTTP Basic credentials', undefined, {
      'WWW-Authenticate': `Basic realm="${scheme === 'grid' ? 'Grid' : 'Authsignal'}"`,
    });
  }
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

/** Routes, authenticates and runs the handler; every outcome, error or not, becomes one answer. */
async function answer(ctx: EmulatorContext, req: IncomingMessage, url: URL, seen: { route?: string; body?: unknown }): Promise<Answer> {
  const authsignal = url.pathname.startsWith('/v1/');
  try {
    const match = matchRoute(ROUTES, req.method ?? 'GET', url.pathname);
    if (match.kind === 'none') throw new ApiError(404, 'REFERENCE_NOT_FOUND', `No route for ${req.method} ${url.pathname}`);
    if (match.kind === 'wrong-method') {
      const allow = { Allow: match.allowed.join(', ') };
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`, undefined, allow);
    }
    seen.route = routeKey(match.route);
    authenticate(match.route.auth, req, ctx.options);
    seen.body = req.method === 'GET' ? undefined : await readJsonBody(req);
    const request: ApiRequest = {
      params: match.params,
      query: url.searchParams,
      body: seen.body,
      header: (name) => header(req, name),
    };
    const response = await match.route.handler(request, ctx);
    return { status: response.status, body: response.body, ...(response.headers && { headers: response.headers }) };
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL_ERROR', 'Internal error');
    if (!(error instanceof ApiError)) console.error('[emulator] unexpected error', error);
    // A refused oversize upload: close the connection rather than drain the rest of it.
    const closing: Record<string, string> = error instanceof PayloadTooLarge ? { Connection: 'close' } : {};
    return { status: apiError.status, body: errorBody(apiError, authsignal), headers: { ...apiError.headers, ...closing } };
  }
}

async function handle(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<number> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const seen: { route?: string; body?: unknown } = {};
  const { status, body, headers } = await answer(ctx, req, url, seen);
  sendJson(res, status, body, headers);
  ctx.options.onExchange?.({
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    ...(seen.route !== undefined && { route: seen.route }),
    requestHeaders: Object.keys(req.headers),
    requestBody: seen.body,
    status,
    responseBody: body,
  });
  return status;
}

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  // Requests in flight during a reset finish in the world they started in.
  const reset = async () => {
    ctx = await createContext(resolved, reset);
  };
  let ctx = await createContext(resolved, reset);
  const server = createServer((req, res) => {
    const started = performance.now();
    void handle(ctx, req, res).then((status) => {
      resolved.log?.(`${req.method} ${req.url} → ${status} (${Math.round(performance.now() - started)} ms)`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    options: resolved,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
