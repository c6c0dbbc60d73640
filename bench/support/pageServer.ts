import { join } from 'node:path';
import { type PageServer, startPageServer } from '../../test-support/pageServer.ts';

/**
 * Serves the bench page and its bundled script on a fresh localhost port, with
 * COOP/COEP so the page is cross-origin isolated: performance.now() then has
 * 5 µs resolution in Chromium, 20 µs in Firefox (coarser otherwise), which the in-page baseline needs. The same
 * port under 127.0.0.1 is a second origin: the iframe peer's, and the unconnected
 * tab that measures the transport's floor. CORP lets the isolated page embed it.
 */
export function startBenchServer(pageDir: string, bundleDir: string): Promise<PageServer> {
  return startPageServer({
    file: (name) => join(name.endsWith('.html') ? pageDir : bundleDir, name),
    index: 'bench.html',
    headers: {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'no-store',
    },
  });
}
