/**
 * The Grid calls a relay forwards, as method + path patterns below Grid's
 * versioned prefix. A `:Type` segment is one Grid id of that type
 * (`AuthMethod:<id>`), percent-decoded from the request and re-encoded for Grid,
 * so a crafted segment cannot reach another endpoint.
 */
export type GridMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GridRoute {
  readonly method: GridMethod;
  /** e.g. `/auth/credentials/:AuthMethod/verify`. */
  readonly path: string;
  /** The one query parameter the call takes (always a Grid id: `accountId`). */
  readonly query?: 'accountId';
}

/** Every call `@grid-wallet/sdk` makes (Grid's OpenAPI document, vendored in packages/emulator/src/grid-openapi). */
export const SDK_ROUTES: readonly GridRoute[] = [
  { method: 'POST', path: '/auth/credentials' },
  { method: 'GET', path: '/auth/credentials', query: 'accountId' },
  { method: 'DELETE', path: '/auth/credentials/:AuthMethod' },
  { method: 'POST', path: '/auth/credentials/:AuthMethod/challenge' },
  { method: 'POST', path: '/auth/credentials/:AuthMethod/verify' },
  { method: 'GET', path: '/auth/sessions', query: 'accountId' },
  { method: 'DELETE', path: '/auth/sessions/:Session' },
  { method: 'POST', path: '/auth/sessions/:Session/refresh' },
  { method: 'POST', path: '/quotes' },
  { method: 'GET', path: '/quotes/:Quote' },
  { method: 'POST', path: '/quotes/:Quote/execute' },
  { method: 'POST', path: '/quotes/:Quote/authorize' },
  { method: 'POST', path: '/quotes/:Quote/authorize/resend' },
  { method: 'PATCH', path: '/internal-accounts/:InternalAccount' },
  { method: 'POST', path: '/internal-accounts/:InternalAccount/export' },
  { method: 'PATCH', path: '/customers/:Customer' },
  { method: 'POST', path: '/auth/delegated-keys' },
  { method: 'GET', path: '/auth/delegated-keys', query: 'accountId' },
  { method: 'GET', path: '/auth/delegated-keys/:DelegatedKey' },
  { method: 'DELETE', path: '/auth/delegated-keys/:DelegatedKey' },
];

/** A request the allow-list let through. */
export interface MatchedCall {
  readonly route: GridRoute;
  /** Decoded ids by type, e.g. `{ AuthMethod: 'AuthMethod:…' }`; `accountId` from the query when the route takes it. */
  readonly ids: Readonly<Record<string, string>>;
  /** What follows Grid's prefix: ids re-encoded, the one allowed query parameter. */
  readonly gridPath: string;
}

/** Why a request did not match: the relay answers each with Grid's error shape. */
export class RouteRefusal extends Error {
  constructor(
    readonly status: 400 | 404 | 405,
    readonly code: string,
    message: string,
    readonly allow?: string,
  ) {
    super(message);
  }
}

const ID_BODY = /^[A-Za-z0-9._-]{1,128}$/;

function decodedId(type: string, segment: string): string {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    throw new RouteRefusal(400, 'INVALID_INPUT', `path: a ${type} id is not valid percent-encoding`);
  }
  if (!id.startsWith(`${type}:`) || !ID_BODY.test(id.slice(type.length + 1))) {
    throw new RouteRefusal(400, 'INVALID_INPUT', `path: expected a ${type} id (${type}:<id>)`);
  }
  return id;
}

function shapeMatches(pattern: string, segments: readonly string[]): boolean {
  const parts = pattern.split('/');
  return parts.length === segments.length && parts.every((part, i) => part.startsWith(':') || part === segments[i]);
}

/** Matches `method path?query` (below the relay's mount path) against `routes`; throws a RouteRefusal otherwise. */
export function matchCall(routes: readonly GridRoute[], method: string, path: string, query: URLSearchParams): MatchedCall {
  const segments = path.split('/');
  const shaped = routes.filter((route) => shapeMatches(route.path, segments));
  if (shaped.length === 0) throw new RouteRefusal(404, 'ROUTE_NOT_RELAYED', `This relay does not forward ${path} to Grid`);
  const route = shaped.find((candidate) => candidate.method === method);
  if (!route) {
    const allow = [...new Set(shaped.map((candidate) => candidate.method))].join(', ');
    throw new RouteRefusal(405, 'METHOD_NOT_ALLOWED', `${method} is not relayed for ${path}`, allow);
  }
  const ids: Record<string, string> = {};
  const gridSegments = route.path.split('/').map((part, i) => {
    if (!part.startsWith(':')) return part;
    const id = decodedId(part.slice(1), segments[i]!);
    ids[part.slice(1)] = id;
    return encodeURIComponent(id);
  });
  let gridQuery = '';
  for (const name of new Set(query.keys())) {
    if (name !== route.query) throw new RouteRefusal(400, 'INVALID_INPUT', `${name}: is not a query parameter of ${route.path}`);
  }
  if (route.query) {
    const values = query.getAll(route.query);
    if (values.length !== 1) throw new RouteRefusal(400, 'INVALID_INPUT', `${route.query}: exactly one is required`);
    ids[route.query] = decodedId('InternalAccount', encodeURIComponent(values[0]!));
    gridQuery = `?${route.query}=${encodeURIComponent(values[0]!)}`;
  }
  return { route, ids, gridPath: gridSegments.join('/') + gridQuery };
}
