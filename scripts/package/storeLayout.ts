import { join } from 'node:path';

/** Where `npm run package` puts things; shared by the script and the test that loads its artifacts. */
export type TargetBrowser = 'chrome' | 'firefox';

export const storeBuildDir = (root: string, browser: TargetBrowser): string => join(root, 'dist', 'store', browser);

export const storeArtifactName = (browser: TargetBrowser, version: string): string =>
  `grid-wallet-authenticator-${version}-${browser}.${browser === 'firefox' ? 'xpi' : 'zip'}`;
