import { createContractRecorder } from '../contract/recorder.ts';
import { createEmulator, type Emulator } from '../server.ts';
import type { EmulatorOptions } from '../options.ts';

/**
 * Test-side HTTP client for the emulator: real requests over the loopback socket,
 * with the Basic credentials each API expects. Test helpers only. Every emulator
 * started here is watched by the contract recorder: its traffic is checked against
 * Grid's OpenAPI document (../contract/), and a violation fails the test.
 */
export const GRID = '/grid/2025-10-13';

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: any;
}

export type Auth = 'grid' | 'authsignal' | 'none' | { readonly basic: string };

export interface RequestOptions {
  readonly body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body`. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly auth?: Auth;
}

export interface TestServer {
  readonly emulator: Emulator;
  /** Emulator routes (`METHOD /template`) this server has answered. */
  readonly exercised: ReadonlySet<string>;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  /** Grid API call (Basic api token) under /grid/2025-10-13. */
  grid(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** Admin route under /_emulator. */
  admin(method: string, path: string, body?: unknown): Promise<Reply>;
  close(): Promise<void>;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** One JSON request over a real socket; `authorization` is the Authorization header, if any. */
export async function sendJsonRequest(method: string, url: string, options: RequestOptions = {}, authorization?: string): Promise<Reply> {
  const hasBody = options.rawBody !== undefined || options.body !== undefined;
  const response = await fetch(url, {
    method,
    headers: {
      ...(hasBody && { 'Content-Type': 'application/json' }),
      ...(authorization && { Authorization: authorization }),
      ...options.headers,
    },
    ...(hasBody && { body: options.rawBody ?? JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<TestServer> {
  const recorder = createContractRecorder();
  const emulator = await createEmulator({ port: 0, ...options, onExchange: recorder.record });
  const authorization = (auth: Auth): string | undefined => {
    if (auth === 'none') return undefined;
    if (auth === 'grid') return basic(emulator.options.apiToken.id, emulator.options.apiToken.secret);
    if (auth === 'authsignal') return basic(emulator.options.authsignalSecret, '');
    return auth.basic;
  };
  const request = (method: string, path: string, options: RequestOptions = {}): Promise<Reply> =>
    sendJsonRequest(method, `${emulator.url}${path}`, options, authorization(options.auth ?? 'grid'));
  return {
    emulator,
    exercised: recorder.exercised,
    request,
    grid: (method, path, body, headers) => request(method, `${GRID}${path}`, { body, ...(headers && { headers }), auth: 'grid' }),
    admin: (method, path, body) => request(method, `/_emulator${path}`, { body, auth: 'none' }),
    close: () => emulator.close(),
  };
}
