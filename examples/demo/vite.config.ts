import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

/**
 * The demo integrator page (examples/demo/page) → dist/demo, served by the demo
 * backend. Separate from the extension's build (../../vite.config.ts).
 */
export const DEMO_PAGE_ROOT = fileURLToPath(new URL('./page', import.meta.url));
export const DEMO_PAGE_OUT = fileURLToPath(new URL('../../dist/demo', import.meta.url));

export default defineConfig({
  root: DEMO_PAGE_ROOT,
  plugins: [preact()],
  // The page imports `@grid-wallet/sdk` as an integrator would; here it is the SDK's sources (tsconfig.json's paths).
  resolve: { tsconfigPaths: true },
  logLevel: 'warn',
  build: { outDir: DEMO_PAGE_OUT, emptyOutDir: true, target: 'es2022' },
});
