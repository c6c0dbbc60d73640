import { ApiError } from '../../../packages/emulator/src/errors.ts';

/**
 * Calls the services behind the backend (Grid, Authsignal, the emulator) and
 * reads their JSON answers. A service that cannot be reached, or answers
 * something that is not JSON, becomes a 502 with the service's name only:
 * URLs, credentials and upstream text never reach the page.
 */
export interface UpstreamReply {
  readonly status: number;
  /** Parsed JSON, or undefined for an empty body (204). */
  readonly body: unknown;
}

export interface UpstreamRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

const TIMEOUT_MS = 15_000;

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function callUpstream(service: string, request: UpstreamRequest): Promise<UpstreamReply> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: {
        Accept: 'application/json',
        ...(request.body !== undefined && { 'Content-Type': 'application/json' }),
        ...(request.authorization !== undefined && { Authorization: request.authorization }),
        ...request.headers,
      },
      ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(502, 'UPSTREAM_UNAVAILABLE', `${service} could not be reached`);
  }
  const text = await response.text();
  if (text === '') return { status: response.status, body: undefined };
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw new ApiError(502, 'UPSTREAM_INVALID_RESPONSE', `${service} answered ${response.status} with a body that is not JSON`);
  }
}

/** For the demo's own calls (emulator, Authsignal): a non-2xx answer becomes our error shape. */
export function expectSuccess(service: string, reply: UpstreamReply): unknown {
  if (reply.status >= 200 && reply.status < 300) return reply.body;
  const body = (reply.body ?? {}) as Record<string, unknown>;
  // Grid and the emulator say {code, message}; Authsignal says {error, errorDescription}.
  const code = typeof body.code === 'string' ? body.code : typeof body.error === 'string' ? body.error : 'UPSTREAM_ERROR';
  const detail =
    typeof body.message === 'string' ? body.message : typeof body.errorDescription === 'string' ? body.errorDescription : undefined;
  throw new ApiError(reply.status, code, detail ?? `${service} answered ${reply.status}`);
}
