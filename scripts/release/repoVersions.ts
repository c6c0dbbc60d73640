import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setManifestVersion, setPackageVersions, type VersionField, versionFields } from './versionFields.ts';

/**
 * The files of this repository that carry the release version, read and written.
 * The manifest's version is the release's: the stores publish it and the
 * artifacts of `npm run package` are named after it.
 */

/** Every file with a version, relative to the root: the manifest, the root package and lockfile, each workspace package. */
export async function versionedFiles(root: string): Promise<string[]> {
  const workspaces = (await readdir(join(root, 'packages'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  return ['manifest.json', 'package.json', 'package-lock.json', ...workspaces.sort().map((name) => `packages/${name}/package.json`)];
}

const readJson = async (root: string, file: string) => JSON.parse(await readFile(join(root, file), 'utf8'));

async function workspaceNames(root: string, files: readonly string[]): Promise<Set<string>> {
  const packages = files.filter((f) => f.startsWith('packages/'));
  return new Set(await Promise.all(packages.map(async (f) => (await readJson(root, f)).name as string)));
}

export async function releaseVersion(root: string): Promise<string> {
  return (await readJson(root, 'manifest.json')).version;
}

export async function readVersionFields(root: string): Promise<VersionField[]> {
  const files = await versionedFiles(root);
  const names = await workspaceNames(root, files);
  return (await Promise.all(files.map(async (file) => versionFields(file, await readJson(root, file), names)))).flat();
}

/** Writes `version` everywhere; package files keep npm's own layout (two-space JSON and a final newline). Returns the files written. */
export async function writeVersion(root: string, version: string): Promise<string[]> {
  const files = await versionedFiles(root);
  const names = await workspaceNames(root, files);
  for (const file of files) {
    const path = join(root, file);
    if (file === 'manifest.json') {
      await writeFile(path, setManifestVersion(await readFile(path, 'utf8'), version));
      continue;
    }
    const json = await readJson(root, file);
    setPackageVersions(file, json, names, version);
    await writeFile(path, `${JSON.stringify(json, null, 2)}\n`);
  }
  return files;
}
