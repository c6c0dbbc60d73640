import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, DEFAULT_DEMO_PORT } from './config.ts';

const EMULATOR = 'http://127.0.0.1:8787';

describe('configFromEnv', () => {
  it('defaults to the emulator, its well-known credentials and the demo helpers', () => {
    expect(configFromEnv({}, EMULATOR)).toMatchObject({
      port: DEFAULT_DEMO_PORT,
      grid: { baseUrl: EMULATOR, tokenId: 'emulator-token', tokenSecret: 'emulator-secret' },
      authsignal: { baseUrl: EMULATOR, secretKey: 'emulator-authsignal-secret' },
      emulatorUrl: EMULATOR,
    });
  });

  it('relays to real Grid and Authsignal when their URLs and secrets are set, and turns the helpers off', () => {
    const config = configFromEnv(
      {
        DEMO_PORT: '9000',
        GRID_BASE_URL: 'https://api.lightspark.com/',
        GRID_API_TOKEN_ID: 'id',
        GRID_API_TOKEN_SECRET: 'secret',
        AUTHSIGNAL_BASE_URL: 'https://api.authsignal.com',
        AUTHSIGNAL_SECRET_KEY: 'key',
      },
      EMULATOR,
    );
    expect(config).toMatchObject({
      port: 9000,
      grid: { baseUrl: 'https://api.lightspark.com', tokenId: 'id', tokenSecret: 'secret' },
      authsignal: { baseUrl: 'https://api.authsignal.com', secretKey: 'key' },
      emulatorUrl: null,
    });
  });

  it.each([
    [{ DEMO_PORT: 'eighty' }, 'DEMO_PORT'],
    [{ DEMO_PORT: '70000' }, 'DEMO_PORT'],
    [{ GRID_BASE_URL: 'ftp://grid.example' }, 'GRID_BASE_URL'],
    [{ GRID_BASE_URL: 'not a url' }, 'GRID_BASE_URL'],
    // Never send the emulator's token to a real server.
    // The relay adds Grid's version prefix; a URL with it would double it.
    [{ GRID_BASE_URL: 'https://api.lightspark.com/grid/2025-10-13/' }, 'without /grid/2025-10-13'],
    [{ GRID_BASE_URL: 'https://api.lightspark.com' }, 'GRID_API_TOKEN_ID'],
    [{ GRID_BASE_URL: 'https://api.lightspark.com', GRID_API_TOKEN_ID: 'id' }, 'GRID_API_TOKEN_SECRET'],
    [{ AUTHSIGNAL_BASE_URL: 'https://api.authsignal.com' }, 'AUTHSIGNAL_SECRET_KEY'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => configFromEnv(env, EMULATOR)).toThrow(ConfigError);
    expect(() => configFromEnv(env, EMULATOR)).toThrow(name);
  });
});
