import { type BrowserContext, chromium, firefox } from '@playwright/test';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  /** Default `/usr/bin/chromium` or `/usr/bin/firefox-esr` (env `CHROMIUM_PATH` / `FIREFOX_PATH`). */
  readonly executablePath?: string;
  /** Default true. */
  readonly headless?: boolean;
}

export interface LaunchedWallet {
  readonly context: BrowserContext;
  readonly browser: WalletBrowser;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  close(): Promise<void>;
}

const SHIPPED = fileURLToPath(new URL('../extension/', import.meta.url));
export const SHIPPED_CHROME_BUILD = join(SHIPPED, 'chrome');
export const SHIPPED_FIREFOX_XPI = join(SHIPPED, 'firefox.xpi');

/** The Firefox add-on id (manifest `browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'authenticator@grid-wallet.dev';
/** Pinned so the Firefox extension origin is stable across runs. */
export const FIREFOX_EXTENSION_UUID = '6b1f4d0e-8a51-4c2e-9f3a-2d7c9e5b4a10';

export function chromiumLaunchOptions(extensionDir: string, options: LaunchOptions = {}) {
  return {
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: options.headless ?? true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--disable-gpu', '--disable-quic'],
  };
}

async function launchChromium(options: LaunchOptions): Promise<LaunchedWallet> {
  const context = await chromium.launchPersistentContext('', chromiumLaunchOptions(options.extensionDir ?? SHIPPED_CHROME_BUILD, options));
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

async function launchFirefoxIn(profile: string, options: LaunchOptions): Promise<LaunchedWallet> {
  await mkdir(join(profile, 'extensions'));
  await copyFile(options.xpi ?? SHIPPED_FIREFOX_XPI, join(profile, 'extensions', `${GECKO_ID}.xpi`));
  const context = await firefox.launchPersistentContext(profile, {
    channel: 'moz-firefox',
    executablePath: options.executablePath ?? process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: options.headless ?? true,
    firefoxUserPrefs: {
      'xpinstall.signatures.required': false, // ESR accepts an unsigned add-on with this
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    },
  });
  return {
    context,
    browser: 'firefox',
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export function launchWithWallet(options: LaunchOptions = {}): Promise<LaunchedWallet> {
  return (options.browser ?? 'chromium') === 'firefox' ? launchFirefox(options) : launchChromium(options);
}
