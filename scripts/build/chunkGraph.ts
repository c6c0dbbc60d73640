import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/**
 * What the chunks of a built extension load: read from the bundler's output as text. Used by the build's
 * classic-worker step (classicServiceWorker.ts) and by `npm run bench`'s weights (bench/weight.bench.ts).
 */

const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]+from\s*)?["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+|\/[^"'`]+)["'`]\s*\)/g;
const VITE_DEPS = /m\.f\|\|\(m\.f=\[([^\]]*)\]/g;

/** A path a file names (`./x.js` from its folder, `/x.js` from the build's root), as a path on disk. */
export function resolveIn(root: string, from: string, spec: string): string {
  return spec.startsWith('/') ? normalize(join(root, spec)) : normalize(join(dirname(from), spec));
}

/** The entries plus their static import closure; dynamic targets (incl. Vite's preload map) go to `lazy`. */
export function chunkClosure(root: string, entries: string[]): { files: Set<string>; lazy: Set<string> } {
  const files = new Set<string>();
  const lazy = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const file = stack.pop()!;
    if (files.has(file) || !existsSync(file)) continue;
    files.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) stack.push(resolveIn(root, file, m[1]!));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolveIn(root, file, m[1]!));
    for (const m of code.matchAll(VITE_DEPS)) {
      for (const dep of m[1]!.split(',')) {
        const path = dep.trim().replace(/^["'`]|["'`]$/g, '');
        if (path) lazy.add(normalize(join(root, path)));
      }
    }
  }
  for (const f of files) lazy.delete(f);
  return { files, lazy };
}
