import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The emulator for Node: `dist/index.js` (createEmulator and its options) and
 * `dist/cli.js` (the `grid-emulator` bin), with the parts of packages/core it uses
 * bundled in (never copied into this package's sources). npm dependencies stay external and are
 * this package's `dependencies`. Types come from `tsc -p tsconfig.build.json`.
 */
const source = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: { index: source('index.ts'), cli: source('main.ts') },
      output: { format: 'es', entryFileNames: '[name].js', banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') },
    },
  },
});
