import { join, resolve } from 'node:path';
import { rolldown } from 'rolldown';
import { CURVE_GLOBAL, CURVE_IMPORTS_GLOBAL, CURVE_SCRIPT_PATH } from '../../src/background/curveScript.ts';

/**
 * Chrome only: src/background/curve.ts as a classic script of its own, which the service worker imports at install
 * and on first use (src/background/loadCurve.chrome.ts), instead of loading it on every start.
 *
 * Why: a cold stamp's own part took 12.0 ms with the curve code in the worker's script and 9.5 ms without it, in
 * paired runs (`npx tsx bench/coldPairs.ts`, bench/README.md "Chrome's worker without the curve code").
 *
 * The script takes packages/core's errors.ts from the worker (src/background/curveScript.ts says why) and bundles
 * the rest it needs.
 */
export async function buildCurveScript(root: string, outDir: string, minify: boolean): Promise<void> {
  const sharedErrors = resolve(root, 'packages/core/src/errors.ts');
  const bundle = await rolldown({
    input: join(root, 'src/background/curve.ts'),
    cwd: root,
    platform: 'browser',
    // `crypto`: @hpke/core's Node fallback, a dynamic import a browser never takes.
    external: (id, _importer, isResolved) => id === 'crypto' || (isResolved && id === sharedErrors),
    logLevel: 'warn',
  });
  await bundle.write({
    file: join(outDir, CURVE_SCRIPT_PATH),
    format: 'iife',
    name: CURVE_GLOBAL,
    globals: (id) => (id === sharedErrors ? `${CURVE_IMPORTS_GLOBAL}.errors` : id),
    minify,
  });
  await bundle.close();
}
