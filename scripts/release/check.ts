import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasEntry } from './changelog.ts';
import { readVersionFields, releaseVersion } from './repoVersions.ts';
import { disagreements } from './versionFields.ts';

/**
 * What is wrong with this checkout's versions, one line each (none when all is
 * well): every field that differs from the manifest's version, and a CHANGELOG.md
 * without an entry for it.
 */
export async function versionProblems(root: string): Promise<string[]> {
  const version = await releaseVersion(root);
  const problems = disagreements(await readVersionFields(root), version).map((line) => `${line}, not ${version} as in manifest.json`);
  if (!hasEntry(await readFile(join(root, 'CHANGELOG.md'), 'utf8'), version)) problems.push(`CHANGELOG.md has no entry for ${version}`);
  return problems;
}
