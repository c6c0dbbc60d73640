import type { EmulatorContext } from './context.ts';

/**
 * A tiny method + path router. Each route declares which credentials it needs, so
 * authentication is decided in one place (server.ts) rather than in every handler.
 */

/** `grid`: Basic api-token:secret. `authsignal`: Basic secret-key with an empty password. `none`: admin routes. */
export type AuthScheme = 'grid' | 'authsignal' | 'none';

export interface ApiRequest {
  /** Path parameters, URL-decoded (`:id` → `params.id`). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body, or undefined when the request had none. */
  readonly body: unknown;
  /** A single request header, or undefined when absent or empty. */
  header(name: string): string | undefined;
}

export interface ApiResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest, ctx: EmulatorContext) => Promise<ApiResponse> | ApiResponse;

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface Route {
  readonly method: Method;
  readonly path: string;
  readonly auth: AuthScheme;
  readonly handler: Handler;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
}

export function route(method: Method, path: string, auth: AuthScheme, handler: Handler): Route {
  const paramNames: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { method, path, auth, handler, pattern: new RegExp(`^${source}$`), paramNames };
}

/** `METHOD /template`, e.g. `POST /grid/2025-10-13/auth/credentials/:id/verify`: how tests name a route. */
export function routeKey(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: Method[] }
  | { kind: 'none' };

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allowed: Method[] = [];
  for (const candidate of routes) {
    const match = candidate.pattern.exec(pathname);
    if (!match) continue;
    if (candidate.method !== method) {
      allowed.push(candidate.method);
      continue;
    }
    const params: Record<string, string> = {};
    candidate.paramNames.forEach((name, i) => {
      params[name] = decodeSegment(match[i + 1]!);
    });
    return { kind: 'found', route: candidate, params };
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
}
