import { join } from 'node:path';
import { build } from 'vite';

/** Builds the demo page into dist/demo (what `npm run build:demo` does), quietly. */
export async function buildDemoPage(): Promise<void> {
  await build({ configFile: join(import.meta.dirname, 'vite.config.ts') });
}
