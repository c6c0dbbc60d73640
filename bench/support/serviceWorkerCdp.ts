import type { BrowserContext, CDPSession } from '@playwright/test';

/**
 * A CDP connection to the extension's service worker target. Playwright has no
 * CDPSession for workers, so this attaches from a page session
 * (Target.attachToTarget, non-flat) and tunnels messages through it.
 */
export class ServiceWorkerCdp {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(v: any): void; reject(e: Error): void }>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget' as any, (event: any) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message);
      const waiter = message.id !== undefined && this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error) waiter.reject(new Error(`${message.error.message}`));
      else waiter.resolve(message.result);
    });
  }

  static async attach(context: BrowserContext, urlPrefix: string): Promise<ServiceWorkerCdp> {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets' as any)) as any;
    const target = targetInfos.find((t: any) => t.type === 'service_worker' && t.url.startsWith(urlPrefix));
    if (!target) throw new Error('no running service worker target');
    const { sessionId } = (await cdp.send('Target.attachToTarget' as any, { targetId: target.targetId, flatten: false } as any)) as any;
    return new ServiceWorkerCdp(cdp, sessionId);
  }

  send<T = any>(method: string, params: object = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.cdp
        .send('Target.sendMessageToTarget' as any, { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) } as any)
        .catch(reject);
    });
  }

  /** JS heap in use after a full GC, in bytes (Runtime.getHeapUsage). */
  async heapAfterGc(): Promise<{ usedSize: number; totalSize: number; embedderHeapUsedSize?: number }> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    return this.send('Runtime.getHeapUsage');
  }

  async detach(): Promise<void> {
    await this.cdp.send('Target.detachFromTarget' as any, { sessionId: this.sessionId } as any).catch(() => undefined);
    await this.cdp.detach().catch(() => undefined);
  }
}
