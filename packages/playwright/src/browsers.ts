import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import type { WalletBrowser } from './launch.ts';

/**
 * Which browser binary the kit launches. Chromium: the path given, then
 * `CHROMIUM_PATH`, then the Chromium that Playwright installed
 * (`npx playwright install chromium`, under `PLAYWRIGHT_BROWSERS_PATH` when set),
 * then the system's. Branded Google Chrome is never a candidate: it ignores
 * `--load-extension`. Firefox: the path given, then `FIREFOX_PATH`, then the
 * system's Firefox (ESR or release, 142+); Playwright's own Firefox is a patched
 * build without WebDriver BiDi extension support, so it is not tried.
 */
export class BrowserNotFoundError extends Error {
  override readonly name = 'BrowserNotFoundError';
  constructor(
    readonly browser: WalletBrowser,
    /** Every path looked at, in order. */
    readonly tried: readonly string[],
  ) {
    const fix =
      browser === 'chromium'
        ? 'Run `npx playwright install chromium`, or set CHROMIUM_PATH (or gridWallet.executablePath) to a Chromium binary.'
        : 'Install Firefox (ESR or release, 142 or later), or set FIREFOX_PATH (or gridWallet.executablePath) to its binary.';
    const looked = tried.length > 0 ? `Tried: ${tried.join(', ')}.` : 'No usual location is known on this platform.';
    super(`No ${browser === 'chromium' ? 'Chromium' : 'Firefox'} for the Grid Wallet kit. ${looked} ${fix}`);
  }
}

/** What resolution depends on, passed in so tests can stand in for the machine. */
export interface BrowserLookup {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** Where Playwright keeps (or would keep) its own Chromium. */
  readonly playwrightChromium: () => string | undefined;
  readonly exists: (path: string) => boolean;
}

const SYSTEM_CHROMIUM: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['C:\\Program Files\\Chromium\\Application\\chrome.exe'],
};

const SYSTEM_FIREFOX: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'],
  darwin: ['/Applications/Firefox.app/Contents/MacOS/firefox'],
  win32: ['C:\\Program Files\\Mozilla Firefox\\firefox.exe'],
};

/** The binary to launch for `browser`; a given path (argument or environment) is taken as is. */
export function resolveBrowser(browser: WalletBrowser, executablePath: string | undefined, lookup: BrowserLookup): string {
  const given = executablePath ?? lookup.env[browser === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'];
  if (given) return given;
  const candidates =
    browser === 'chromium'
      ? [lookup.playwrightChromium(), ...(SYSTEM_CHROMIUM[lookup.platform] ?? [])]
      : [...(SYSTEM_FIREFOX[lookup.platform] ?? [])];
  const tried = candidates.filter((path): path is string => path !== undefined);
  const found = tried.find(lookup.exists);
  if (found === undefined) throw new BrowserNotFoundError(browser, tried);
  return found;
}

/** The lookup of the machine the kit runs on. */
export function machineLookup(): BrowserLookup {
  return {
    env: process.env,
    platform: process.platform,
    // Throws on a platform Playwright has no Chromium build for; then there is none of its own.
    playwrightChromium: () => {
      try {
        return chromium.executablePath() || undefined;
      } catch {
        return undefined;
      }
    },
    exists: existsSync,
  };
}
