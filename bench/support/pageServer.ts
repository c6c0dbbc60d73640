import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * Serves the bench page and its bundled script on a fresh localhost port, with
 * COOP/COEP so the page is cross-origin isolated: performance.now() then has
 * 5 µs resolution in Chromium, 20 µs in Firefox (coarser otherwise), which the in-page baseline needs. The same
 * port under 127.0.0.1 is a second origin: the iframe peer's, and the unconnected
 * tab that measures the transport's floor. CORP lets the isolated page embed it.
 */
export interface BenchServer {
  origin: string;
  otherOrigin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export async function startBenchServer(pageDir: string, bundleDir: string): Promise<BenchServer> {
  const server: Server = createServer(async (request, response) => {
    const name = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/+/, '') || 'bench.html';
    if (!/^[\w.-]+$/.test(name)) return void response.writeHead(404).end();
    const file = name.endsWith('.html') ? join(pageDir, name) : join(bundleDir, name);
    try {
      const body = await readFile(file);
      response
        .writeHead(200, {
          'content-type': TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
          'cross-origin-resource-policy': 'cross-origin',
          'cache-control': 'no-store',
        })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    otherOrigin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
