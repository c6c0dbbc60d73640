/** How `npm start` opens Chromium with the extension. Pure, so the flags are testable. */

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function hasDisplay(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function chromiumArgs(options: { extensionDir: string; profileDir: string; url: string; asRoot: boolean }): string[] {
  return [
    `--user-data-dir=${options.profileDir}`,
    `--load-extension=${options.extensionDir}`,
    `--disable-extensions-except=${options.extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    // Chromium refuses to start as root with its sandbox on (containers, CI boxes).
    ...(options.asRoot ? ['--no-sandbox'] : []),
    options.url,
  ];
}
