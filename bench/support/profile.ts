import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchBrowser } from './browsers.ts';
import { ServiceWorkerCdp } from './serviceWorkerCdp.ts';

/** Where `npm run bench -- --profile` writes .cpuprofile files (open them in Chrome DevTools › Performance). */
export const PROFILE_DIR = join(import.meta.dirname, '..', 'profiles');

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  wallMs: number;
  /** Share of the wall time the worker's JS thread was idle (waiting for IPC, IndexedDB, WebCrypto). */
  idleShare: number;
  /** Top functions by self time, and by inclusive time (a function counted once per stack). */
  self: Array<{ fn: string; ms: number; share: number }>;
  inclusive: Array<{ fn: string; ms: number; share: number }>;
}

function label(frame: CallFrame): string {
  const file = frame.url ? frame.url.slice(frame.url.lastIndexOf('/') + 1) : '';
  return `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
}

export function summarizeProfile(profile: CpuProfile, file: string, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of selfTime) {
    const node = byId.get(id)!;
    const name = label(node.callFrame);
    if (node.callFrame.functionName === '(idle)') idle += us;
    self.set(name, (self.get(name) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = label(byId.get(cur)!.callFrame);
      if (n === '(root)' || seen.has(n)) continue;
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, ms: us / 1000, share: us / total }));
  return { file, wallMs: total / 1000, idleShare: idle / total, self: rank(self), inclusive: rank(inclusive) };
}

/** Samples the service worker's CPU (100 µs interval) while `work` runs. */
export async function profileServiceWorker(
  browser: Pick<BenchBrowser, 'context' | 'extensionOrigin'>,
  name: string,
  work: () => Promise<unknown>,
): Promise<ProfileSummary> {
  const sw = await ServiceWorkerCdp.attach(browser.context, browser.extensionOrigin);
  try {
    await sw.send('Profiler.enable');
    await sw.send('Profiler.setSamplingInterval', { interval: 100 });
    await sw.send('Profiler.start');
    await work();
    const { profile } = await sw.send<{ profile: CpuProfile }>('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    const file = join(PROFILE_DIR, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return summarizeProfile(profile, file);
  } finally {
    await sw.detach();
  }
}

/**
 * Samples a service worker that `wake` starts, from before its first line: the worker is stopped, then a
 * browser-level CDP client auto-attaches to new targets with `waitForDebuggerOnStart`, starts the profiler in the
 * extension's worker and only then lets it run. So the profile shows loading and evaluating the worker's modules,
 * its start-up and the request that woke it (the sampler's own cost slows all of it alike). Browser-level
 * auto-attach is flat-only, and Playwright's sessions cannot address flat child sessions, so the client is a blank
 * page holding the browser's protocol as a binding (`Target.exposeDevToolsProtocol`), as e2e/support/crash.ts does.
 */
export async function profileColdStart(
  browser: Pick<BenchBrowser, 'context' | 'extensionOrigin'>,
  name: string,
  stop: () => Promise<void>,
  wake: () => Promise<unknown>,
): Promise<ProfileSummary> {
  await stop();
  const client = await browser.context.newPage();
  try {
    const { targetInfo } = await (await browser.context.newCDPSession(client)).send('Target.getTargetInfo');
    const browserSession = await browser.context.browser()!.newBrowserCDPSession();
    await browserSession.send('Target.exposeDevToolsProtocol', { targetId: targetInfo.targetId, bindingName: 'cdp' });
    // tsx (esbuild's keepNames) wraps the named functions below in a `__name` helper the page lacks.
    await client.evaluate('globalThis.__name = (fn) => fn');
    await client.evaluate((origin) => {
      const cdp = (window as any).cdp as { send(json: string): void; onmessage(json: string): void };
      let id = 0;
      const waiting = new Map<number, (result: unknown) => void>();
      const send = (method: string, params: object, sessionId?: string) =>
        new Promise<any>((resolve) => {
          waiting.set(++id, resolve);
          cdp.send(JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) }));
        });
      let profiled: string | undefined;
      cdp.onmessage = async (json) => {
        const message = JSON.parse(json);
        if (message.id !== undefined) waiting.get(message.id)?.(message.result ?? message.error);
        if (message.method !== 'Target.attachedToTarget') return;
        const { sessionId, targetInfo: target, waitingForDebugger } = message.params;
        if (!profiled && target.type === 'service_worker' && target.url.startsWith(origin)) {
          profiled = sessionId;
          await send('Profiler.enable', {}, sessionId);
          await send('Profiler.setSamplingInterval', { interval: 100 }, sessionId);
          await send('Profiler.start', {}, sessionId);
        }
        if (waitingForDebugger) await send('Runtime.runIfWaitingForDebugger', {}, sessionId);
      };
      (window as any).stopProfile = async () => {
        if (!profiled) throw new Error('the woken worker was never attached');
        const { profile } = await send('Profiler.stop', {}, profiled);
        await send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: true });
        return profile;
      };
      return send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    }, browser.extensionOrigin);
    await wake();
    const profile = (await client.evaluate(() => (window as any).stopProfile())) as CpuProfile;
    await browserSession.detach().catch(() => undefined);
    mkdirSync(PROFILE_DIR, { recursive: true });
    const file = join(PROFILE_DIR, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return summarizeProfile(profile, file, 25);
  } finally {
    await client.close();
  }
}
