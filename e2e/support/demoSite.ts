import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import type { AuthMethod, AuthSession } from '@grid-wallet/sdk';
import { configFromEnv } from '../../examples/demo/backend/config.ts';
import { createDemoBackend } from '../../examples/demo/backend/server.ts';
import type { EmulatorOptions } from '../../packages/emulator/src/options.ts';
import { assertNoContractViolations } from '../../packages/emulator/src/contract/recorder.ts';
import { startEmulator } from '../../packages/emulator/src/testkit/http.ts';
import { makeTempDir } from '../../scripts/tempDir.ts';

/**
 * The demo integrator for journeys: an emulator and the demo backend in front of
 * it on random ports, serving the demo page, plus what Grid itself says about an
 * account (read from the emulator with the API token, not through the page).
 */
export interface DemoSite {
  /** `http://localhost:<port>/`: the demo page. */
  readonly url: string;
  /** Grid's active sessions for the account. */
  sessionsAtGrid(accountId: string): Promise<AuthSession[]>;
  credentialsAtGrid(accountId: string): Promise<AuthMethod[]>;
  /** The emulator's record of the account's wallet: what an export must reveal. */
  walletAtGrid(accountId: string): Promise<{ walletId: string; mnemonic: string }>;
  /** The account's delegated keys, as Grid lists them. */
  delegatedKeysAtGrid(accountId: string): Promise<Array<{ id: string; status: string; cardId: string }>>;
  /** The newest code the emulator "sent" to `to` (an email address or phone number). */
  newestCode(to: string): Promise<string>;
  close(): Promise<void>;
}

let builtPage: Promise<string> | undefined;

/**
 * Builds the demo page once per worker, into a directory of its own: the demo's
 * smoke test rebuilds dist/demo (emptying it first) while journeys may be running.
 */
function demoPageDir(): Promise<string> {
  builtPage ??= (async () => {
    const outDir = await makeTempDir('demo-page');
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await build({
      configFile: join(import.meta.dirname, '..', '..', 'examples', 'demo', 'vite.config.ts'),
      build: { outDir, emptyOutDir: true },
    });
    return outDir;
  })();
  return builtPage;
}

async function data<T>(reply: Promise<{ status: number; body: any }>): Promise<T> {
  const { status, body } = await reply;
  if (status !== 200) throw new Error(`the emulator answered ${status}: ${JSON.stringify(body)}`);
  return body.data as T;
}

export async function startDemoSite(options: EmulatorOptions = {}): Promise<DemoSite> {
  const pageDir = await demoPageDir();
  const emulator = await startEmulator(options);
  const backend = await createDemoBackend({ ...configFromEnv({ DEMO_PORT: '0' }, emulator.emulator.url), pageDir });
  const query = (accountId: string) => `?accountId=${encodeURIComponent(accountId)}`;
  return {
    url: `${backend.url}/`,
    sessionsAtGrid: (accountId) => data(emulator.grid('GET', `/auth/sessions${query(accountId)}`)),
    credentialsAtGrid: (accountId) => data(emulator.grid('GET', `/auth/credentials${query(accountId)}`)),
    walletAtGrid: async (accountId) => (await emulator.admin('GET', `/accounts/${encodeURIComponent(accountId)}/wallet`)).body,
    delegatedKeysAtGrid: (accountId) => data(emulator.grid('GET', `/auth/delegated-keys${query(accountId)}`)),
    async newestCode(to) {
      const [newest] = await data<{ code: string }[]>(emulator.admin('GET', `/outbox?to=${encodeURIComponent(to)}`));
      if (!newest) throw new Error(`nothing was sent to ${to}`);
      return newest.code;
    },
    async close() {
      await backend.close();
      await emulator.close();
      // The journey's Grid traffic (the SDK's requests through the demo, the emulator's answers) against Grid's document.
      assertNoContractViolations();
    },
  };
}

/** A fixture body giving one test its own demo site: `site: demoSiteFixture()`. */
export function demoSiteFixture(options: EmulatorOptions = {}) {
  return async ({}, use: (site: DemoSite) => Promise<void>) => {
    const site = await startDemoSite(options);
    await use(site);
    await site.close();
  };
}
