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
 * React app connect, sign in, reject and pay; every README/docs sample but Node programs
 * and fragments (writeSamples), the guide's first test among them; in Chromium (found by Playwright's own browser resolution)
 * and in Firefox ESR; and `npx grid-emulator` stopped. Then nothing of that project
 * may still be running.
 *
 * The kit's peer range of `@playwright/test` is tested at its low end and at the
 * version this repository pins (the newest known to run Debian's Firefox ESR): the
 * project's type-check and tests run with each. `--playwright 1.66.0,…` runs these
 * versions instead, e.g. the newest 1.x before a release (docs/release-checklist.md).
 */
import { execFile as execFileCallback, spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { canListProcesses, describeProcess, listProcesses, namesPath } from './processes.ts';
import { makeTempDir } from './tempDir.ts';
import { allSamples, type DocSample } from './docSamples.ts';

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

/** The lowest version the kit's peer range of @playwright/test admits (`>=1.61.0 <2` → 1.61.0). */
async function lowestPeerPlaywright(): Promise<string> {
  const kit = JSON.parse(await readFile(join(ROOT, 'packages/playwright/package.json'), 'utf8'));
  const range: string = kit.peerDependencies['@playwright/test'];
  const lowest = /^>=\s*(\d+\.\d+\.\d+)/.exec(range)?.[1];
  if (!lowest) throw new Error(`packages/playwright/package.json: no lower bound in the peer range "${range}"`);
  return lowest;
}

/** The @playwright/test versions to run with: `--playwright a,b`, else this repository's and the peer range's lowest. */
async function playwrightVersions(): Promise<string[]> {
  const flag = process.argv.indexOf('--playwright');
  if (flag >= 0) return process.argv[flag + 1]!.split(',');
  return [...new Set([await rootVersion('@playwright/test'), await lowestPeerPlaywright()])];
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
  await rm(join(folder, 'chrome'), { force: true }); // two versions may share a revision
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

/** How a documentation sample runs (scripts/docSamples.ts finds them). */
function sampleKind(sample: DocSample): 'node' | 'fragment' | 'config' | 'kit' | 'server' | 'page' {
  if (sample.contexts?.includes('node')) return 'node'; // scripts/docSamples.test.ts runs these
  if (sample.contexts?.includes('fragment')) return 'fragment';
  if (sample.code.startsWith('// playwright.config.ts')) return 'config';
  if (sample.code.includes("from '@grid-wallet/playwright'")) return 'kit';
  if (sample.contexts?.includes('relay-app')) return 'server';
  return 'page';
}

/**
 * Every README/docs sample that is not a Node program or a fragment, into the project, to run there:
 * - a kit test (the guide's first test, the kit README's) goes into tests/ as written, only its app URL
 *   changed to the app globalSetup.ts starts on a free port (a fixed 3000 could collide with another run);
 * - a playwright.config.ts goes into samples/config-<n>/ beside a test that asks its emulator for health,
 *   for `npx playwright test --config` (its webServer is the sample's own);
 * - a page sample (SDK, provider, React) becomes samples/<name>.ts: the runtime of the contexts it names
 *   (samples/run/<context>.ts over samples/harness.ts), then its code, its placeholder credential id
 *   a real one; esbuild bundles it for /samples/<name>/, which tests/samples.spec.ts drives;
 * - the relay sample becomes samples/relay-<n>.ts after samples/run/relay-app.ts, which tests/samples.spec.ts imports.
 * Returns the config folders.
 */
async function writeSamples(project: string): Promise<string[]> {
  const samples = await allSamples();
  const configs: string[] = [];
  const pages: { name: string; where: string; react: boolean }[] = [];
  const servers: { name: string; where: string }[] = [];
  const runtime = async (sample: DocSample) =>
    (await Promise.all((sample.contexts ?? []).map((name) => readFile(join(project, 'samples/run', `${name}.ts`), 'utf8')))).join('');
  for (const [i, sample] of samples.entries()) {
    const header = `// ${sample.where} (scripts/testInstalledPackages.ts)\n`;
    switch (sampleKind(sample)) {
      case 'kit': {
        const url = "'http://localhost:3000/'";
        if (!sample.code.includes(url)) throw new Error(`${sample.where}: a kit test that does not open ${url}`);
        await writeFile(join(project, `tests/sample-${i}.spec.ts`), `${header}${sample.code.replaceAll(url, 'process.env.APP_URL!')}\n`);
        break;
      }
      case 'config': {
        const dir = join(project, 'samples', `config-${i}`);
        await mkdir(dir);
        await writeFile(join(dir, 'playwright.config.ts'), `${header}${sample.code}\n`);
        await cp(join(project, 'samples/emulatorHealth.spec.ts'), join(dir, 'emulatorHealth.spec.ts'));
        configs.push(dir);
        break;
      }
      case 'server': {
        const name = `relay-${i}`;
        await writeFile(join(project, 'samples', `${name}.ts`), `${header}${await runtime(sample)}${sample.code}\n`);
        servers.push({ name, where: sample.where });
        break;
      }
      case 'page': {
        const name = `sample-${i}`;
        const react = sample.lang === 'tsx';
        const code = sample.code.replaceAll("'AuthMethod:…'", '(await harness.customer()).credentialId');
        const module = `${header}import * as harness from './harness';\n${await runtime(sample)}${code}\nexport {};\n`;
        await writeFile(join(project, 'samples', `${react ? `${name}.app` : name}.${react ? 'tsx' : 'ts'}`), module);
        // A React sample exports its App; this renders it with the props its comment names, made real.
        if (react)
          await writeFile(
            join(project, 'samples', `${name}.tsx`),
            `import { createRoot } from 'react-dom/client';\nimport * as harness from './harness';\nimport { App } from './${name}.app';\n\n` +
              `const { credentialId } = await harness.customer();\n` +
              `createRoot(document.getElementById('root')!).render(<App credentialId={credentialId} quote={await harness.quote()} />);\n`,
          );
        pages.push({ name, where: sample.where, react });
        break;
      }
    }
  }
  await writeFile(join(project, 'samples/index.json'), JSON.stringify({ pages, servers }, null, 2));
  const entries = pages.map(({ name, react }) => `samples/${name}.${react ? 'tsx' : 'ts'}`);
  await run('npx', ['esbuild', ...entries, '--bundle', '--format=esm', '--jsx=automatic', '--outdir=build/samples'], project);
  return configs;
}

const work = await makeTempDir('installed');
try {
  const tarballs = await packWorkspaces(join(work, 'tarballs'));
  const project = join(work, 'project');
  await cp(join(ROOT, 'e2e/installed/project'), project, { recursive: true });
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
  // Before the type-check, which covers the kit tests copied from the docs.
  const configs = await writeSamples(project);
  await run('npx', ['tsc', '-p', 'tsconfig.json'], project);
  await run('npx', ['tsc', '-p', 'tsconfig.page.json'], project);
  await run('npx', ['esbuild', 'react/main.tsx', '--bundle', '--format=esm', '--jsx=automatic', '--outfile=build/react.js'], project);
  // The docs' playwright.config.ts samples, each with its own webServer: once, with this repository's Playwright.
  for (const config of configs) await run('npx', ['playwright', 'test', '--config', config], project);
  let installed = await rootVersion('@playwright/test');
  for (const version of await playwrightVersions()) {
    if (version !== installed) {
      installed = version;
      await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', `@playwright/test@${version}`], project);
      await run('npx', ['tsc', '-p', 'tsconfig.json'], project);
    }
    console.log(`\n@playwright/test ${version}:`);
    const browsers = await playwrightBrowsersFolder(project, join(work, 'ms-playwright'));
    await run('npx', ['playwright', 'test'], project, { PLAYWRIGHT_BROWSERS_PATH: browsers, CHROMIUM_PATH: undefined });
    assertNothingRunsIn(work);
  }
} finally {
  // KEEP_INSTALLED_PROJECT=1 leaves the project (and Playwright's error context) for a look.
  if (process.env.KEEP_INSTALLED_PROJECT === '1') console.log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
