// The integrator app for the kit tests copied from the docs (docs/integrator-guide.md, the kit README; scripts/testInstalledPackages.ts
// points its app URL here), in front of the emulator the config's webServer started (Playwright starts
// web servers before global setup); the other tests start their own app.
import { startIntegratorApp } from './server.mjs';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const emulatorUrl = process.env.GRID_EMULATOR_URL;
  if (!emulatorUrl) throw new Error('globalSetup: GRID_EMULATOR_URL is unset; the webServer in playwright.config.ts provides it');
  const app = await startIntegratorApp(emulatorUrl);
  process.env.APP_URL = app.url;
  return () => app.close();
}
