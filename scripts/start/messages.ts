import type { ResolvedOptions } from '../../packages/emulator/src/options.ts';
import type { DemoConfig } from '../../examples/demo/backend/config.ts';

/** What `npm start` prints. Pure functions of where things run. */

export interface Running {
  demoUrl: string;
  emulatorUrl: string;
  emulator: Pick<ResolvedOptions, 'apiToken' | 'authsignalSecret'>;
  config: Pick<DemoConfig, 'grid' | 'authsignal' | 'emulatorUrl'>;
  /** Absolute path of the repository. */
  root: string;
}

/** The URLs and credentials; never the real Grid or Authsignal secrets when those are configured. */
export function runningBanner(r: Running): string {
  const gridTarget =
    r.config.emulatorUrl === null ? `${r.config.grid.baseUrl} (real Grid: GRID_BASE_URL; demo helpers are off)` : 'the emulator';
  const authsignalTarget = r.config.authsignal.baseUrl === r.emulatorUrl ? 'the emulator' : r.config.authsignal.baseUrl;
  return [
    '',
    'Grid Wallet demo is running:',
    '',
    `  Demo page    ${r.demoUrl}/`,
    `               its backend relays Grid calls to ${gridTarget}, Authsignal to ${authsignalTarget}`,
    `  Emulator     ${r.emulatorUrl}`,
    `               Grid API     ${r.emulatorUrl}/grid/2025-10-13   Basic ${r.emulator.apiToken.id}:${r.emulator.apiToken.secret}`,
    `               Authsignal   ${r.emulatorUrl}/v1                Basic ${r.emulator.authsignalSecret}: (empty password)`,
    `               Admin        ${r.emulatorUrl}/_emulator         no auth: accounts, outbox, clock, enclave, oauth/token`,
    `  Extension    ${r.root}/dist/chrome (Chrome, Chromium)  ·  ${r.root}/dist/firefox (Firefox)`,
  ].join('\n');
}

export function browserOpened(profileDir: string): string {
  return `\nOpened Chromium with the extension loaded (fresh profile ${profileDir}, removed on exit).\nCtrl-C stops everything.`;
}

/** For a machine without a display, or without Chromium: how to get the extension and the page together. */
export function headlessInstructions(r: Running, reason: string): string {
  const port = new URL(r.demoUrl).port;
  return [
    '',
    `${reason}, so no browser was opened. To try the demo:`,
    '',
    '  1. Load the extension into a browser. Its folder must be on the machine the browser runs on',
    '     (there: npm install && npm run build, or copy the folder over).',
    `     Chrome or Chromium: chrome://extensions → turn on Developer mode → Load unpacked → ${r.root}/dist/chrome`,
    `     Firefox:            about:debugging#/runtime/this-firefox → Load Temporary Add-on… → ${r.root}/dist/firefox/manifest.json`,
    `  2. Open ${r.demoUrl}/ in that browser. From another machine, tunnel the port first:`,
    `       ssh -L ${port}:localhost:${port} <this machine>`,
    '     (keep "localhost": the extension only talks to https pages and http://localhost).',
    '  3. Follow the steps on the page. Codes appear in its "Emulator outbox" panel;',
    '     type them into the extension’s window when it asks.',
    '',
    'Passkeys need Chrome or Chromium: the emulator accepts the Chrome build’s pinned extension origin,',
    'not Firefox’s per-profile moz-extension:// origin.',
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}
