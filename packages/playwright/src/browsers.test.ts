import { describe, expect, it } from 'vitest';
import { type BrowserLookup, BrowserNotFoundError, resolveBrowser } from './browsers.ts';

const PLAYWRIGHTS = '/home/ci/.cache/ms-playwright/chromium-1248/chrome-linux64/chrome';

function lookup(present: string[], overrides: Partial<BrowserLookup> = {}): BrowserLookup {
  return { env: {}, platform: 'linux', playwrightChromium: () => PLAYWRIGHTS, exists: (path) => present.includes(path), ...overrides };
}

describe('resolveBrowser', () => {
  it('takes a given path, then the environment, as is', () => {
    expect(resolveBrowser('chromium', '/opt/c', lookup([], { env: { CHROMIUM_PATH: '/env/c' } }))).toBe('/opt/c');
    expect(resolveBrowser('chromium', undefined, lookup([], { env: { CHROMIUM_PATH: '/env/c' } }))).toBe('/env/c');
    expect(resolveBrowser('firefox', undefined, lookup([], { env: { FIREFOX_PATH: '/env/f', CHROMIUM_PATH: '/env/c' } }))).toBe('/env/f');
  });

  it("prefers the Chromium Playwright installed to the system's", () => {
    expect(resolveBrowser('chromium', undefined, lookup([PLAYWRIGHTS, '/usr/bin/chromium']))).toBe(PLAYWRIGHTS);
    expect(resolveBrowser('chromium', undefined, lookup(['/usr/bin/chromium-browser']))).toBe('/usr/bin/chromium-browser');
    const mac = lookup(['/Applications/Chromium.app/Contents/MacOS/Chromium'], { platform: 'darwin', playwrightChromium: () => undefined });
    expect(resolveBrowser('chromium', undefined, mac)).toBe('/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it("finds the system's Firefox, ESR first, and never Playwright's own build", () => {
    expect(resolveBrowser('firefox', undefined, lookup(['/usr/bin/firefox', '/usr/bin/firefox-esr', PLAYWRIGHTS]))).toBe(
      '/usr/bin/firefox-esr',
    );
    expect(resolveBrowser('firefox', undefined, lookup(['/usr/bin/firefox']))).toBe('/usr/bin/firefox');
  });

  it('names every path it tried and how to fix it when there is none', () => {
    let error: unknown;
    try {
      resolveBrowser('chromium', undefined, lookup([]));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    expect((error as BrowserNotFoundError).tried).toEqual([
      PLAYWRIGHTS,
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/snap/bin/chromium',
    ]);
    expect((error as Error).message).toBe(
      `No Chromium for the Grid Wallet kit. Tried: ${PLAYWRIGHTS}, /usr/bin/chromium, /usr/bin/chromium-browser, /snap/bin/chromium. ` +
        'Run `npx playwright install chromium`, or set CHROMIUM_PATH (or gridWallet.executablePath) to a Chromium binary.',
    );
    expect(() => resolveBrowser('firefox', undefined, lookup([], { platform: 'aix' }))).toThrow(
      /^No Firefox for the Grid Wallet kit\. No usual location is known on this platform\. Install Firefox/,
    );
  });
});
