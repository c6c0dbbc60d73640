/**
 * Firefox's event page may `import()`: the sealing code (sealing.ts) loads on first use, so a worker woken for a
 * stamp neither fetches nor evaluates it. Chosen for the Firefox build by vite.config.ts; see loadSealing.ts.
 */
export function loadSealing(): Promise<typeof import('./sealing.ts')> {
  return import('./sealing.ts');
}
