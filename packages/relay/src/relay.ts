import { type GridRoute, matchCall, RouteRefusal, SDK_ROUTES } from './routes.ts';

/**
 * A Fetch-API handler (`Request → Response`: Node's http through a small adapter,
 * Express, Next.js route handlers, Hono, Workers) that relays the page's Grid calls
 * to Grid: only allow-listed routes, with the API token added here (it never
 * reaches the page), three headers passed through, and your check that the
 * signed-in user owns what each call names. Threats: docs/security-model.md.
 */

/** Grid's versioned path prefix; the SDK's paths are relative to it. */
export const GRID_PREFIX = '/grid/2025-10-13';

/** The only request headers forwarded to Grid (what its signed calls read), and the shape each must have. */
const HEADER_SHAPES = {
  'Grid-Wallet-Signature': /^[A-Za-z0-9_-]{1,4096}$/, // base64url
  'Request-Id': /^Request:[A-Za-z0-9._-]{1,128}$/,
  'Idempotency-Key': /^[\x21-\x7e]{1,255}$/, // printable ASCII
} as const;

export const FORWARDED_HEADERS = Object.keys(HEADER_SHAPES) as (keyof typeof HEADER_SHAPES)[];

/** The forwarded headers present on `request`; a malformed one is refused rather than passed to Grid. */
function forwardedHeaders(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value === null) continue;
    if (!HEADER_SHAPES[name].test(value)) throw new RouteRefusal(400, 'INVALID_INPUT', `${name}: header is malformed`);
    headers[name] = value;
  }
  return headers;
}

/** A call the allow-list let through, as your `authorize` hook sees it. */
export interface RelayedCall {
  readonly method: string;
  /** The route pattern, e.g. `/quotes/:Quote/execute`. */
  readonly route: string;
  /** Decoded ids: path ids by type (`Quote`, `AuthMethod`, `Customer`, …) and `accountId` from the query. */
  readonly ids: Readonly<Record<string, string>>;
  /** The parsed JSON body (it may name `accountId`, `source.accountId`, `source.customerId`); undefined when none. */
  readonly body: unknown;
}

export interface GridRelayOptions {
  /** Grid's base URL, without the prefix: `https://…` or the emulator's `http://127.0.0.1:8787`. */
  readonly gridUrl: string;
  /** Grid's API token (HTTP Basic); never sent anywhere but `gridUrl`, never in an answer. */
  readonly apiToken: { readonly id: string; readonly secret: string };
  /** Where the relay is mounted in your app; stripped from the request path. Default `/api/grid`. */
  readonly mountPath?: string;
  /** The calls to forward. Default {@link SDK_ROUTES}; list fewer when your app uses fewer. */
  readonly routes?: readonly GridRoute[];
  /**
   * Your authorisation: true when the signed-in user of your app may make this
   * call. Check every id it names against your own records (the account and
   * customer are theirs; the credential, session, quote or key belongs to their
   * account). A false answers 403 and nothing reaches Grid; an error it throws
   * reaches your own error handling (to answer a more specific refusal).
   */
  readonly authorize: (call: RelayedCall, request: Request) => boolean | Promise<boolean>;
  /** For tests. Default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** Grid's error shape, so the SDK's GridApiError reads the relay's own refusals too. */
function refusal(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ status, code, message }, { status, headers });
}

/** Grid's bodies are JSON objects; GET and DELETE take none. */
async function jsonBody(request: Request, method: string): Promise<unknown> {
  const text = await request.text();
  if (text === '') return undefined;
  if (method === 'GET' || method === 'DELETE') throw new RouteRefusal(400, 'INVALID_INPUT', `body: must be empty for ${method}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RouteRefusal(400, 'INVALID_INPUT', 'body: is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new RouteRefusal(400, 'INVALID_INPUT', 'body: must be a JSON object');
  return body;
}

export function createGridRelay(options: GridRelayOptions): (request: Request) => Promise<Response> {
  const mountPath = (options.mountPath ?? '/api/grid').replace(/\/$/, '');
  const routes = options.routes ?? SDK_ROUTES;
  const send = options.fetch ?? fetch;
  const authorization = `Basic ${btoa(`${options.apiToken.id}:${options.apiToken.secret}`)}`;
  const gridBase = `${options.gridUrl.replace(/\/$/, '')}${GRID_PREFIX}`;

  return async (request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${mountPath}/`)) return refusal(404, 'ROUTE_NOT_RELAYED', `The relay serves ${mountPath}/…`);
    let call: RelayedCall;
    let gridPath: string;
    let headers: Record<string, string>;
    try {
      const matched = matchCall(routes, request.method, url.pathname.slice(mountPath.length), url.searchParams);
      call = {
        method: matched.route.method,
        route: matched.route.path,
        ids: matched.ids,
        body: await jsonBody(request, matched.route.method),
      };
      gridPath = matched.gridPath;
      headers = { Authorization: authorization, ...forwardedHeaders(request) };
    } catch (error) {
      if (!(error instanceof RouteRefusal)) throw error;
      return refusal(error.status, error.code, error.message, error.allow ? { Allow: error.allow } : {});
    }
    if (!(await options.authorize(call, request))) return refusal(403, 'FORBIDDEN', `You may not ${call.method} ${call.route}`);

    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    let upstream: Response;
    try {
      upstream = await send(`${gridBase}${gridPath}`, {
        method: call.method,
        headers,
        ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return refusal(502, 'GRID_UNREACHABLE', `Grid did not answer (${reason})`);
    }
    const contentType = upstream.headers.get('content-type');
    return new Response(upstream.status === 204 ? null : await upstream.text(), {
      status: upstream.status,
      headers: contentType ? { 'Content-Type': contentType } : {},
    });
  };
}
