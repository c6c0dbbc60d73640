import * as errors from '@grid-wallet/core/errors';
import { CURVE_GLOBAL, CURVE_IMPORTS_GLOBAL, CURVE_SCRIPT_PATH } from './curveScript.ts';

/**
 * Chrome's curve code on first use. A service worker may `importScripts()` a script after it is installed only if it
 * imported that script while installing: the browser keeps the script with the worker, and hands that copy back
 * later. So the worker imports the curve script once at install, and again the first time a key is made or a bundle
 * opened after each start; a worker woken for a stamp never loads it. Chosen for the Chrome build by vite.config.ts;
 * see loadCurve.ts.
 */
type Curve = typeof import('./curve.ts');
const scope = globalThis as unknown as Record<string, unknown>;

function importCurveScript(): Curve {
  scope[CURVE_IMPORTS_GLOBAL] ??= { errors };
  if (scope[CURVE_GLOBAL] === undefined) importScripts(`/${CURVE_SCRIPT_PATH}`);
  return scope[CURVE_GLOBAL] as Curve;
}

addEventListener('install', () => importCurveScript());

export function loadCurve(): Promise<Curve> {
  return new Promise((resolve) => resolve(importCurveScript()));
}
