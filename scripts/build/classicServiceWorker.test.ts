import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeTempDir } from '../tempDir.ts';
import { makeServiceWorkerClassic } from './classicServiceWorker.ts';

/** A built extension as crxjs writes it: a module worker's loader, its chunk, a chunk shared with a page, and the Node stub. */
async function builtExtension(): Promise<string> {
  const dir = await makeTempDir('classic-worker');
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'assets'));
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify({ manifest_version: 3, background: { service_worker: 'service-worker-loader.js', type: 'module' } }),
    'service-worker-loader.js': "import './assets/main.ts-A1.js';\n",
    'assets/main.ts-A1.js': [
      'import{s as e}from"./shared-B2.js";',
      'import"./workerOnly-C3.js";',
      'globalThis.order.push("main:"+e);',
      'globalThis.nodeFallback=()=>import(`./__vite-browser-external-D4.js`);',
    ].join(''),
    'assets/workerOnly-C3.js': 'globalThis.order.push(`workerOnly`);',
    'assets/shared-B2.js': 'globalThis.order.push(`shared`);const s=`shared`;export{s};',
    'assets/__vite-browser-external-D4.js': 'export default {};',
    'assets/page-E5.js': 'import{s as e}from"./shared-B2.js";console.log(e);',
    'page.html': '<script type="module" src="/assets/page-E5.js"></script>',
  };
  for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  return dir;
}

describe('makeServiceWorkerClassic', () => {
  it('makes the worker one classic script that runs its modules in their order', async () => {
    const dir = await builtExtension();
    await makeServiceWorkerClassic(dir, false);

    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.background).toEqual({ service_worker: 'service-worker-loader.js' });
    const worker = await readFile(join(dir, 'service-worker-loader.js'), 'utf8');
    expect(worker).not.toMatch(/^\s*(import|export)\b/m); // no module syntax left
    const global = globalThis as unknown as { order: string[]; nodeFallback?: unknown };
    global.order = [];
    onTestFinished(() => {
      delete (globalThis as { order?: unknown }).order;
      delete global.nodeFallback;
    });
    new Function(worker)(); // throws on module syntax
    expect(global.order).toEqual(['shared', 'workerOnly', 'main:shared']);
  });

  it("drops the chunks only the worker loaded and keeps the pages' and the external one", async () => {
    const dir = await builtExtension();
    await makeServiceWorkerClassic(dir, true);

    expect(existsSync(join(dir, 'assets/main.ts-A1.js'))).toBe(false);
    expect(existsSync(join(dir, 'assets/workerOnly-C3.js'))).toBe(false);
    expect(existsSync(join(dir, 'assets/shared-B2.js'))).toBe(true);
    expect(existsSync(join(dir, 'assets/page-E5.js'))).toBe(true);
    expect(existsSync(join(dir, 'assets/__vite-browser-external-D4.js'))).toBe(true);
    expect(await readFile(join(dir, 'service-worker-loader.js'), 'utf8')).toContain('./assets/__vite-browser-external-D4.js');
  });
});
