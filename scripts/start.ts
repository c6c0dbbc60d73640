/**
 * `npm start`: builds the extension and the demo page, starts the emulator and
 * the demo backend on localhost, and opens Chromium with the extension loaded
 * where there is a display; on a headless machine it prints what to do.
 * Ctrl-C stops everything, child processes included.
 *
 *   npm start                 everything
 *   npm run demo              the same without rebuilding the extension (--skip-extension-build)
 *
 * Environment: EMULATOR_PORT (8787), DEMO_PORT (8788), CHROMIUM_PATH
 * (/usr/bin/chromium), and the demo backend's GRID_* / AUTHSIGNAL_* variables
 * (examples/demo/README.md).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDemoPage } from '../examples/demo/build.ts';
import { configFromEnv, ConfigError } from '../examples/demo/backend/config.ts';
import { createDemoBackend } from '../examples/demo/backend/server.ts';
import { createEmulator } from '../packages/emulator/src/server.ts';
import { DEFAULTS as EMULATOR_DEFAULTS } from '../packages/emulator/src/options.ts';
import { chromiumArgs, DEFAULT_CHROMIUM, hasDisplay } from './start/chromium.ts';
import { browserOpened, headlessInstructions, runningBanner, type Running } from './start/messages.ts';
import { runToEnd, spawnGroup, stopAll } from './start/processes.ts';

const ROOT = join(import.meta.dirname, '..');
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

function emulatorPort(): number {
  const text = process.env.EMULATOR_PORT;
  if (text === undefined || text === '') return EMULATOR_DEFAULTS.port;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new ConfigError('EMULATOR_PORT must be a port number from 0 to 65535');
  return Number(text);
}

/** A port already taken is the usual reason a server does not start; say which variable moves it. */
function explainListenError(error: unknown, variable: string): never {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    throw new ConfigError(`${(error as Error).message}: is another npm start or npm run emulator running? Stop it, or set ${variable}.`);
  }
  throw error;
}

async function openChromium(running: Running): Promise<string | null> {
  const chromium = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  if (!existsSync(chromium)) return `Chromium was not found at ${chromium} (set CHROMIUM_PATH)`;
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  const profileDir = await mkdtemp(join(ROOT, '.tmp', 'chromium-profile-'));
  cleanups.push(() => rm(profileDir, { recursive: true, force: true }));
  const args = chromiumArgs({
    extensionDir: join(ROOT, 'dist', 'chrome'),
    profileDir,
    url: `${running.demoUrl}/`,
    asRoot: process.getuid?.() === 0,
  });
  const browser = spawnGroup(chromium, args, 'ignore');
  browser.once('exit', () => stopping || console.log('\nChromium closed. The demo keeps running; Ctrl-C stops it.'));
  console.log(browserOpened(profileDir));
  return null;
}

async function main(): Promise<void> {
  const skipExtensionBuild = process.argv.includes('--skip-extension-build');
  const port = emulatorPort();
  if (!skipExtensionBuild) {
    console.log('Building the extension (npm run build)…');
    await runToEnd('npm', ['run', '--silent', 'build']);
  } else if (!existsSync(join(ROOT, 'dist', 'chrome', 'manifest.json'))) {
    console.log('Note: dist/chrome is not built yet; run npm start (or npm run build) to get the extension.');
  }
  console.log('Building the demo page (dist/demo)…');
  await buildDemoPage();

  // legacyPlaintextOtp: the demo offers the seed flow, whose plaintext-OTP verify Grid has removed.
  const emulator = await createEmulator({ port, legacyPlaintextOtp: true, log: (line) => console.log(`[emulator] ${line}`) }).catch((e) =>
    explainListenError(e, 'EMULATOR_PORT'),
  );
  cleanups.push(() => emulator.close());
  const config = configFromEnv(process.env, emulator.url);
  const backend = await createDemoBackend({ ...config, log: (line) => console.log(`[demo] ${line}`) }).catch((e) =>
    explainListenError(e, 'DEMO_PORT'),
  );
  cleanups.push(() => backend.close());

  const running: Running = { demoUrl: backend.url, emulatorUrl: emulator.url, emulator: emulator.options, config, root: ROOT };
  console.log(runningBanner(running));
  const reason = hasDisplay(process.env) ? await openChromium(running) : 'No display here ($DISPLAY and $WAYLAND_DISPLAY are unset)';
  if (reason !== null) console.log(headlessInstructions(running, reason));
}

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stopAll();
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(`  (cleanup: ${String(error)})`));
  console.log('Stopped.');
  process.exit(exitCode);
}

// `on`, not `once`: npm and tsx pass the terminal's Ctrl-C on again, and a second
// SIGINT with no handler would kill this process before it has stopped its children.
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch((error: unknown) => {
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
