import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.ts';

/**
 * Low-level HTTP helpers over node:http: bounded body reading, JSON replies and
 * HTTP Basic credentials. Nothing here knows about Grid or Authsignal routes.
 */

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * An oversize body. Grid's document has no 413 and no such code, so it is Grid's
 * 400 INVALID_INPUT naming the body; the server also closes the connection.
 */
export class PayloadTooLarge extends ApiError {
  constructor() {
    super(400, 'INVALID_INPUT', `body: exceeds ${MAX_BODY_BYTES} bytes`, {
      errors: [{ field: 'body', message: `exceeds ${MAX_BODY_BYTES} bytes` }],
    });
  }
}

/**
 * Reads and parses a JSON body. Returns `undefined` for an empty body. An oversize
 * body is refused from its Content-Length before reading, or as soon as the running
 * count passes the limit; the rest of the upload is discarded, never buffered.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    req.resume();
    throw new PayloadTooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw new PayloadTooLarge();
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'INVALID_INPUT', 'Request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(text !== '' && { 'Content-Type': 'application/json; charset=utf-8' }),
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export interface BasicCredentials {
  readonly user: string;
  readonly password: string;
}

export function parseBasicAuth(header: string | undefined): BasicCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The value of a single-valued request header, or undefined when absent or empty. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}
