import { join } from 'node:path';
import { build } from 'vite';

/** Bundles bench/page/inpage.ts (Turnkey's libraries + our core) into one ES module for the bench page. */
export async function buildPageBundle(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'error',
    publicDir: false,
    root: join(import.meta.dirname, '..', '..'),
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: join(import.meta.dirname, '..', 'page', 'inpage.ts'), formats: ['es'], fileName: () => 'inpage.js' },
      rollupOptions: { output: { codeSplitting: false } as any },
    },
  });
}
