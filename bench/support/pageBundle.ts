import { join } from 'node:path';
import { build } from 'vite';

/**
 * Bundles bench/page/inpage.ts (Turnkey's libraries + our core) and the iframe
 * peer bench/page/stamper.ts, each into one ES module.
 */
export async function buildPageBundle(outDir: string): Promise<void> {
  for (const [entry, index] of [
    ['inpage', 0],
    ['stamper', 1],
  ] as const)
    await buildOne(outDir, entry, index === 0);
}

async function buildOne(outDir: string, entry: string, emptyOutDir: boolean): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'error',
    publicDir: false,
    root: join(import.meta.dirname, '..', '..'),
    build: {
      outDir,
      emptyOutDir,
      target: 'es2022',
      minify: true,
      lib: { entry: join(import.meta.dirname, '..', 'page', `${entry}.ts`), formats: ['es'], fileName: () => `${entry}.js` },
      rollupOptions: { output: { codeSplitting: false } as any },
    },
  });
}
