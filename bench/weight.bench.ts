import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Weight: gzip size (level 9) of what the browser loads for each part of the
 * built extension, from the manifest and the HTML entry points. A part's size is
 * its entry file plus every chunk it imports statically (shared chunks count in
 * each part that loads them); chunks reached only through `import()` are listed
 * as `lazy` and not counted.
 */

export interface PartWeight {
  /** Files counted (relative to the build directory). */
  files: string[];
  bytes: number;
  gzipBytes: number;
  lazy: string[];
}

export type BuildWeight = Record<string, PartWeight>;

const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]+from\s*)?["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+|\/[^"']+)["']\s*\)/g;
const VITE_DEPS = /m\.f\|\|\(m\.f=\[([^\]]*)\]/g;

function resolve(root: string, from: string, spec: string): string {
  return spec.startsWith('/') ? normalize(join(root, spec)) : normalize(join(dirname(from), spec));
}

/** The entry plus its static import closure; dynamic targets (incl. vite's preload map) go to `lazy`. */
function closure(root: string, entries: string[]): { files: Set<string>; lazy: Set<string> } {
  const files = new Set<string>();
  const lazy = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const file = stack.pop()!;
    if (files.has(file) || !existsSync(file)) continue;
    files.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) stack.push(resolve(root, file, m[1]!));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolve(root, file, m[1]!));
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

/** Scripts and stylesheets an HTML page loads. */
function htmlAssets(root: string, html: string): string[] {
  const text = readFileSync(html, 'utf8');
  const refs = [...text.matchAll(/<script[^>]*\bsrc="([^"]+)"/g), ...text.matchAll(/<link[^>]*\bhref="([^"]+\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  return refs.map((ref) => resolve(root, html, ref));
}

function weigh(root: string, entries: string[]): PartWeight {
  const { files, lazy } = closure(root, entries);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  const rel = (f: string) => relative(root, f);
  return { files: [...files].map(rel).sort(), bytes, gzipBytes, lazy: [...lazy].map(rel).sort() };
}

export function measureBuild(root: string): BuildWeight {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const out: BuildWeight = {};
  const background: string[] = manifest.background.service_worker ? [manifest.background.service_worker] : manifest.background.scripts;
  out['service worker'] = weigh(
    root,
    background.map((f) => join(root, f)),
  );
  manifest.content_scripts.forEach((cs: { js: string[]; world?: string }) => {
    for (const js of cs.js) out[`content: ${js.replace(/^.*\//, '')}`] = weigh(root, [join(root, js)]);
  });
  const pages: Record<string, string> = { popup: manifest.action.default_popup, 'approval window': 'src/popup/approval.html' };
  for (const [name, html] of Object.entries(pages)) {
    const path = join(root, html);
    if (existsSync(path)) out[name] = weigh(root, htmlAssets(root, path));
  }
  return out;
}

export function runWeightBench(distDir: string): Record<'chrome' | 'firefox', BuildWeight> {
  return { chrome: measureBuild(join(distDir, 'chrome')), firefox: measureBuild(join(distDir, 'firefox')) };
}
