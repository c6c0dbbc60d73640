import { expect } from 'vitest';
import {
  sendJsonRequest,
  startEmulator,
  type Reply,
  type RequestOptions,
  type TestServer,
} from '../../../packages/emulator/src/testkit/http.ts';
import { configFromEnv, type DemoConfig } from './config.ts';
import { createDemoBackend, type DemoBackend } from './server.ts';

/**
 * Test helper: an emulator and the demo backend in front of it, both on random
 * ports, and clients that call the backend the way the page does.
 */
export interface Testbed {
  /** The emulator, called directly (for setup and for checking what the relay did). */
  readonly emulator: TestServer;
  readonly backend: DemoBackend;
  /** A call to the backend, with no credentials, as the page makes it. */
  api(method: string, path: string, options?: Omit<RequestOptions, 'auth'>): Promise<Reply>;
  /** The emulator's test client with its Grid calls going through the relay, so its flows can run there. */
  readonly relayed: TestServer;
  close(): Promise<void>;
}

export async function startTestbed(env: Record<string, string> = {}, overrides: Partial<DemoConfig> = {}): Promise<Testbed> {
  // As `npm start` runs it: the demo offers the (legacy) seed flow.
  const emulator = await startEmulator({ legacyPlaintextOtp: true });
  const backend = await createDemoBackend({ ...configFromEnv({ DEMO_PORT: '0', ...env }, emulator.emulator.url), ...overrides });
  const api = (method: string, path: string, options: RequestOptions = {}) =>
    sendJsonRequest(method, `http://127.0.0.1:${backend.port}${path}`, options);
  return {
    emulator,
    backend,
    api,
    relayed: { ...emulator, grid: (method, path, body, headers) => api(method, `/api/grid${path}`, { body, ...(headers && { headers }) }) },
    close: async () => {
      await backend.close();
      await emulator.close();
    },
  };
}

/** The demo's error shape `{status, code, message}`, and nothing that looks like a stack trace. */
export function expectError(reply: Reply, status: number, code: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toMatchObject({ status, code, message: expect.any(String) });
  expect(JSON.stringify(reply.body)).not.toMatch(/\bat .*\.ts:\d+|node:internal/);
}
