/**
 * `npm run test:source` (part of `npm test`, after `npm run package`): does what
 * BUILD.md tells a reviewer. It unpacks the source archive into a fresh directory
 * outside this checkout, runs the commands of BUILD.md's first `sh` block there
 * (`npm ci` from the registry, then the build), and fails unless the xpi it gets is
 * the very bytes of dist/'s. The directory is removed afterwards, pass or fail.
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { extractZip } from './package/extractZip.ts';
import { sourceArchiveName, storeArtifactName } from './package/storeLayout.ts';
import { releaseVersion } from './release/repoVersions.ts';
import { makeTempDir } from './tempDir.ts';

const ROOT = join(import.meta.dirname, '..');

/** The commands of the first ```sh block of a markdown text, one a line. */
function shellCommands(markdown: string): string[] {
  const block = /^```sh\n([\s\S]*?)^```/m.exec(markdown);
  if (!block) throw new Error('BUILD.md has no ```sh block of build commands');
  return block[1]!.split('\n').filter((line) => line.trim() !== '');
}

/** Which entries of two zips differ, to say where a rebuild went astray. */
function differingEntries(a: Uint8Array, b: Uint8Array): string[] {
  const [x, y] = [unzipSync(a), unzipSync(b)];
  const same = (p: string) => x[p] !== undefined && y[p] !== undefined && Buffer.from(x[p]!).equals(Buffer.from(y[p]!));
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((p) => !same(p)).sort();
}

// The rebuild must not inherit this run's npm or Vite settings: a reviewer's shell has none.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|VITE_|INIT_CWD$)/i.test(name)));

const version = await releaseVersion(ROOT);
const xpi = storeArtifactName('firefox', version);
const submitted = new Uint8Array(await readFile(join(ROOT, 'dist', xpi)));
const dir = await makeTempDir('source');
try {
  await extractZip(new Uint8Array(await readFile(join(ROOT, 'dist', sourceArchiveName(version)))), dir);
  for (const command of shellCommands(await readFile(join(dir, 'BUILD.md'), 'utf8'))) {
    console.log(`$ ${command}`);
    await promisify(execFile)('sh', ['-c', command], { cwd: dir, env: cleanEnv, maxBuffer: 64 * 1024 * 1024 });
  }
  const rebuilt = new Uint8Array(await readFile(join(dir, 'dist', xpi)));
  if (!Buffer.from(rebuilt).equals(Buffer.from(submitted))) {
    const entries = differingEntries(submitted, rebuilt);
    throw new Error(
      `the xpi rebuilt from the source archive differs from dist/${xpi}${entries.length ? `, in: ${entries.join(', ')}` : ' (same files, other bytes)'}`,
    );
  }
  console.log(`rebuilt dist/${xpi} from dist/${sourceArchiveName(version)}: the same ${submitted.length} bytes`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
