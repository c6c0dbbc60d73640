import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkClosure } from '../../scripts/build/chunkGraph.ts';
import { makeTempDir } from '../../scripts/tempDir.ts';
import { CURVE_IMPORTS_GLOBAL, CURVE_SCRIPT_PATH } from './curveScript.ts';

/**
 * The worker starts without the curve code (curve.ts, docs/architecture.md §3) in both browsers: a stamp needs
 * WebCrypto and noble's DER codec only. Checked on real builds, because a static import anywhere (a background
 * module, or a core module one of them imports) builds and passes every other test while quietly putting the curve
 * code back on the cold stamp's path: the bundler places a module in the worker's own chunk once anything there
 * imports it.
 */

/**
 * Modules that must wait for loadCurve(), as the unminified build names them in its comments. Not every module
 * keeps its comment (p256.ts, noble's nist.js and derSignature.ts lose theirs), but none of the curve's comes
 * without the curve arithmetic's.
 */
const CURVE_CODE = [
  'node_modules/@noble/curves/abstract/weierstrass.js',
  'node_modules/@hpke/core/',
  'packages/core/src/keys.ts',
  'packages/core/src/hpke.ts',
  'packages/core/src/sessionBundle.ts',
];
/** The modules of a chunk, read from the `// path` comment an unminified build writes before each. */
const modulesIn = (code: string) => [...code.matchAll(/^\/\/ ((?:node_modules|packages|src)\/\S+)$/gm)].map((m) => m[1]!);

/** Definitions that only the curve code has, as Chrome's unminified curve script writes them. */
const CURVE_DEFINITIONS = ['function weierstrass(', 'async function openSessionBundle(', 'function generateP256Key(', 'var CipherSuite = '];

let root: string;
let chrome: string;
beforeAll(async () => {
  [root, chrome] = await Promise.all([makeTempDir('firefox-start'), makeTempDir('chrome-start')]);
  for (const [mode, outDir] of [
    ['firefox', root],
    ['chrome', chrome],
  ] as const)
    await build({ mode, logLevel: 'error', build: { outDir, minify: false } });
}, 240_000);
afterAll(() => Promise.all([root, chrome].map((dir) => rm(dir, { recursive: true, force: true }))));

describe("Firefox's event page at start", () => {
  const graph = () => {
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
    const entries = (manifest.background.scripts as string[]).map((script) => join(root, script));
    const { files, lazy } = chunkClosure(root, entries);
    const code = (chunks: Set<string>) => [...chunks].filter((file) => file.endsWith('.js')).map((file) => readFileSync(file, 'utf8'));
    return { atStart: code(files).flatMap(modulesIn), onFirstUse: code(lazy).flatMap(modulesIn), startCode: code(files).join('\n') };
  };

  it('loads none of the curve code', () => {
    const { atStart, startCode } = graph();
    expect(atStart).toContain('src/background/main.ts'); // the region comments are there to read
    expect(startCode).toContain('function p1363ToDer('); // the stamp's DER encoding (derSignature.ts) is there
    expect(atStart.filter((module) => CURVE_CODE.some((curve) => module.startsWith(curve)))).toEqual([]);
  });

  it('loads it on first use, through loadCurve()', () => {
    const { onFirstUse } = graph();
    expect(CURVE_CODE.filter((curve) => !onFirstUse.some((module) => module.startsWith(curve)))).toEqual([]);
  });

  it('has no polyfill: Firefox hands its own `browser` to every page and script', () => {
    expect(graph().atStart.filter((module) => module.includes('webextension-polyfill'))).toEqual([]);
  });
});

describe("Chrome's service worker at start", () => {
  const script = (path: string) => readFileSync(join(chrome, path), 'utf8');
  const worker = () => script(JSON.parse(script('manifest.json')).background.service_worker);
  const curveScript = () => script(CURVE_SCRIPT_PATH);

  it('loads none of the curve code', () => {
    expect(worker()).toContain('function p1363ToDer('); // the stamp's DER encoding is there
    expect(CURVE_DEFINITIONS.filter((definition) => worker().includes(definition))).toEqual([]);
  });

  it('imports it from a script of its own, at install and on first use', () => {
    expect(CURVE_DEFINITIONS.filter((definition) => !curveScript().includes(definition))).toEqual([]);
    expect(worker()).toContain(`addEventListener("install"`);
    expect(worker()).toMatch(/importScripts\(/);
  });

  it("takes the worker's FormatError, so the worker's instanceof checks see the curve code's errors", () => {
    expect(worker()).toContain('var FormatError = class extends Error');
    expect(curveScript()).not.toContain('FormatError = class');
    expect(curveScript()).toContain(`${CURVE_IMPORTS_GLOBAL}.errors`);
  });
});
