import { ApiError, invalidInput } from '../../../packages/emulator/src/errors.ts';
import { isId, type IdType } from '../../../packages/emulator/src/ids.ts';

/**
 * The Grid calls the page may have the backend make: the Embedded Wallet auth
 * API, payments (quotes: create, read, execute, SCA authorize) and the customer's signed account actions, nothing else. A `:Type` segment is a Grid id of that
 * type (`AuthMethod:<uuid>`), checked here so a crafted path cannot reach any
 * other endpoint; `query` names the only query parameter allowed, and its id type.
 */
interface AllowedCall {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: { readonly name: string; readonly type: IdType };
}

const ACCOUNT_QUERY = { name: 'accountId', type: 'InternalAccount' } as const;

export const GRID_ALLOW_LIST: readonly AllowedCall[] = [
  { method: 'POST', path: '/auth/credentials' },
  { method: 'GET', path: '/auth/credentials', query: ACCOUNT_QUERY },
  { method: 'DELETE', path: '/auth/credentials/:AuthMethod' },
  { method: 'POST', path: '/auth/credentials/:AuthMethod/challenge' },
  { method: 'POST', path: '/auth/credentials/:AuthMethod/verify' },
  { method: 'GET', path: '/auth/sessions', query: ACCOUNT_QUERY },
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
  { method: 'GET', path: '/auth/delegated-keys', query: ACCOUNT_QUERY },
  { method: 'GET', path: '/auth/delegated-keys/:DelegatedKey' },
  { method: 'DELETE', path: '/auth/delegated-keys/:DelegatedKey' },
];

export interface GridCall {
  readonly method: AllowedCall['method'];
  /** The allow-list entry, e.g. `/auth/credentials/:AuthMethod/verify`. */
  readonly route: string;
  /** What to append to Grid's base URL: ids re-encoded, the one allowed query parameter. */
  readonly gridPath: string;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Matches `segments` against an entry's path; null if the shape differs. Ids are checked by the caller. */
function shapeMatches(pattern: string, segments: readonly string[]): boolean {
  const parts = pattern.split('/');
  return parts.length === segments.length && parts.every((part, i) => part.startsWith(':') || part === segments[i]);
}

function checkedPath(pattern: string, segments: readonly string[]): string {
  return pattern
    .split('/')
    .map((part, i) => {
      if (!part.startsWith(':')) return part;
      const type = part.slice(1) as IdType;
      const id = decode(segments[i]!);
      if (!isId(type, id)) throw invalidInput('path', `segment ${i} must be a ${type} id (${type}:<uuid>)`);
      return encodeURIComponent(id);
    })
    .join('/');
}

function checkedQuery(allowed: AllowedCall['query'], query: URLSearchParams): string {
  for (const name of new Set(query.keys())) {
    if (name !== allowed?.name) throw invalidInput(name, 'is not a query parameter this call takes');
  }
  if (!allowed) return '';
  const values = query.getAll(allowed.name);
  if (values.length !== 1 || !isId(allowed.type, values[0])) throw invalidInput(allowed.name, `must be one ${allowed.type} id`);
  return `?${allowed.name}=${encodeURIComponent(values[0]!)}`;
}

/**
 * Decides whether a relay request may go to Grid. `path` is below the relay's
 * prefix (`/auth/sessions`). Throws 403 PATH_NOT_ALLOWED for anything not on the
 * list, 405 for a listed path with another method, 400 for a malformed id or query.
 */
export function allowGridCall(method: string, path: string, query: URLSearchParams): GridCall {
  const segments = path.split('/');
  const candidates = GRID_ALLOW_LIST.filter((entry) => shapeMatches(entry.path, segments));
  if (candidates.length === 0) throw new ApiError(403, 'PATH_NOT_ALLOWED', 'This backend does not relay that path to Grid');
  const entry = candidates.find((candidate) => candidate.method === method);
  if (!entry) {
    const allow = candidates.map((candidate) => candidate.method).join(', ');
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not relayed for this path`, undefined, { Allow: allow });
  }
  return { method: entry.method, route: entry.path, gridPath: checkedPath(entry.path, segments) + checkedQuery(entry.query, query) };
}
