/**
 * Second step of `npm run package`: the source archive addons.mozilla.org's
 * reviewers rebuild the xpi from (BUILD.md says how; `npm run test:source` does it):
 *
 *   dist/grid-wallet-authenticator-<version>-source.zip
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceArchive } from './package/sourceArchive.ts';
import { sourceArchiveName } from './package/storeLayout.ts';
import { releaseVersion } from './release/repoVersions.ts';

const ROOT = join(import.meta.dirname, '..');
const archive = join(ROOT, 'dist', sourceArchiveName(await releaseVersion(ROOT)));
await writeFile(archive, await sourceArchive(ROOT));
console.log(`packaged ${archive}`);
