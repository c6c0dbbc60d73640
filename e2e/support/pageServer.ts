import { join } from 'node:path';
import { type PageServer, startPageServer as startServer } from '../../test-support/pageServer.ts';

/** Serves e2e/pages/ on a fresh loopback port (test-support/pageServer.ts): every test gets its own origin. */
export type { PageServer };

const PAGES = join(import.meta.dirname, '..', 'pages');

export function startPageServer(): Promise<PageServer> {
  return startServer({ file: (name) => join(PAGES, name), index: 'blank.html' });
}
