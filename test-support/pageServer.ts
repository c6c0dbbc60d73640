import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Serves static files on a fresh loopback port, for the browser tests and the
 * bench. Every server has its own port, and so its own origin
 * (http://localhost:<port>): the extension's per-origin state never leaks between
 * tests that share one browser. The same port under 127.0.0.1 is a second origin.
 */
export interface PageServer {
  port: number;
  /** http://localhost:<port> */
  origin: string;
  /** http://127.0.0.1:<port>, a second origin served by the same server. */
  otherOrigin: string;
  close(): Promise<void>;
}

export interface PageServerOptions {
  /** The file to serve for a plain file name (`[\w.-]+`), or undefined for 404. */
  file(name: string): string | undefined;
  /** Served for `/`. */
  index: string;
  /** Sent with every file (the bench's cross-origin isolation). */
  headers?: Readonly<Record<string, string>>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const server: Server = createServer(async (request, response) => {
    const name = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/+/, '') || options.index;
    const file = /^[\w.-]+$/.test(name) ? options.file(name) : undefined;
    if (!file) return void response.writeHead(404).end();
    try {
      const body = await readFile(file);
      const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type, ...options.headers }).end(body);
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
