import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chunkClosure, resolveIn } from '../scripts/build/chunkGraph.ts';
import { CURVE_SCRIPT_PATH } from '../src/background/curveScript.ts';

/**
 * Weight: gzip size (level 9) of what the browser loads for each part of the
 * built extension, from the manifest and the HTML entry points. A part's size is
 * its entry file plus every chunk it imports statically (shared chunks count in
 * each part that loads them); chunks reached only through `import()` (and Chrome's
 * curve script) are listed as `lazy` and not counted.
 */

export interface PartWeight {
  /** Files counted (relative to the build directory). */
  files: string[];
  bytes: number;
  gzipBytes: number;
  lazy: string[];
}

export type BuildWeight = Record<string, PartWeight>;

/** Scripts and stylesheets an HTML page loads. */
function htmlAssets(root: string, html: string): string[] {
  const text = readFileSync(html, 'utf8');
  const refs = [...text.matchAll(/<script[^>]*\bsrc="([^"]+)"/g), ...text.matchAll(/<link[^>]*\bhref="([^"]+\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  return refs.map((ref) => resolveIn(root, html, ref));
}

function weigh(root: string, entries: string[]): PartWeight {
  const { files, lazy } = chunkClosure(root, entries);
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
  // Chrome's worker imports its curve script on first use, by importScripts(), which chunkClosure does not read.
  if (existsSync(join(root, CURVE_SCRIPT_PATH))) out['service worker'].lazy.push(CURVE_SCRIPT_PATH);
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
