import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The SDK as one module with no runtime dependency, as ES module (index.js) and
 * CommonJS (index.cjs, for `require`): packages/sdk with the parts of
 * packages/protocol and packages/core it uses, bundled (never copied into this package's
 * sources). Types come from `tsc -p tsconfig.build.json` into dist/types.
 */
export default defineConfig({
  logLevel: 'warn',
  publicDir: false,
  build: {
    lib: {
      entry: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      formats: ['es', 'cjs'],
      fileName: (format) => (format === 'es' ? 'index.js' : 'index.cjs'),
    },
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
  },
});
