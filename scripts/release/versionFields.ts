/**
 * Where a version lives in each file that carries one, and how to change it.
 * Pure: callers read and write the files (repoVersions.ts). One release has one
 * version: the extension's manifest, the root package, every workspace package,
 * the workspace packages' ranges on each other, and package-lock.json's copies of all these.
 */

/** One place a version is written: `field` names it inside `file`. */
export interface VersionField {
  file: string;
  field: string;
  version: string;
}

type Ranges = Record<string, string>;
/** What these files have in common: a package.json, package-lock.json (with its copies of packages) or manifest.json. */
export interface VersionedJson {
  version: string;
  dependencies?: Ranges;
  devDependencies?: Ranges;
  peerDependencies?: Ranges;
  optionalDependencies?: Ranges;
  /** A lockfile's packages: ours carry a version, linked and third-party entries may not. */
  packages?: Record<string, Partial<VersionedJson>>;
  /** Everything else the file holds, written back as it was. */
  [other: string]: unknown;
}

const DEPENDENCY_KINDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
/** A range on a workspace package: an exact version, or `^`/`~` before it. */
const RANGE = /^([~^]?)(.*)$/;

/** A package.json's own version and its ranges on workspace packages (`prefix` is the field's path inside the file). */
function packageFields(file: string, pkg: VersionedJson, workspaceNames: ReadonlySet<string>, prefix = ''): VersionField[] {
  const fields: VersionField[] = [{ file, field: `${prefix}version`, version: pkg.version }];
  for (const kind of DEPENDENCY_KINDS) {
    for (const [name, range] of Object.entries(pkg[kind] ?? {})) {
      if (workspaceNames.has(name)) fields.push({ file, field: `${prefix}${kind}.${name}`, version: RANGE.exec(range)![2]! });
    }
  }
  return fields;
}

/** The packages of a lockfile that are ours: the root ("") and the workspaces (`packages/…`). */
const lockedPackages = (lock: VersionedJson): [string, VersionedJson][] =>
  Object.entries(lock.packages ?? {}).filter(([path]) => path === '' || path.startsWith('packages/')) as [string, VersionedJson][];

export function versionFields(file: string, json: VersionedJson, workspaceNames: ReadonlySet<string>): VersionField[] {
  if (file === 'package-lock.json') {
    return [
      { file, field: 'version', version: json.version },
      ...lockedPackages(json).flatMap(([path, pkg]) => packageFields(file, pkg, workspaceNames, `packages["${path}"].`)),
    ];
  }
  if (file === 'manifest.json') return [{ file, field: 'version', version: json.version }];
  return packageFields(file, json, workspaceNames);
}

function setPackageVersion(pkg: VersionedJson, workspaceNames: ReadonlySet<string>, version: string): void {
  pkg.version = version;
  for (const kind of DEPENDENCY_KINDS) {
    for (const [name, range] of Object.entries(pkg[kind] ?? {})) {
      if (workspaceNames.has(name)) pkg[kind]![name] = `${RANGE.exec(range)![1]}${version}`;
    }
  }
}

/** Sets every version field of a package.json or package-lock.json (`json`, changed in place) to `version`. */
export function setPackageVersions(file: string, json: VersionedJson, workspaceNames: ReadonlySet<string>, version: string): void {
  if (file !== 'package-lock.json') {
    setPackageVersion(json, workspaceNames, version);
    return;
  }
  json.version = version;
  for (const [, pkg] of lockedPackages(json)) setPackageVersion(pkg, workspaceNames, version);
}

/**
 * The manifest's text with its version changed and nothing else: its hand-kept
 * layout (objects on one line) would not survive JSON.stringify.
 */
export function setManifestVersion(text: string, version: string): string {
  const changed = text.replace(/^(\s*"version":\s*)"[^"]*"/m, `$1"${version}"`);
  if ((JSON.parse(changed) as VersionedJson).version !== version) throw new Error('manifest.json: no top-level "version" to change');
  return changed;
}

/** Every field whose version is not `expected`, one line each, e.g. `packages/sdk/package.json version 0.1.1`. */
export function disagreements(fields: readonly VersionField[], expected: string): string[] {
  return fields.filter((f) => f.version !== expected).map((f) => `${f.file} ${f.field} ${f.version}`);
}
