import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, notFound } from '../../../packages/emulator/src/errors.ts';
import { header, PayloadTooLarge, readJsonBody, sendJson } from '../../../packages/emulator/src/http.ts';
import type { DemoConfig } from './config.ts';
import { createDemoGridRelay, GRID_RELAY_MOUNT } from './gridRelay.ts';
import type { DemoDeps, DemoHandler } from './handler.ts';
import { createRegistrationChallenges } from './registrationChallenges.ts';
import { API_ROUTES } from './routes.ts';
import { servePageFile } from './staticFiles.ts';

/**
 * The demo integrator's backend: serves the page and its JSON API on
 * 127.0.0.1, answering every failure as `{status, code, message}`.
 */
export interface DemoBackend {
  /** `http://localhost:<port>`: the page's origin (WebAuthn and the extension want a host name). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Only this backend's own page may call it: the Host must be loopback (no DNS
 * rebinding) and a browser's Origin, when sent, the same origin (no other site
 * driving the relay that holds the API token).
 */
function checkCaller(req: IncomingMessage, port: number): void {
  const host = req.headers.host ?? '';
  if (host !== `localhost:${port}` && host !== `127.0.0.1:${port}`)
    throw new ApiError(403, 'FORBIDDEN_HOST', `Use http://localhost:${port}`);
  const origin = header(req, 'Origin');
  if (origin !== undefined && origin !== `http://${host}`)
    throw new ApiError(403, 'FORBIDDEN_ORIGIN', 'Cross-origin calls are not accepted');
}

function findApiRoute(method: string, pathname: string): DemoHandler {
  const key = `${method} ${pathname}`;
  if (Object.hasOwn(API_ROUTES, key)) return API_ROUTES[key]!;
  const allowed = Object.keys(API_ROUTES).filter((key) => key.endsWith(` ${pathname}`));
  if (allowed.length === 0) throw notFound(`Route ${pathname}`);
  const allow = allowed.map((key) => key.split(' ')[0]).join(', ');
  throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${pathname}`, undefined, { Allow: allow });
}

type Relay = ReturnType<typeof createDemoGridRelay>;

async function handle(deps: DemoDeps, relay: Relay, port: number, req: IncomingMessage, res: ServerResponse): Promise<number> {
  try {
    checkCaller(req, port);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (!url.pathname.startsWith('/api/')) {
      if (method !== 'GET')
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}`, undefined, { Allow: 'GET' });
      return await servePageFile(deps.config.pageDir, url.pathname, res);
    }
    if (url.pathname.startsWith(`${GRID_RELAY_MOUNT}/`)) return await relay(req, res, url);
    const route = findApiRoute(method, url.pathname);
    const reply = await route({ method, body: await readJsonBody(req) }, deps);
    sendJson(res, reply.status, reply.body);
    return reply.status;
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL_ERROR', 'Internal error');
    // Server-side only, and by name: a message could quote a body, never send it to the log or the page.
    if (!(error instanceof ApiError)) console.error(`[demo] unexpected ${error instanceof Error ? error.name : typeof error}`);
    const { status, code, message, details } = apiError;
    // A refused oversize upload: close the connection rather than drain the rest of it.
    const closing: Record<string, string> = error instanceof PayloadTooLarge ? { Connection: 'close' } : {};
    sendJson(res, status, { status, code, message, ...(details && { details }) }, { ...apiError.headers, ...closing });
    return status;
  }
}

export async function createDemoBackend(config: DemoConfig): Promise<DemoBackend> {
  const deps: DemoDeps = { config, registrationChallenges: createRegistrationChallenges() };
  const relay = createDemoGridRelay(deps);
  let port = config.port;
  const server = createServer((req, res) => {
    const started = performance.now();
    const path = (req.url ?? '/').split('?')[0];
    void handle(deps, relay, port, req, res).then((status) => {
      config.log?.(`${req.method} ${path} → ${status} (${Math.round(performance.now() - started)} ms)`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
