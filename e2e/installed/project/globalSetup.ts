// One emulator and the integrator app for the test copied from docs/integrator-guide.md
// (scripts/testInstalledPackages.ts points its URLs here); the other tests start their own.
import { startIntegratorApp } from './server.mjs';
import { startEmulator } from './tests/emulator';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const emulator = await startEmulator();
  const app = await startIntegratorApp(emulator.url);
  process.env.EMULATOR_URL = emulator.url;
  process.env.APP_URL = app.url;
  return async () => {
    await app.close();
    emulator.stop();
  };
}
