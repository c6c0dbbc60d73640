import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateP256KeyPair, verifyStampSignature } from '@turnkey/crypto';
import { EXTENSION_ORIGIN, type Extension, openExtension, walletCall, type WalletReply } from '../e2e/support/extension.ts';
import { sealSessionKey, verifyGridStamp } from '../e2e/support/independent.ts';
import { PAYLOAD } from './payload.ts';
import { type Summary, latencyPercentiles, roundOrder, summarize } from './stats.ts';
import { InternalApi } from './support/internal.ts';
import { buildPageBundle } from './support/pageBundle.ts';
import { startBenchServer } from './support/pageServer.ts';
import { ServiceWorkerCdp } from './support/serviceWorkerCdp.ts';
import { profileServiceWorker, type ProfileSummary } from './support/profile.ts';

/**
 * Browser, Chromium with the built extension (dist/chrome). One page, on a
 * localhost origin, connected and holding a one-hour signing grant, times
 * `grid_signPayload` round trips (page → content script → service worker → back)
 * and, in the same rounds and in alternating order, the same page stamping
 * in-page with @turnkey/api-key-stamper.
 */

const BENCH_DIR = import.meta.dirname;
const ACCOUNT_ID = 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002';

export interface BrowserOptions {
  rounds: number;
  /** Calls per contender per round at concurrency 1 and 32. */
  countC1: number;
  countC32: number;
  openSessionSamples: number;
  coldStartSamples: number;
  memorySignatures: number;
  /** Record CPU profiles of the service worker (bench/profiles/). */
  profile: boolean;
  log(line: string): void;
}

export interface LatencyStats {
  p50: Summary;
  p95: Summary;
  p99: Summary;
  /** Completed calls per second over the run's wall time. */
  throughput: Summary;
}

export interface BrowserResult {
  userAgent: string;
  crossOriginIsolated: boolean;
  c1: Record<string, LatencyStats>;
  c32: Record<string, LatencyStats>;
  /** The fastest in-page Turnkey stamper at c1 p50: the isolation baseline. */
  baseline: string;
  /** extension p50 / baseline p50, per round (concurrency 1). */
  isolationRatioP50: Summary;
  /** extension c32 throughput / baseline c32 throughput, per round. */
  throughputRatioC32: Summary;
  openSessionMs: { extension: Summary; turnkeyInPage: Summary; ratio: number };
  coldStartMs: Summary;
  /** A warm call right after each cold one, for contrast. */
  warmAfterColdMs: Summary;
  memory: { signatures: number; heapBeforeBytes: number; heapAfterBytes: number; totalAfterBytes: number };
  profiles?: Record<string, ProfileSummary>;
}

interface PageRun {
  latencies: number[];
  wallMs: number;
  errors: number;
  sample: any;
}

const run = (page: Page, name: string, count: number, concurrency: number): Promise<PageRun> =>
  page.evaluate(([n, c, k]) => (window as any).bench.run(n, c, k), [name, count, concurrency] as const);

function result<T = any>(reply: WalletReply, what: string): T {
  if (!('result' in reply)) throw new Error(`${what} failed: ${JSON.stringify(reply)}`);
  return reply.result as T;
}

async function verifySample(name: string, sample: any): Promise<void> {
  if (sample && typeof sample === 'object' && 'error' in sample) throw new Error(`${name} failed: ${sample.error}`);
  if (name === 'extension') {
    verifyGridStamp(sample.signature, PAYLOAD);
    return;
  }
  const stamp = JSON.parse(Buffer.from(sample as string, 'base64url').toString('utf8'));
  if (!(await verifyStampSignature(stamp.publicKey, stamp.signature, PAYLOAD))) throw new Error(`${name}: stamp does not verify`);
}

/** Connects the page, opens a legacy session from a Turnkey-sealed bundle, and gives a 60-minute signing grant. */
async function connectAndGrant(page: Page, api: InternalApi): Promise<string> {
  const connecting = walletCall(page, 'wallet_connect');
  await api.approve('connect', { kind: 'connect' });
  result(await connecting, 'wallet_connect');
  const clientKey = result(await walletCall(page, 'grid_createClientKey'), 'grid_createClientKey');
  const grid = sealSessionKey(clientKey.publicKey);
  const session = result(
    await walletCall(page, 'grid_openSession', {
      clientKeyId: clientKey.clientKeyId,
      accountId: ACCOUNT_ID,
      expiresAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      encryptedSessionSigningKey: grid.bundle,
    }),
    'grid_openSession',
  );
  const first = walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYLOAD });
  await api.approve('sign', { kind: 'sign', grantMinutes: 60 });
  const signed = result(await first, 'first grid_signPayload');
  if ((await verifyGridStamp(signed.signature, PAYLOAD)).publicKey !== grid.publicKeyHex) throw new Error('stamp from the wrong key');
  return session.sessionId;
}

async function openSessionSample(page: Page): Promise<number> {
  const clientKey = result(await walletCall(page, 'grid_createClientKey'), 'grid_createClientKey');
  const grid = sealSessionKey(clientKey.publicKey); // untimed: Grid's side
  const params = {
    clientKeyId: clientKey.clientKeyId,
    accountId: ACCOUNT_ID,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    encryptedSessionSigningKey: grid.bundle,
  };
  const timed = await page.evaluate(([p]) => (window as any).bench.timeRequest('grid_openSession', p), [params] as const);
  if (timed.error || timed.result.publicKey !== grid.publicKeyHex) throw new Error(`grid_openSession failed: ${JSON.stringify(timed)}`);
  return timed.ms;
}

function stats(runs: PageRun[]): LatencyStats {
  const per = runs.map((r) => latencyPercentiles(r.latencies));
  return {
    p50: summarize(per.map((p) => p.p50)),
    p95: summarize(per.map((p) => p.p95)),
    p99: summarize(per.map((p) => p.p99)),
    throughput: summarize(runs.map((r) => r.latencies.length / (r.wallMs / 1000))),
  };
}

export async function runBrowserBench(options: BrowserOptions): Promise<BrowserResult> {
  const { log } = options;
  const bundleDir = join(BENCH_DIR, '.out');
  await buildPageBundle(bundleDir);
  const server = await startBenchServer(join(BENCH_DIR, 'page'), bundleDir);
  const extension: Extension = await openExtension();
  try {
    const page = await extension.context.newPage();
    await page.goto(`${server.origin}/bench.html`);
    await page.waitForFunction(() => 'gridWallet' in window && (window as any).bench?.ready === true);
    const crossOriginIsolated = await page.evaluate(() => globalThis.crossOriginIsolated);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const api = await InternalApi.open(extension);
    const sessionId = await connectAndGrant(page, api);

    const pageKey = generateP256KeyPair();
    const contenders: string[] = await page.evaluate(
      ([s]) => (window as any).bench.setup(s),
      [{ sessionId, privateKeyHex: pageKey.privateKey, publicKeyHex: pageKey.publicKey, payload: PAYLOAD }] as const,
    );
    // Warm-up, and a check that every contender's output verifies (the extension's must not prompt).
    for (const name of contenders) {
      const warm = await run(page, name, 50, 1);
      if (warm.errors) throw new Error(`${name}: ${warm.errors} errors in warm-up (${JSON.stringify(warm.sample)})`);
      await verifySample(name, warm.sample);
    }

    // ---- memory: JS heap of the service worker after a GC, before and after N signatures.
    log(`  memory: ${options.memorySignatures} signatures`);
    const sw = await ServiceWorkerCdp.attach(extension.context, EXTENSION_ORIGIN);
    const before = await sw.heapAfterGc();
    const signing = await run(page, 'extension', options.memorySignatures, 32);
    if (signing.errors) throw new Error(`memory run: ${signing.errors} errors`);
    const after = await sw.heapAfterGc();
    await sw.detach();

    // ---- latency and throughput, interleaved rounds.
    const c1: Record<string, PageRun[]> = Object.fromEntries(contenders.map((n) => [n, []]));
    const c32: Record<string, PageRun[]> = Object.fromEntries(contenders.map((n) => [n, []]));
    const openExt: number[] = [];
    const openTurnkey: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      log(`  round ${round + 1}/${options.rounds}`);
      for (const name of roundOrder(contenders, round)) c1[name]!.push(await run(page, name, options.countC1, 1));
      for (const name of roundOrder(contenders, round + 1)) c32[name]!.push(await run(page, name, options.countC32, 32));
      for (let k = 0; k < options.openSessionSamples; k++) {
        if ((round + k) % 2 === 0) {
          openExt.push(await openSessionSample(page));
          openTurnkey.push((await page.evaluate(() => (window as any).bench.turnkeyOpen())).ms);
        } else {
          openTurnkey.push((await page.evaluate(() => (window as any).bench.turnkeyOpen())).ms);
          openExt.push(await openSessionSample(page));
        }
      }
    }
    for (const [level, runs] of [['c1', c1], ['c32', c32]] as const) {
      for (const [name, list] of Object.entries(runs)) {
        const errors = list.reduce((sum, r) => sum + r.errors, 0);
        if (errors) throw new Error(`${name} at ${level}: ${errors} failed calls (${JSON.stringify(list.at(-1)?.sample)})`);
        await verifySample(name, list.at(-1)!.sample);
      }
    }

    const c1Stats = Object.fromEntries(Object.entries(c1).map(([n, runs]) => [n, stats(runs)]));
    const c32Stats = Object.fromEntries(Object.entries(c32).map(([n, runs]) => [n, stats(runs)]));
    const turnkeyNames = contenders.filter((n) => n.startsWith('turnkey:'));
    const baseline = turnkeyNames.reduce((best, n) => (c1Stats[n]!.p50.median < c1Stats[best]!.p50.median ? n : best));
    const p50 = (r: PageRun) => latencyPercentiles(r.latencies).p50;
    const isolationRatioP50 = summarize(c1.extension!.map((r, i) => p50(r) / p50(c1[baseline]![i]!)));
    const tput = (r: PageRun) => r.latencies.length / r.wallMs;
    const throughputRatioC32 = summarize(c32.extension!.map((r, i) => tput(r) / tput(c32[baseline]![i]!)));

    // ---- optional CPU profiles of the service worker, before the cold starts (they restart the worker).
    let profiles: Record<string, ProfileSummary> | undefined;
    if (options.profile) {
      log('  profiling the service worker');
      profiles = {
        'sign-c1': await profileServiceWorker(extension, 'sign-c1', () => run(page, 'extension', 600, 1)),
        'sign-c32': await profileServiceWorker(extension, 'sign-c32', () => run(page, 'extension', 2000, 32)),
      };
    }

    // ---- cold start: stop the worker (CDP ServiceWorker.stopAllWorkers), then time the first stamp.
    const cold: number[] = [];
    const warmAfter: number[] = [];
    for (let k = 0; k < options.coldStartSamples; k++) {
      await extension.stopServiceWorker();
      await new Promise((r) => setTimeout(r, 100)); // let the stop settle
      const first = await page.evaluate(
        ([p]) => (window as any).bench.timeRequest('grid_signPayload', p),
        [{ sessionId, payloadToSign: PAYLOAD }] as const,
      );
      if (first.error) throw new Error(`first stamp after a stop failed: ${first.error}`);
      verifyGridStamp(first.result.signature, PAYLOAD);
      cold.push(first.ms);
      const second = await page.evaluate(
        ([p]) => (window as any).bench.timeRequest('grid_signPayload', p),
        [{ sessionId, payloadToSign: PAYLOAD }] as const,
      );
      warmAfter.push(second.ms);
    }
    await api.close();

    const openExtSummary = summarize(openExt);
    const openTurnkeySummary = summarize(openTurnkey);
    return {
      userAgent,
      crossOriginIsolated,
      c1: c1Stats,
      c32: c32Stats,
      baseline,
      isolationRatioP50,
      throughputRatioC32,
      openSessionMs: { extension: openExtSummary, turnkeyInPage: openTurnkeySummary, ratio: openExtSummary.median / openTurnkeySummary.median },
      coldStartMs: summarize(cold),
      warmAfterColdMs: summarize(warmAfter),
      memory: {
        signatures: options.memorySignatures,
        heapBeforeBytes: before.usedSize,
        heapAfterBytes: after.usedSize,
        totalAfterBytes: after.totalSize,
      },
      ...(profiles && { profiles }),
    };
  } finally {
    await extension.context.close().catch(() => undefined);
    await server.close();
  }
}
