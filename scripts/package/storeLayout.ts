import { join } from 'node:path';

/** Where `npm run package` puts things; shared by the scripts and the tests that use its artifacts. */
export type TargetBrowser = 'chrome' | 'firefox';

export const storeBuildDir = (root: string, browser: TargetBrowser): string => join(root, 'dist', 'store', browser);

export const storeArtifactName = (browser: TargetBrowser, version: string): string =>
  `grid-wallet-authenticator-${version}-${browser}.${browser === 'firefox' ? 'xpi' : 'zip'}`;

/** The reviewer's source archive, submitted to addons.mozilla.org beside the xpi. */
export const sourceArchiveName = (version: string): string => `grid-wallet-authenticator-${version}-source.zip`;
