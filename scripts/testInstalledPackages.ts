/**
 * `npm run test:packages`: what an integrator gets from npm, tried outside this
 * repository. Packs every workspace package (after `npm run build:packages`),
 * installs the tarballs into a fresh project in a temporary directory (the files
 * of e2e/installed/project, nothing else of ours), then there: type-checks the
 * integrator's page and tests against the SDK and kit, checks each package's
 * metadata and licence and that the SDK loads from CommonJS, bundles its React app
 * (@grid-wallet/react) with esbuild, and runs its Playwright tests: the emulator
 * started through its `bin` by the `webServer` our docs recommend, @grid-wallet/relay
 * in front of it (a foreign account's call answers 403), and with the kit: on the
 * plain page sign in, reject, pay under a grant and pay without a prompt; in the
 * React app connect, sign in, reject and pay; the integrator guide's first test,
 * copied from the guide; in Chromium (found by Playwright's own browser resolution)
 * and in Firefox ESR; and `npx grid-emulator` stopped. Then nothing of that project
 * may still be running.
 */
import { execFile as execFileCallback, spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { canListProcesses, describeProcess, listProcesses, namesPath } from './processes.ts';
import { makeTempDir } from './tempDir.ts';
import { extractSamples } from './docSamples.ts';

const ROOT = join(import.meta.dirname, '..');
const execFile = promisify(execFileCallback);

/** Runs a command in `cwd`, its output shown as it comes; rejects on a non-zero exit. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  console.log(`\n$ ${command} ${args.join(' ')}   (in ${cwd})`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', env: { ...process.env, npm_config_workspaces: undefined, ...env } });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** The workspaces integrators install: all but the private ones (@grid-wallet/core, @grid-wallet/protocol), which these bundle. */
async function publishedWorkspaces(): Promise<string[]> {
  const dirs = (await readdir(join(ROOT, 'packages'), { withFileTypes: true })).filter((d) => d.isDirectory());
  const manifest = async (dir: string): Promise<{ name: string; private?: boolean }> =>
    JSON.parse(await readFile(join(ROOT, 'packages', dir, 'package.json'), 'utf8'));
  return (await Promise.all(dirs.map((d) => manifest(d.name)))).filter((m) => !m.private).map((m) => m.name);
}

async function packWorkspaces(destination: string): Promise<Record<string, string>> {
  await mkdir(destination, { recursive: true });
  const workspaces = (await publishedWorkspaces()).map((name) => `--workspace=${name}`);
  const { stdout } = await execFile('npm', ['pack', ...workspaces, '--json', '--pack-destination', destination], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
  });
  const packed = JSON.parse(stdout) as { name: string; filename: string }[];
  return Object.fromEntries(packed.map(({ name, filename }) => [name, `file:${join(destination, filename)}`]));
}

/** What Playwright and the tests started in the project must be gone once they finish. */
function assertNothingRunsIn(dir: string): void {
  if (!canListProcesses()) {
    console.warn('(no /proc here: not checking that the project left nothing running)');
    return;
  }
  const left = listProcesses().filter((p) => namesPath(p, `${dir}/`));
  if (left.length > 0) throw new Error(`still running after the installed project's tests:\n${left.map(describeProcess).join('\n')}`);
}

async function rootVersion(name: string): Promise<string> {
  return (JSON.parse(await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * A browsers folder laid out as `npx playwright install chromium` leaves it
 * (`chromium-<revision>/chrome-linux64/chrome`, revision from the installed
 * playwright-core), its binary a link to the system's Chromium: no download, yet
 * the kit must find it through Playwright's own resolution.
 */
async function playwrightBrowsersFolder(project: string, destination: string): Promise<string> {
  const { browsers } = JSON.parse(await readFile(join(project, 'node_modules/playwright-core/browsers.json'), 'utf8')) as {
    browsers: { name: string; revision: string }[];
  };
  const revision = browsers.find(({ name }) => name === 'chromium')?.revision;
  const folder = join(destination, `chromium-${revision}`, 'chrome-linux64');
  await mkdir(folder, { recursive: true });
  await symlink(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', join(folder, 'chrome'));
  return destination;
}

/** What the ecosystem expects of each installed package: its licence file and where it comes from. */
async function checkPackageMetadata(project: string, names: string[]): Promise<void> {
  for (const name of names) {
    const dir = join(project, 'node_modules', name);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const missing = ['repository.url', 'homepage', 'bugs.url', 'license', 'engines.node'].filter(
      (path) => path.split('.').reduce((value, key) => value?.[key], manifest) === undefined,
    );
    if (!(await readFile(join(dir, 'LICENSE'), 'utf8')).includes('Apache License')) missing.push('LICENSE');
    if (missing.length > 0) throw new Error(`${name} is installed without ${missing.join(', ')}`);
  }
  console.log(`${names.join(', ')}: LICENSE, repository, homepage, bugs, engines present`);
}

/**
 * The SDK also loads from CommonJS (a `require` in Node, a bundler's CJS build), as
 * its own CommonJS build: Node 20.19+ could `require` the ES module too, older Node and bundlers cannot.
 */
const REQUIRE_SDK = `if (!require.resolve('@grid-wallet/sdk').endsWith('index.cjs')) throw new Error('require resolves ' + require.resolve('@grid-wallet/sdk'));
const sdk = require('@grid-wallet/sdk');
if (typeof sdk.payQuote !== 'function' || typeof sdk.GridSdkError !== 'function') throw new Error('require gave ' + Object.keys(sdk));`;

/**
 * The integrator guide's first kit test, as a reader copies it, into the project's
 * tests: only its app URL changes, to the app globalSetup.ts starts on a free port
 * (a fixed 3000 could collide with another run on this machine); it reads the
 * emulator's URL from the `webServer`, as the guide says.
 */
async function copyGuideTest(project: string): Promise<void> {
  const guide = 'docs/integrator-guide.md';
  const sample = extractSamples(await readFile(join(ROOT, guide), 'utf8'), guide).find(({ code }) =>
    code.includes("from '@grid-wallet/playwright'"),
  );
  const urls: [string, string][] = [["'http://localhost:3000/'", 'process.env.APP_URL!']];
  if (!sample || urls.some(([url]) => !sample.code.includes(url)))
    throw new Error(`${guide}: no kit test naming ${urls.map(([url]) => url).join(' and ')}`);
  const code = urls.reduce((text, [url, local]) => text.replaceAll(url, local), sample.code);
  await writeFile(
    join(project, 'tests/guide.spec.ts'),
    `// ${sample.where}, its URLs this project's (scripts/testInstalledPackages.ts)\n${code}\n`,
  );
}

const work = await makeTempDir('installed');
try {
  const tarballs = await packWorkspaces(join(work, 'tarballs'));
  const project = join(work, 'project');
  await cp(join(ROOT, 'e2e/installed/project'), project, { recursive: true });
  await copyGuideTest(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'integrator-app',
        private: true,
        type: 'module',
        devDependencies: {
          ...tarballs,
          '@playwright/test': await rootVersion('@playwright/test'),
          '@types/node': await rootVersion('@types/node'),
          typescript: await rootVersion('typescript'),
          // The React app: react and its types, and a bundler for it.
          react: await rootVersion('react'),
          'react-dom': await rootVersion('react-dom'),
          '@types/react': await rootVersion('@types/react'),
          '@types/react-dom': await rootVersion('@types/react-dom'),
          esbuild: await rootVersion('esbuild'),
        },
      },
      null,
      2,
    ),
  );
  console.log(`packed: ${(await readdir(join(work, 'tarballs'))).join(', ')}`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], project);
  await checkPackageMetadata(project, Object.keys(tarballs));
  await run('node', ['--input-type=commonjs', '-e', REQUIRE_SDK], project);
  await run('npx', ['tsc', '-p', 'tsconfig.json'], project);
  await run('npx', ['tsc', '-p', 'tsconfig.page.json'], project);
  await run('npx', ['esbuild', 'react/main.tsx', '--bundle', '--format=esm', '--jsx=automatic', '--outfile=build/react.js'], project);
  const browsers = await playwrightBrowsersFolder(project, join(work, 'ms-playwright'));
  await run('npx', ['playwright', 'test'], project, { PLAYWRIGHT_BROWSERS_PATH: browsers, CHROMIUM_PATH: undefined });
  assertNothingRunsIn(work);
} finally {
  // KEEP_INSTALLED_PROJECT=1 leaves the project (and Playwright's error context) for a look.
  if (process.env.KEEP_INSTALLED_PROJECT === '1') console.log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
