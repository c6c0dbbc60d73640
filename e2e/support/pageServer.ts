import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * Serves e2e/pages/ on a fresh loopback port. Every test gets its own port, and
 * so its own origin (http://localhost:<port>): the extension's per-origin state
 * never leaks between tests that share one browser.
 */
export interface PageServer {
  port: number;
  /** http://localhost:<port> */
  origin: string;
  /** http://127.0.0.1:<port>, a second origin served by the same server. */
  otherOrigin: string;
  close(): Promise<void>;
}

const PAGES = join(import.meta.dirname, '..', 'pages');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export async function startPageServer(): Promise<PageServer> {
  const server: Server = createServer(async (request, response) => {
    const name = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/+/, '') || 'blank.html';
    if (!/^[\w.-]+$/.test(name)) return void response.writeHead(404).end();
    try {
      const body = await readFile(join(PAGES, name));
      response.writeHead(200, { 'content-type': TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://localhost:${port}`,
    otherOrigin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets from the browser would hold close() open
      }),
  };
}
