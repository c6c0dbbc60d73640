import { type BrowserContext, chromium, firefox } from '@playwright/test';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLookup, resolveBrowser } from './browsers.ts';
import { FIREFOX_AUTHENTICATOR_PREFS } from './firefoxAuthenticator.ts';

/**
 * Starts a browser with the Grid Wallet extension installed: Chromium with the
 * unpacked build, or Firefox ESR (WebDriver BiDi) with the packed add-on. The
 * builds this package ships are development builds: they trust the local Grid
 * emulator (`grid-emulator`), as an integrator's CI wants.
 */
export type WalletBrowser = 'chromium' | 'firefox';

export interface LaunchOptions {
  /** Default `chromium`. */
  readonly browser?: WalletBrowser;
  /** Chromium: an unpacked extension directory. Default: the build shipped in this package. */
  readonly extensionDir?: string;
  /** Firefox: an `.xpi`. Default: the build shipped in this package. */
  readonly xpi?: string;
  /** Firefox: the add-on id in that `.xpi`'s manifest. Default {@link GECKO_ID}, the id of the build shipped in this package. */
  readonly addonId?: string;
  /**
   * The browser binary. Default: env `CHROMIUM_PATH` / `FIREFOX_PATH`, else the
   * Chromium Playwright installed, else the system's Chromium or Firefox (see
   * `resolveBrowser`).
   */
  readonly executablePath?: string;
  /** Default true; the fixtures pass Playwright's own `headless` (`--headed`, `--debug`, `use.headless`). */
  readonly headless?: boolean;
  /** Slows every Playwright action by this many ms (Playwright's `launchOptions.slowMo`). */
  readonly slowMo?: number;
  /** More command-line arguments for the browser, after the kit's (e.g. `--lang=fr`). */
  readonly args?: readonly string[];
  /**
   * Firefox: more preferences, after the kit's; e.g. `'extensions.background.idle.timeout': 1000` suspends the
   * wallet's idle event page after 1 s instead of 30, to test what a customer sees after a pause.
   */
  readonly firefoxUserPrefs?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Chromium: the profile directory, which outlives the browser, so a test can close it
   * and start it again on the same profile. Default: a fresh temporary profile.
   */
  readonly userDataDir?: string;
}

export interface LaunchedWallet {
  readonly context: BrowserContext;
  readonly browser: WalletBrowser;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  /** Firefox: the profile directory, where `addFirefoxAuthenticator` finds Marionette. */
  readonly profileDir?: string;
  close(): Promise<void>;
}

const SHIPPED = fileURLToPath(new URL('../extension/', import.meta.url));
export const SHIPPED_CHROME_BUILD = join(SHIPPED, 'chrome');
export const SHIPPED_FIREFOX_XPI = join(SHIPPED, 'firefox.xpi');

/**
 * The Firefox add-on id of the development build this package ships (manifest
 * `browser_specific_settings.gecko.id`, packages/core/src/extensionOrigins.ts in the repository): its own, not
 * the store add-on's (`authenticator@grid-wallet.dev`), so a test profile never
 * holds something posing as the store add-on.
 */
export const GECKO_ID = 'authenticator-development@grid-wallet.dev';
/** The Chrome extension id of the build this package ships, pinned by its manifest `key`. */
export const CHROME_EXTENSION_ID = 'dljlcnjpmbacdnbgbmhbihhihjmmcmen';
/** Pinned so the Firefox extension origin is stable across runs. */
export const FIREFOX_EXTENSION_UUID = '6b1f4d0e-8a51-4c2e-9f3a-2d7c9e5b4a10';

export function chromiumLaunchOptions(extensionDir: string, options: LaunchOptions = {}) {
  return {
    executablePath: resolveBrowser('chromium', options.executablePath, machineLookup()),
    headless: options.headless ?? true,
    ...(options.slowMo !== undefined && { slowMo: options.slowMo }),
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-gpu',
      '--disable-quic',
      ...(options.args ?? []),
    ],
  };
}

async function launchChromium(options: LaunchOptions): Promise<LaunchedWallet> {
  const context = await chromium.launchPersistentContext(
    options.userDataDir ?? '',
    chromiumLaunchOptions(options.extensionDir ?? SHIPPED_CHROME_BUILD, options),
  );
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker'));
  // Node's URL gives chrome-extension: URLs the origin "null", so take scheme and host from the text.
  const extensionOrigin = /^chrome-extension:\/\/[a-p]{32}/.exec(worker.url())?.[0];
  if (!extensionOrigin) throw new Error(`Unexpected extension service worker ${worker.url()}`);
  return { context, browser: 'chromium', extensionOrigin, close: () => context.close() };
}

async function launchFirefox(options: LaunchOptions): Promise<LaunchedWallet> {
  const profile = await mkdtemp(join(tmpdir(), 'grid-wallet-firefox-'));
  try {
    return await launchFirefoxIn(profile, options);
  } catch (error) {
    // A browser that did not start leaves no profile behind either.
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Firefox on `profile`, new or kept from an earlier launch, with `options.xpi` as the add-on. A sideloaded add-on is
 * installed for good, storage and all; a profile that already holds it gets the new file as an update at this start.
 */
export async function launchFirefoxIn(profile: string, options: LaunchOptions): Promise<LaunchedWallet> {
  await mkdir(join(profile, 'extensions'), { recursive: true });
  const addonId = options.addonId ?? GECKO_ID;
  // Firefox installs a sideloaded add-on only from a file named after its id.
  await copyFile(options.xpi ?? SHIPPED_FIREFOX_XPI, join(profile, 'extensions', `${addonId}.xpi`));
  const context = await firefox.launchPersistentContext(profile, {
    channel: 'moz-firefox',
    executablePath: resolveBrowser('firefox', options.executablePath, machineLookup()),
    headless: options.headless ?? true,
    ...(options.slowMo !== undefined && { slowMo: options.slowMo }),
    // Marionette, beside BiDi, carries WebDriver's WebAuthn commands (firefoxAuthenticator.ts).
    args: ['--marionette', ...(options.args ?? [])],
    firefoxUserPrefs: {
      ...FIREFOX_AUTHENTICATOR_PREFS,
      'xpinstall.signatures.required': false, // ESR accepts an unsigned add-on with this
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: FIREFOX_EXTENSION_UUID }),
      ...options.firefoxUserPrefs,
    },
  });
  return {
    context,
    browser: 'firefox',
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    profileDir: profile,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export function launchWithWallet(options: LaunchOptions = {}): Promise<LaunchedWallet> {
  return (options.browser ?? 'chromium') === 'firefox' ? launchFirefox(options) : launchChromium(options);
}
