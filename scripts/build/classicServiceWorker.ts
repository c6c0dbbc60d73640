import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { rolldown } from 'rolldown';
import type { Plugin } from 'vite';
import { chunkClosure } from './chunkGraph.ts';
import { buildCurveScript } from './curveScript.ts';

/**
 * Chrome only: turns the service worker crxjs writes, a module worker (a loader that imports the worker's chunk,
 * which imports the chunks it shares with the pages), into one classic script, and drops the chunks no other part
 * of the extension loads.
 *
 * Why: a cold stamp's own part (beyond the browser's worker start) took 19–22 ms with the module worker and
 * 11–14 ms with the same code as one classic script, in paired runs (`npm run bench`, bench/README.md "One classic
 * script"). A Chrome service worker may not `import()` anyway, so the module format gives it nothing. Firefox's
 * event page keeps its modules: they let it load the curve code on first use, and as one script it started no
 * sooner.
 */
export function classicServiceWorker(): Plugin {
  let root = '';
  let outDir = '';
  let minify: unknown = true;
  return {
    name: 'grid-wallet:classic-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
      minify = config.build.minify; // off for `npm run bench -- --profile`, for readable names
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        await makeServiceWorkerClassic(outDir, Boolean(minify));
        await buildCurveScript(root, outDir, Boolean(minify));
      },
    },
  };
}

/** Rewrites the Chrome build in `outDir`: its service worker as one classic script, and the chunks only it loaded gone. */
export async function makeServiceWorkerClassic(outDir: string, minify: boolean): Promise<void> {
  const manifestPath = join(outDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  const loader = join(outDir, manifest.background.service_worker);
  const moduleGraph = loadedBy(outDir, loader);
  // Rolldown, the bundler under Vite, bundles what crxjs wrote; Vite's own build would rework its chunks again.
  const bundle = await rolldown({
    input: loader,
    // The one dynamic import: @hpke/core's Node fallback, which a browser never takes. It stays as it was.
    external: (id) => id.includes('__vite-browser-external'),
    transform: { define: { 'import.meta.url': 'self.location.href', 'import.meta.resolve': 'undefined' } },
    logLevel: 'warn',
  });
  await bundle.write({ file: loader, format: 'iife', minify });
  await bundle.close();
  delete manifest.background.type;
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  await removeUnreferenced(outDir, moduleGraph, loader);
}

/** The chunks a file loads, statically or through `import()`, with what those load in turn. */
function loadedBy(outDir: string, file: string): Set<string> {
  const { files, lazy } = chunkClosure(outDir, [file]);
  return new Set([...files, ...lazy].filter((path) => path !== file));
}

/**
 * Deletes each former worker chunk that nothing loads any more: not the new worker (which keeps only its external
 * import) and not the pages and content scripts, which name theirs.
 */
async function removeUnreferenced(outDir: string, chunks: Set<string>, loader: string): Promise<void> {
  const stillLoaded = loadedBy(outDir, loader);
  const others = (await readdir(outDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.(js|html|json|css)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => path !== loader && !chunks.has(path));
  for (const text of await Promise.all(others.map((path) => readFile(path, 'utf8'))))
    for (const chunk of chunks) if (text.includes(basename(chunk))) stillLoaded.add(chunk);
  // What a kept chunk loads is kept too.
  for (const chunk of [...stillLoaded]) for (const loaded of loadedBy(outDir, chunk)) stillLoaded.add(loaded);
  await Promise.all([...chunks].filter((chunk) => !stillLoaded.has(chunk)).map((chunk) => rm(chunk)));
}
