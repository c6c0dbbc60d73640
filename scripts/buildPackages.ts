/**
 * `npm run build:packages`: builds what integrators install, from this
 * checkout's sources, starting with the extension's development build
 * (dist/chrome, dist/firefox, as `npm run build`), which the kit ships.
 *
 *   packages/sdk          dist/index.js (ES module) and dist/index.cjs (CommonJS), no dependencies; dist/types
 *   packages/emulator     dist/index.js, dist/cli.js (the `grid-emulator` bin), dist/types
 *                         (both with what they use of the private @grid-wallet/core and @grid-wallet/protocol
 *                         bundled in, declarations included: nothing installs those)
 *   packages/playwright   dist/, extension/chrome (unpacked), extension/firefox.xpi
 *   packages/relay        dist/ (ES module and types, no dependencies)
 *   packages/react        dist/ (ES module and types; react and the SDK are its peers), after the SDK's types
 *   every package         LICENSE, the repository's own
 */
import { execFile } from 'node:child_process';
import { chmod, copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { packExtension } from './package/packExtension.ts';

const ROOT = join(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
const tsc = (project: string) => promisify(execFile)(TSC, ['-p', join(ROOT, project)]);

/** The extension, both flavours: a few seconds, and never a stale build in the kit. */
async function buildExtension(): Promise<void> {
  for (const mode of ['chrome', 'firefox']) await build({ configFile: join(ROOT, 'vite.config.ts'), mode });
}

/** The private workspace packages: bundled into the published ones, never published themselves. */
const PRIVATE_NAME = /(['"])@grid-wallet\/(core|protocol)(?:\/([\w.-]+))?\1/g;

/**
 * Declarations of a package built with tsconfig.bundled.json: the private packages'
 * declarations sit beside its own (dist/types/<name>/src), and each import of one by name
 * becomes a relative path to them, so the published types need nothing installed.
 */
async function buildBundledTypes(name: string): Promise<void> {
  const types = join(ROOT, 'packages', name, 'dist/types');
  await tsc(`packages/${name}/tsconfig.build.json`);
  for (const file of (await readdir(types, { recursive: true })).filter((f) => f.endsWith('.d.ts'))) {
    const path = join(types, file);
    const text = await readFile(path, 'utf8');
    const inlined = text.replace(PRIVATE_NAME, (_, quote: string, shared: string, subpath = 'index') => {
      const target = relative(dirname(path), join(types, shared, 'src', `${subpath}.ts`));
      return `${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`;
    });
    if (inlined !== text) await writeFile(path, inlined);
  }
}

async function buildSdk(): Promise<void> {
  await build({ configFile: join(ROOT, 'packages/sdk/vite.config.ts') });
  await buildBundledTypes('sdk');
}

async function buildEmulator(): Promise<void> {
  const emulator = join(ROOT, 'packages/emulator');
  await build({ configFile: join(emulator, 'vite.config.ts') });
  await chmod(join(emulator, 'dist/cli.js'), 0o755);
  await buildBundledTypes('emulator');
}

async function buildPlaywrightKit(): Promise<void> {
  const kit = join(ROOT, 'packages/playwright');
  await rm(join(kit, 'dist'), { recursive: true, force: true });
  await tsc('packages/playwright/tsconfig.build.json');
  const shipped = join(kit, 'extension');
  await rm(shipped, { recursive: true, force: true });
  await mkdir(shipped, { recursive: true });
  await cp(join(ROOT, 'dist/chrome'), join(shipped, 'chrome'), { recursive: true });
  await packExtension(join(ROOT, 'dist/firefox'), shipped, 'firefox.xpi');
}

/** npm packs a package's LICENSE whatever `files` says; the root one is the one source. */
async function copyLicence(): Promise<void> {
  for (const name of ['sdk', 'emulator', 'playwright', 'relay', 'react'])
    await copyFile(join(ROOT, 'LICENSE'), join(ROOT, 'packages', name, 'LICENSE'));
}

/** A package tsc alone builds (relay, react): its dist/ afresh. */
async function buildWithTsc(name: string): Promise<void> {
  await rm(join(ROOT, 'packages', name, 'dist'), { recursive: true, force: true });
  await tsc(`packages/${name}/tsconfig.build.json`);
}

await copyLicence();
await buildExtension();
await buildSdk();
await buildEmulator();
await buildPlaywrightKit();
await buildWithTsc('relay');
await buildWithTsc('react');
console.log('built packages/sdk, packages/emulator, packages/playwright, packages/relay and packages/react');
