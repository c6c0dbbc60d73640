import type { BrowserContext } from '@playwright/test';

/** Stops the extension's service worker the way Chrome does when it idles (CDP ServiceWorker.stopAllWorkers); Chromium only. */
export async function stopServiceWorker(context: BrowserContext, extensionOrigin: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.scriptURL.startsWith(extensionOrigin) && v.runningStatus === 'stopped')) resolve();
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}
