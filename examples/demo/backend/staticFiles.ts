import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { ApiError, notFound } from '../../../packages/emulator/src/errors.ts';

/**
 * Serves the built page (dist/demo): `/` is index.html, anything else a file
 * below the directory. Paths that would leave it are simply not found.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The file `pathname` names inside `root`, or null when it would be outside. */
export function fileFor(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return null;
  }
  const file = normalize(join(root, decoded));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

export async function servePageFile(root: string, pathname: string, res: ServerResponse): Promise<number> {
  const file = fileFor(root, pathname);
  if (file === null) throw notFound('File');
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    if (pathname === '/') throw new ApiError(503, 'DEMO_PAGE_NOT_BUILT', 'The demo page is not built yet: run npm run build:demo');
    throw notFound('File');
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': content.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(content);
  return 200;
}
