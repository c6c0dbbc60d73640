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
import { type PromptSample, timeBlankWindow, timePrompt } from './support/prompts.ts';
import { makeTargetBundle, generateP256Key } from '../src/core/index.ts';
import { localEmulatorEnclaveKey } from '../packages/emulator/src/enclave.ts';
import { WORKER_SCRIPT_MARK } from '../src/background/workerScriptMark.ts';

/**
 * Browser, Chromium with the built extension (dist/chrome). One page, on a
 * localhost origin, connected and holding a one-hour signing grant, times
 * `grid_signPayload` round trips (page → content script → service worker → back)
 * and, in the same rounds and in alternating order, the isolation peer (a key in
 * a cross-origin iframe), Turnkey's stamper in the page, and, from a second,
 * unconnected tab, the transport's floor. Then what the customer feels: the
 * first request after a worker stop and after 30 s idle, and prompts (request →
 * window rendered, click → answer at the page) for connect, sign and code.
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
  /** Requests timed after 30 s without any (each costs 30 s). */
  idleSamples: number;
  /** Samples per prompt kind (connect, sign, code). */
  promptSamples: number;
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
  /** The fastest in-page Turnkey stamper at c1 p50, for scale (no isolation at all). */
  baseline: string;
  /** extension p50 / baseline p50, per round (concurrency 1). */
  isolationRatioP50: Summary;
  /** extension p50 / noop p50 (the transport's floor), per round, c=1. */
  floorRatioP50: Summary;
  /** extension p50 / iframe peer p50, per round, c=1. */
  iframeRatioP50: Summary;
  /** extension calls/s / iframe peer calls/s, per round, c=32. */
  iframeThroughputRatioC32: Summary;
  openSessionMs: { extension: Summary; turnkeyInPage: Summary; ratio: number };
  coldStartMs: Summary;
  /** The browser's part of each cold call: request sent → the new worker's performance.timeOrigin. */
  workerStartMs: Summary;
  /** Ours: cold − worker start. */
  coldOursMs: Summary;
  /** Of ours, the new worker's timeOrigin → the first line of main.ts: loading, compiling and evaluating its modules. */
  coldModuleLoadMs: Summary;
  /** A warm call right after each cold one, for contrast. */
  warmAfterColdMs: Summary;
  /** (cold − worker start) / the warm call after it, per sample. */
  coldOursRatio: Summary;
  /** The first stamp after 30 s without requests; `idleWorkerRestarted` counts how often the worker had been stopped by then. */
  idleMs: Summary | null;
  idleWorkerRestarted: number;
  /** Per prompt kind: request → prompt rendered, and the decisive click → answer at the page. */
  prompts: Record<'connect' | 'sign' | 'code', { visibleMs: Percentiles; openedMs: Percentiles; answerMs: Percentiles; heading: string; button: string }>;
  /** The browser's floor for a prompt: windows.create of a static extension page → its DOMContentLoaded (support/prompts.ts). */
  blankWindowMs: Percentiles;
  memory: { signatures: number; heapBeforeBytes: number; heapAfterBytes: number; totalAfterBytes: number };
  profiles?: Record<string, ProfileSummary>;
}

/** p50/p95 over samples (one sample per round). */
export interface Percentiles {
  p50: number;
  p95: number;
  samples: number[];
}

function p50p95(samples: number[]): Percentiles {
  const { p50, p95 } = latencyPercentiles(samples);
  return { p50, p95, samples };
}

interface PageRun {
  latencies: number[];
  wallMs: number;
  errors: number;
  sample: any;
}

function result<T = any>(reply: WalletReply, what: string): T {
  if (!('result' in reply)) throw new Error(`${what} failed: ${JSON.stringify(reply)}`);
  return reply.result as T;
}

async function verifySample(name: string, sample: any): Promise<void> {
  if (sample && typeof sample === 'object' && 'error' in sample) throw new Error(`${name} failed: ${sample.error}`);
  if (name === 'extension') {
    await verifyGridStamp(sample.signature, PAYLOAD);
    return;
  }
  if (name === 'noop') {
    if (sample?.connected !== false) throw new Error(`noop: unexpected answer ${JSON.stringify(sample)}`);
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
  // Playwright disables third-party storage partitioning, which leaves a cross-site
  // iframe without IndexedDB; a later --disable-features wins, so this list (without
  // it) restores Chrome's default for the iframe peer.
  const extension: Extension = await openExtension('', ['--disable-features=PaintHolding,Translate,MediaRouter']);
  try {
    const open = async (origin: string) => {
      const tab = await extension.context.newPage();
      await tab.goto(`${origin}/bench.html`);
      await tab.waitForFunction(() => 'gridWallet' in window && (window as any).bench?.ready === true);
      return tab;
    };
    const page = await open(server.origin);
    // A second origin that is never connected: its wallet_status is the transport's floor.
    const floorPage = await open(server.otherOrigin);
    const crossOriginIsolated = await page.evaluate(() => globalThis.crossOriginIsolated);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const api = await InternalApi.open(extension);
    const sessionId = await connectAndGrant(page, api);

    const pageKey = generateP256KeyPair();
    const inPage: string[] = await page.evaluate(
      ([s]) => (window as any).bench.setup(s),
      [{ sessionId, privateKeyHex: pageKey.privateKey, publicKeyHex: pageKey.publicKey, payload: PAYLOAD, stamperOrigin: server.otherOrigin }] as const,
    );
    const floor: string[] = await floorPage.evaluate(() => (window as any).bench.setupFloor());
    const contenders = [...inPage, ...floor];
    const pageOf = (name: string) => (floor.includes(name) ? floorPage : page);
    const run = async (name: string, count: number, concurrency: number): Promise<PageRun> => {
      const tab = pageOf(name);
      await tab.bringToFront(); // a background tab's timers are throttled
      return tab.evaluate(([n, c, k]) => (window as any).bench.run(n, c, k), [name, count, concurrency] as const);
    };
    // Warm-up, and a check that every contender's output verifies (the extension's must not prompt).
    for (const name of contenders) {
      const warm = await run(name, 50, 1);
      if (warm.errors) throw new Error(`${name}: ${warm.errors} errors in warm-up (${JSON.stringify(warm.sample)})`);
      await verifySample(name, warm.sample);
    }

    // ---- memory: JS heap of the service worker after a GC, before and after N signatures.
    log(`  memory: ${options.memorySignatures} signatures`);
    const sw = await ServiceWorkerCdp.attach(extension.context, EXTENSION_ORIGIN);
    const before = await sw.heapAfterGc();
    const signing = await run('extension', options.memorySignatures, 32);
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
      for (const name of roundOrder(contenders, round)) c1[name]!.push(await run(name, options.countC1, 1));
      for (const name of roundOrder(contenders, round + 1)) c32[name]!.push(await run(name, options.countC32, 32));
      await page.bringToFront();
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
    const perRound = (runs: Record<string, PageRun[]>, a: string, b: string, f: (r: PageRun) => number) =>
      summarize(runs[a]!.map((r, i) => f(r) / f(runs[b]![i]!)));
    const floorRatioP50 = perRound(c1, 'extension', 'noop', p50);
    const iframeRatioP50 = perRound(c1, 'extension', 'iframe', p50);
    const iframeThroughputRatioC32 = perRound(c32, 'extension', 'iframe', tput);

    // ---- optional CPU profiles of the service worker, before the cold starts (they restart the worker).
    let profiles: Record<string, ProfileSummary> | undefined;
    if (options.profile) {
      log('  profiling the service worker');
      profiles = {
        // The floor first, for contrast: the same transport with no signing and no storage.
        'noop-c1': await profileServiceWorker(extension, 'noop-c1', () => run('noop', 600, 1)),
        'sign-c1': await profileServiceWorker(extension, 'sign-c1', () => run('extension', 600, 1)),
        'sign-c32': await profileServiceWorker(extension, 'sign-c32', () => run('extension', 2000, 32)),
      };
    }

    // ---- cold start: stop the worker (CDP ServiceWorker.stopAllWorkers), then time the first stamp,
    // beside the browser's own part: request sent → the new worker's performance.timeOrigin.
    const stamp = () => page.evaluate(([p]) => (window as any).bench.timeRequest('grid_signPayload', p), [{ sessionId, payloadToSign: PAYLOAD }] as const);
    const checked = async (what: string) => {
      const timed = await stamp();
      if (timed.error) throw new Error(`${what} failed: ${timed.error}`);
      await verifyGridStamp(timed.result.signature, PAYLOAD);
      return timed;
    };
    const cold: number[] = [];
    const workerStart: number[] = [];
    const moduleLoad: number[] = [];
    const warmAfter: number[] = [];
    for (let k = 0; k < options.coldStartSamples; k++) {
      await extension.stopServiceWorker();
      await new Promise((r) => setTimeout(r, 100)); // let the stop settle
      const first = await checked('first stamp after a stop');
      const [origin, scriptAt] = await (await extension.serviceWorker()).evaluate(
        (mark) => [performance.timeOrigin, performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN] as const,
        WORKER_SCRIPT_MARK,
      );
      if (origin < first.sentAt - 1000) throw new Error('the worker that answered the cold stamp was not a new one');
      cold.push(first.ms);
      workerStart.push(origin - first.sentAt);
      moduleLoad.push(scriptAt);
      warmAfter.push((await checked('warm stamp')).ms);
    }
    const coldOurs = cold.map((ms, k) => ms - workerStart[k]!);

    // ---- after 30 s without requests (Chrome stops an idle worker after 30 s; an open port does not keep it).
    const idle: number[] = [];
    let idleWorkerRestarted = 0;
    for (let k = 0; k < options.idleSamples; k++) {
      log(`  idle 30 s (${k + 1}/${options.idleSamples})`);
      let restarted = false;
      const onWorker = () => (restarted = true);
      extension.context.on('serviceworker', onWorker);
      await new Promise((r) => setTimeout(r, 30_000));
      idle.push((await checked('stamp after 30 s idle')).ms);
      extension.context.off('serviceworker', onWorker);
      if (restarted) idleWorkerRestarted++;
    }

    // ---- prompts: request → window rendered, click → answer at the page.
    log('  prompts: connect, sign, code');
    await api.call('grants/revoke', { origin: server.origin });
    const clientKey = result(await walletCall(page, 'grid_createClientKey'), 'grid_createClientKey');
    // Signed with the emulator's published enclave key, which development builds trust.
    const enclave = await generateP256Key();
    const otpEncryptionTargetBundle = await makeTargetBundle(enclave.publicKey, await localEmulatorEnclaveKey());
    const kinds = {
      connect: { button: 'Reject', tab: floorPage, method: 'wallet_connect', params: () => undefined },
      sign: { button: 'Approve', tab: page, method: 'grid_signPayload', params: (k: number) => ({ sessionId, payloadToSign: `${PAYLOAD} ${k}` }) },
      code: {
        button: 'Verify',
        tab: page,
        method: 'grid_collectOtp',
        params: () => ({
          credentialId: 'AuthMethod:019542f5-b3e7-1d02-0000-000000000001',
          channel: 'EMAIL',
          destination: 'jane@example.com',
          length: 6,
          expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
          otpEncryptionTargetBundle,
          clientKeyId: clientKey.clientKeyId,
        }),
      },
    } as const;
    const samples: Record<keyof typeof kinds, PromptSample[]> = { connect: [], sign: [], code: [] };
    const blankWindow: number[] = [];
    for (let k = 0; k < options.promptSamples; k++) {
      blankWindow.push(await timeBlankWindow(extension.context, api.page));
      for (const kind of roundOrder(Object.keys(kinds) as (keyof typeof kinds)[], k)) {
        const { button, tab, method, params } = kinds[kind];
        await tab.bringToFront();
        const sample = await timePrompt(extension.context, tab, `${kind}-${k}`, method, params(k), button, async (window) => {
          if (kind === 'code') await window.getByLabel('One-time code').fill('483920');
        });
        const ok = kind === 'connect' ? sample.reply.error?.startsWith('4001') : kind === 'sign' ? sample.reply.result?.signature : sample.reply.result?.encryptedOtpBundle;
        if (!ok) throw new Error(`${kind} prompt: unexpected answer ${JSON.stringify(sample.reply)}`);
        // A rejected connect starts the site's back-off (10 s, 1 min, …): lift it, as "Allow again" in the toolbar does.
        if (kind === 'connect') await api.call('sites/allowConnect', { origin: server.otherOrigin });
        samples[kind].push(sample);
      }
    }
    const prompts = Object.fromEntries(
      Object.entries(samples).map(([kind, list]) => [
        kind,
        {
          visibleMs: p50p95(list.map((s) => s.visibleMs)),
          openedMs: p50p95(list.map((s) => s.openedMs)),
          answerMs: p50p95(list.map((s) => s.answerMs)),
          heading: list[0]!.heading,
          button: kinds[kind as keyof typeof kinds].button,
        },
      ]),
    ) as BrowserResult['prompts'];
    const blankWindowMs = p50p95(blankWindow);
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
      floorRatioP50,
      iframeRatioP50,
      iframeThroughputRatioC32,
      openSessionMs: { extension: openExtSummary, turnkeyInPage: openTurnkeySummary, ratio: openExtSummary.median / openTurnkeySummary.median },
      coldStartMs: summarize(cold),
      workerStartMs: summarize(workerStart),
      coldOursMs: summarize(coldOurs),
      coldModuleLoadMs: summarize(moduleLoad),
      warmAfterColdMs: summarize(warmAfter),
      coldOursRatio: summarize(coldOurs.map((ms, k) => ms / warmAfter[k]!)),
      idleMs: idle.length ? summarize(idle) : null,
      idleWorkerRestarted,
      prompts,
      blankWindowMs,
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
