/**
 * Firefox's event page may `import()`: the curve code (curve.ts) loads on first use, so a worker woken for a stamp
 * neither fetches nor parses it. Chosen for the Firefox build by vite.config.ts; see loadCurve.ts.
 */
export function loadCurve(): Promise<typeof import('./curve.ts')> {
  return import('./curve.ts');
}
