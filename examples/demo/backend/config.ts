import { join } from 'node:path';
import { DEFAULTS as EMULATOR } from '../../../packages/emulator/src/options.ts';
import { GRID_PREFIX } from '../../../packages/relay/src/index.ts';

/**
 * The demo backend's settings, read from the environment. With nothing set it
 * talks to the local emulator with the emulator's well-known credentials; set
 * GRID_BASE_URL and the token to relay to real Grid instead (README.md lists them).
 */
export interface DemoConfig {
  /** TCP port on 127.0.0.1 (0 picks a free one); the page is served as http://localhost:<port>. */
  readonly port: number;
  /** Grid's base URL (the relay adds Grid's versioned prefix) and the API token only this backend holds. */
  readonly grid: { readonly baseUrl: string; readonly tokenId: string; readonly tokenSecret: string };
  /** Authsignal's server API (the part before `/v1`) and its secret key. */
  readonly authsignal: { readonly baseUrl: string; readonly secretKey: string };
  /** The emulator, for the demo helpers (customers, outbox, OIDC tokens); null when relaying to real Grid. */
  readonly emulatorUrl: string | null;
  /** The built page (`npm run build:demo` writes it). */
  readonly pageDir: string;
  /** Receives one line per request (method, path, status, time); silent when absent. */
  readonly log?: (line: string) => void;
}

export const DEFAULT_DEMO_PORT = 8788;
export const DEFAULT_PAGE_DIR = join(import.meta.dirname, '..', '..', '..', 'dist', 'demo');

export class ConfigError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

function port(env: Env): number {
  const text = env.DEMO_PORT;
  if (text === undefined || text === '') return DEFAULT_DEMO_PORT;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new ConfigError('DEMO_PORT must be a port number from 0 to 65535');
  return Number(text);
}

function baseUrl(env: Env, name: string): string | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL`);
  }
  return text.replace(/\/+$/, '');
}

/** Grid's origin, as @grid-wallet/relay takes it: a URL ending in the version prefix would double it. */
function gridBaseUrl(env: Env): string | undefined {
  const url = baseUrl(env, 'GRID_BASE_URL');
  if (url?.endsWith(GRID_PREFIX))
    throw new ConfigError(
      `GRID_BASE_URL is Grid's base URL without ${GRID_PREFIX} (the relay adds it), e.g. ${url.slice(0, -GRID_PREFIX.length)}`,
    );
  return url;
}

/** An explicitly configured service needs its own secret: never send the emulator's to someone else. */
function secret(env: Env, name: string, configured: boolean, emulatorDefault: string): string {
  const value = env[name];
  if (value) return value;
  if (configured) throw new ConfigError(`${name} is required when its base URL is set`);
  return emulatorDefault;
}

/** Reads the environment; `emulatorUrl` is where the emulator this demo runs beside listens. */
export function configFromEnv(env: Env, emulatorUrl: string): DemoConfig {
  const gridUrl = gridBaseUrl(env);
  const authsignalUrl = baseUrl(env, 'AUTHSIGNAL_BASE_URL');
  return {
    port: port(env),
    grid: {
      baseUrl: gridUrl ?? emulatorUrl,
      tokenId: secret(env, 'GRID_API_TOKEN_ID', gridUrl !== undefined, EMULATOR.apiToken.id),
      tokenSecret: secret(env, 'GRID_API_TOKEN_SECRET', gridUrl !== undefined, EMULATOR.apiToken.secret),
    },
    authsignal: {
      baseUrl: authsignalUrl ?? emulatorUrl,
      secretKey: secret(env, 'AUTHSIGNAL_SECRET_KEY', authsignalUrl !== undefined, EMULATOR.authsignalSecret),
    },
    emulatorUrl: gridUrl === undefined ? emulatorUrl : null,
    pageDir: DEFAULT_PAGE_DIR,
  };
}
