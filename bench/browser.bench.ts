import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateP256KeyPair, verifyStampSignature } from '@turnkey/crypto';
import { sealSessionKey, verifyGridStamp } from '../test-support/independent.ts';
import type { PageServer } from '../test-support/pageServer.ts';
import { walletCall, type WalletReply } from '../test-support/walletCall.ts';
import { PAYLOAD } from './payload.ts';
import { type Summary, latencyPercentiles, roundOrder, summarize } from './stats.ts';
import {
  type BenchBrowser,
  type BenchBrowserName,
  FIREFOX_NO_CDP,
  FIREFOX_NOT_SUSPENDED,
  type LaunchOptions,
  launchBenchBrowser,
  type WorkerStart,
} from './support/browsers.ts';
import { buildPageBundle } from './support/pageBundle.ts';
import { startBenchServer } from './support/pageServer.ts';
import { ServiceWorkerCdp } from './support/serviceWorkerCdp.ts';
import { profileColdStart, profileServiceWorker, type ProfileSummary } from './support/profile.ts';
import { type PromptSample, timeBlankWindow, timePrompt } from './support/prompts.ts';
import { makeTargetBundle, generateP256Key } from '@grid-wallet/core';
import { localEmulatorEnclaveKey } from '../packages/emulator/src/enclave.ts';

/**
 * Browser, Chromium (dist/chrome) and Firefox ESR (dist/firefox), one after the
 * other, with the same pages, payloads and loops. One page, on a
 * localhost origin, connected and holding a one-hour signing grant, times
 * `grid_signPayload` round trips (page → content script → background → back)
 * and, in the same rounds and in alternating order, the isolation peer (a key in
 * a cross-origin iframe), Turnkey's stamper in the page, and, from a second,
 * unconnected tab, the transport's floor. Then what the customer feels: the
 * first request after a worker stop (Chromium: CDP stops it; Firefox suspends its
 * idle event page itself) and after 30 s idle, and prompts (request →
 * window rendered, click → answer at the page) for connect, sign and code.
 * The heap and profiles need CDP: Chromium's only.
 */

const BENCH_DIR = import.meta.dirname;
const ACCOUNT_ID = 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002';

export interface BrowserOptions {
  rounds: number;
  /** Calls per contender per round at concurrency 1 and 32. */
  countC1: number;
  countC32: number;
  openSessionSamples: number;
  /** Chromium only (CDP). */
  coldStartSamples: number;
  /** Chromium only (CDP). */
  memorySignatures: number;
  /** Requests timed after 30 s without any (each costs 30 s). */
  idleSamples: number;
  /** Samples per prompt kind (connect, sign, code). */
  promptSamples: number;
  /** Record CPU profiles of the service worker (bench/profiles/); Chromium only. */
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

/**
 * The first stamp after a stopped worker, beside the browser's own part. Chromium: CDP stops
 * the service worker; Firefox: it suspended its idle event page itself, during the 30 s idle samples.
 * The browser's part is the bare extension's first answer after the same stop (bench/bareExtension): the
 * same page → content script → port → new worker → page path, with a worker that only answers.
 */
export interface ColdStart {
  /** How the worker came to be stopped. */
  stoppedBy: string;
  coldStartMs: Summary;
  /** The browser's floor: the bare extension's first answer after the same stop. */
  bareColdMs: Summary;
  /** Request sent → our new worker's performance.timeOrigin, for scale: the browser's part before the worker's clock starts. */
  workerStartMs: Summary;
  /** Ours: cold − the bare extension's cold answer. */
  coldOursMs: Summary;
  /** Our new worker's timeOrigin → the first line of main.ts: the browser's set-up of the worker, then loading, compiling and evaluating our modules. */
  coldModuleLoadMs: Summary;
  /** The same for the bare extension's one-file worker: timeOrigin → its first line, the browser's set-up alone. */
  bareFirstLineMs: Summary;
  /** A warm call right after each cold one, for contrast. */
  warmAfterColdMs: Summary;
  /** (cold − the bare extension's cold) / the warm call after it, per sample. */
  coldOursRatio: Summary;
}

export interface BrowserResult {
  browser: BenchBrowserName;
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
  /** null when no sample had a stopped worker (`notMeasured.cold` says why). */
  cold: ColdStart | null;
  /** The first stamp after 30 s without requests; `idleWorkerRestarted` counts how often the worker had been stopped by then. */
  idleMs: Summary | null;
  idleWorkerRestarted: number;
  /** Per prompt kind: request → prompt rendered, and the decisive click → answer at the page. */
  prompts: Record<
    'connect' | 'sign' | 'code',
    { visibleMs: Percentiles; seenMs: Percentiles; openedMs: Percentiles; answerMs: Percentiles; heading: string; button: string }
  >;
  /** The browser's floor for a prompt: windows.create of a static extension page → its DOMContentLoaded (support/prompts.ts). */
  blankWindowMs: Percentiles | null;
  memory: { signatures: number; heapBeforeBytes: number; heapAfterBytes: number; totalAfterBytes: number } | null;
  /** Why `cold`, `memory` (and then profiles) or `blankWindowMs` are null, when they are. */
  notMeasured: { cold?: string; memory?: string; blankWindow?: string };
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
async function connectAndGrant(page: Page, browser: BenchBrowser): Promise<string> {
  const connecting = walletCall(page, 'wallet_connect');
  await browser.approveConnect();
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
  await browser.approveSignWithGrant();
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

/** Builds the bench page's scripts and serves them, once for every browser of the run. */
export async function startBenchPages(): Promise<PageServer> {
  const bundleDir = join(BENCH_DIR, '.out');
  await buildPageBundle(bundleDir);
  return startBenchServer(join(BENCH_DIR, 'page'), bundleDir);
}

/** JS heap of the service worker after a GC, before and after `signatures` stamps (Chromium: CDP). */
async function measureMemory(
  browser: BenchBrowser,
  signatures: number,
  sign: () => Promise<PageRun>,
): Promise<NonNullable<BrowserResult['memory']>> {
  const sw = await ServiceWorkerCdp.attach(browser.context, browser.extensionOrigin);
  const before = await sw.heapAfterGc();
  const signing = await sign();
  if (signing.errors) throw new Error(`memory run: ${signing.errors} errors`);
  const after = await sw.heapAfterGc();
  await sw.detach();
  return { signatures, heapBeforeBytes: before.usedSize, heapAfterBytes: after.usedSize, totalAfterBytes: after.totalSize };
}

/** The bare extension's answer: its worker's clock origin, and when its first line ran (epoch ms). */
type TimedBareAnswer = { ms: number; sentAt: number; timeOrigin: number; firstLineAt: number };

/**
 * A stamp after a stop (or idle), a warm stamp right after, the worker's clock marks read after them, and the bare
 * extension's first answer after the same stop (asked before our stamp or after it, alternately).
 */
export interface StopSample {
  first: { ms: number; sentAt: number };
  worker: WorkerStart;
  warmMs: number;
  bare: TimedBareAnswer;
}

/** Whether a new worker answered (it started after the request was sent, give or take clock skew). */
const startedAfter = (timeOrigin: number, sentAt: number) => timeOrigin >= sentAt - 1000;
/** Whether new workers answered both the first stamp and the bare extension. */
const restarted = (s: StopSample) => startedAfter(s.worker.timeOrigin, s.first.sentAt) && startedAfter(s.bare.timeOrigin, s.bare.sentAt);

async function stopSample(rig: Rig, what: string, bareFirst: boolean): Promise<StopSample> {
  const askBare = (): Promise<TimedBareAnswer> => rig.page.evaluate(() => (window as any).bench.timeBareExtension());
  const bareBefore = bareFirst ? await askBare() : undefined;
  const first = await rig.stamp(what);
  const warmMs = (await rig.stamp(`${what}, the next`)).ms;
  const bare = bareBefore ?? (await askBare());
  return { first, worker: await rig.browser.workerStart(rig.floorPage), warmMs, bare };
}

/** Cold start, beside the browser's own part: the bare extension's first answer after the same stop. */
export function coldStart(stoppedBy: string, samples: StopSample[]): ColdStart {
  const coldOurs = samples.map((s) => s.first.ms - s.bare.ms);
  return {
    stoppedBy,
    coldStartMs: summarize(samples.map((s) => s.first.ms)),
    bareColdMs: summarize(samples.map((s) => s.bare.ms)),
    workerStartMs: summarize(samples.map((s) => s.worker.timeOrigin - s.first.sentAt)),
    coldOursMs: summarize(coldOurs),
    coldModuleLoadMs: summarize(samples.map((s) => s.worker.scriptRanAt - s.worker.timeOrigin)),
    bareFirstLineMs: summarize(samples.map((s) => s.bare.firstLineAt - s.bare.timeOrigin)),
    warmAfterColdMs: summarize(samples.map((s) => s.warmMs)),
    coldOursRatio: summarize(coldOurs.map((ms, k) => ms / samples[k]!.warmMs)),
  };
}

/** What every phase works with: the launched browser, the connected page and the floor's unconnected tab. */
interface Rig {
  browser: BenchBrowser;
  /** Connected, with a signing grant. */
  page: Page;
  /** A second origin that is never connected: its wallet_status is the transport's floor. */
  floorPage: Page;
  sessionId: string;
  contenders: string[];
  /** Runs `count` calls of one contender, `concurrency` in flight, in its tab. */
  run(name: string, count: number, concurrency: number): Promise<PageRun>;
  /** One grid_signPayload under the grant, timed in the page and verified. */
  stamp(what: string): Promise<{ ms: number; sentAt: number }>;
}

async function openBenchPage(browser: BenchBrowser, origin: string): Promise<Page> {
  const tab = await browser.context.newPage();
  await tab.goto(`${origin}/bench.html`);
  await tab.waitForFunction(() => 'gridWallet' in window && (window as any).bench?.ready === true);
  return tab;
}

/** Connects the page, gives the grant, sets the contenders up in both tabs, and checks that each one's output verifies. */
async function setUp(browser: BenchBrowser, server: PageServer, log: (line: string) => void): Promise<Rig> {
  log(`  ${browser.name} launched; connecting, then a signing grant`);
  const page = await openBenchPage(browser, server.origin);
  const floorPage = await openBenchPage(browser, server.otherOrigin);
  const sessionId = await connectAndGrant(page, browser);
  const pageKey = generateP256KeyPair();
  const inPage: string[] = await page.evaluate(([s]) => (window as any).bench.setup(s), [
    {
      sessionId,
      privateKeyHex: pageKey.privateKey,
      publicKeyHex: pageKey.publicKey,
      payload: PAYLOAD,
      stamperOrigin: server.otherOrigin,
    },
  ] as const);
  const floor: string[] = await floorPage.evaluate(() => (window as any).bench.setupFloor());
  const run = async (name: string, count: number, concurrency: number): Promise<PageRun> => {
    const tab = floor.includes(name) ? floorPage : page;
    await tab.bringToFront(); // a background tab's timers are throttled
    return tab.evaluate(([n, c, k]) => (window as any).bench.run(n, c, k), [name, count, concurrency] as const);
  };
  const stamp = async (what: string) => {
    const timed = await page.evaluate(([p]) => (window as any).bench.timeRequest('grid_signPayload', p), [
      { sessionId, payloadToSign: PAYLOAD },
    ] as const);
    if (timed.error) throw new Error(`${what} failed: ${timed.error}`);
    await verifyGridStamp(timed.result.signature, PAYLOAD);
    return timed;
  };
  const rig: Rig = { browser, page, floorPage, sessionId, contenders: [...inPage, ...floor], run, stamp };
  log(`  ${browser.name} warm-up`);
  // Warm-up, and a check that every contender's output verifies (the extension's must not prompt).
  for (const name of rig.contenders) {
    const warm = await run(name, 50, 1);
    if (warm.errors) throw new Error(`${name}: ${warm.errors} errors in warm-up (${JSON.stringify(warm.sample)})`);
    await verifySample(name, warm.sample);
  }
  return rig;
}

type Latency = Pick<
  BrowserResult,
  'c1' | 'c32' | 'baseline' | 'isolationRatioP50' | 'floorRatioP50' | 'iframeRatioP50' | 'iframeThroughputRatioC32' | 'openSessionMs'
>;

/** Latency and throughput of every contender, and grid_openSession beside Turnkey's in-page open, in interleaved rounds. */
async function measureLatency(rig: Rig, options: BrowserOptions): Promise<Latency> {
  const { contenders, run, page } = rig;
  const c1: Record<string, PageRun[]> = Object.fromEntries(contenders.map((n) => [n, []]));
  const c32: Record<string, PageRun[]> = Object.fromEntries(contenders.map((n) => [n, []]));
  const openExt: number[] = [];
  const openTurnkey: number[] = [];
  const turnkeyOpen = async () => (await page.evaluate(() => (window as any).bench.turnkeyOpen())).ms as number;
  for (let round = 0; round < options.rounds; round++) {
    options.log(`  ${rig.browser.name} round ${round + 1}/${options.rounds}`);
    for (const name of roundOrder(contenders, round)) c1[name]!.push(await run(name, options.countC1, 1));
    for (const name of roundOrder(contenders, round + 1)) c32[name]!.push(await run(name, options.countC32, 32));
    await page.bringToFront();
    for (let k = 0; k < options.openSessionSamples; k++) {
      const extensionFirst = (round + k) % 2 === 0;
      if (extensionFirst) openExt.push(await openSessionSample(page));
      openTurnkey.push(await turnkeyOpen());
      if (!extensionFirst) openExt.push(await openSessionSample(page));
    }
  }
  for (const [level, runs] of [
    ['c1', c1],
    ['c32', c32],
  ] as const) {
    for (const [name, list] of Object.entries(runs)) {
      const errors = list.reduce((sum, r) => sum + r.errors, 0);
      if (errors) throw new Error(`${name} at ${level}: ${errors} failed calls (${JSON.stringify(list.at(-1)?.sample)})`);
      await verifySample(name, list.at(-1)!.sample);
    }
  }

  const c1Stats = Object.fromEntries(Object.entries(c1).map(([n, runs]) => [n, stats(runs)]));
  const turnkeyNames = contenders.filter((n) => n.startsWith('turnkey:'));
  const baseline = turnkeyNames.reduce((best, n) => (c1Stats[n]!.p50.median < c1Stats[best]!.p50.median ? n : best));
  const p50 = (r: PageRun) => latencyPercentiles(r.latencies).p50;
  const tput = (r: PageRun) => r.latencies.length / r.wallMs;
  const perRound = (runs: Record<string, PageRun[]>, a: string, b: string, f: (r: PageRun) => number) =>
    summarize(runs[a]!.map((r, i) => f(r) / f(runs[b]![i]!)));
  const extension = summarize(openExt);
  const turnkeyInPage = summarize(openTurnkey);
  return {
    c1: c1Stats,
    c32: Object.fromEntries(Object.entries(c32).map(([n, runs]) => [n, stats(runs)])),
    baseline,
    isolationRatioP50: perRound(c1, 'extension', baseline, p50),
    floorRatioP50: perRound(c1, 'extension', 'noop', p50),
    iframeRatioP50: perRound(c1, 'extension', 'iframe', p50),
    iframeThroughputRatioC32: perRound(c32, 'extension', 'iframe', tput),
    openSessionMs: { extension, turnkeyInPage, ratio: extension.median / turnkeyInPage.median },
  };
}

/** CPU profiles of the service worker (Chromium), taken before the cold starts, which restart the worker. */
async function recordProfiles(rig: Rig, log: (line: string) => void): Promise<Record<string, ProfileSummary>> {
  log('  profiling the service worker');
  const { browser, run } = rig;
  return {
    // The floor first, for contrast: the same transport with no signing and no storage.
    'noop-c1': await profileServiceWorker(browser, 'noop-c1', () => run('noop', 600, 1)),
    'sign-c1': await profileServiceWorker(browser, 'sign-c1', () => run('extension', 600, 1)),
    'sign-c32': await profileServiceWorker(browser, 'sign-c32', () => run('extension', 2000, 32)),
    // The first stamp after a stop, from the worker's first line: loading our modules, start-up, the stamp.
    'cold-start': await profileColdStart(browser, 'cold-start', browser.chromium!.stopServiceWorker, () =>
      rig.stamp('first stamp after a stop (profiled)'),
    ),
  };
}

/**
 * The first stamp after a stopped worker (Chromium: CDP ServiceWorker.stopAllWorkers), then after 30 s without
 * requests. Chrome stops an idle worker after 30 s, and an open port does not keep it; Firefox suspends an idle
 * event page after 30 s, so there its idle samples are its cold starts.
 */
async function measureColdAndIdle(
  rig: Rig,
  options: BrowserOptions,
): Promise<Pick<BrowserResult, 'cold' | 'idleMs' | 'idleWorkerRestarted'>> {
  const { browser } = rig;
  const chromium = browser.chromium;
  const stopped = chromium ? await chromiumColdSamples(rig, options.coldStartSamples) : [];
  const idle: StopSample[] = [];
  for (let k = 0; k < options.idleSamples; k++) {
    options.log(`  ${browser.name} idle 30 s (${k + 1}/${options.idleSamples})`);
    await new Promise((r) => setTimeout(r, 30_000));
    idle.push(await stopSample(rig, 'stamp after 30 s idle', k % 2 === 1));
  }
  const suspended = idle.filter(restarted);
  // Firefox's: replaced by measureFirefoxCold's, when that has samples.
  const cold = chromium
    ? coldStart('CDP ServiceWorker.stopAllWorkers', stopped)
    : suspended.length
      ? coldStart('Firefox itself, idle 30 s (the idle samples)', suspended)
      : null;
  return { cold, idleMs: idle.length ? summarize(idle.map((s) => s.first.ms)) : null, idleWorkerRestarted: suspended.length };
}

/** Chromium's cold starts: each after CDP stops both workers the way Chrome does when they idle. */
async function chromiumColdSamples(rig: Rig, count: number): Promise<StopSample[]> {
  const stopped: StopSample[] = [];
  for (let k = 0; k < count; k++) {
    await rig.browser.chromium!.stopServiceWorker();
    await new Promise((r) => setTimeout(r, 100)); // let the stop settle
    const sample = await stopSample(rig, 'first stamp after a stop', k % 2 === 1);
    if (!restarted(sample)) throw new Error("the worker that answered the cold stamp, or the bare extension's, was not a new one");
    stopped.push(sample);
  }
  return stopped;
}

/** How long Firefox lets an idle event page live in firefoxColdSamples (its default is 30 s). */
const FIREFOX_COLD_IDLE_TIMEOUT_MS = 1000;

/**
 * Firefox's cold starts. Nothing can stop its event page on demand, so they come from a browser of their own in
 * which Firefox suspends an idle event page (the bare extension's too) after 1 s instead of 30: as many samples as
 * Chromium's in seconds. A sample counts only when both event pages had been suspended (`restarted`).
 */
async function measureFirefoxCold(server: PageServer, options: BrowserOptions): Promise<ColdStart | null> {
  const suspended = await firefoxColdSamples(server, options.coldStartSamples, options.log);
  return suspended.length ? coldStart(`Firefox itself, after ${FIREFOX_COLD_IDLE_TIMEOUT_MS / 1000} s idle`, suspended) : null;
}

async function firefoxColdSamples(
  server: PageServer,
  count: number,
  log: (line: string) => void,
  build: Pick<LaunchOptions, 'dist' | 'bareExtension'> = {},
): Promise<StopSample[]> {
  const browser = await launchBenchBrowser('firefox', { ...build, firefoxIdleTimeoutMs: FIREFOX_COLD_IDLE_TIMEOUT_MS });
  try {
    log(`  firefox cold starts, ${FIREFOX_COLD_IDLE_TIMEOUT_MS / 1000} s idle timeout: connecting, then a signing grant`);
    const rig = await setUp(browser, server, log);
    const suspended: StopSample[] = [];
    for (let k = 0; k < count; k++) {
      await new Promise((r) => setTimeout(r, 3 * FIREFOX_COLD_IDLE_TIMEOUT_MS)); // the timeout, and Firefox's own slack
      const sample = await stopSample(rig, 'first stamp after Firefox suspended the event page', k % 2 === 1);
      if (restarted(sample)) suspended.push(sample);
    }
    log(`  firefox cold starts: ${suspended.length}/${count} after a suspended event page`);
    return suspended;
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/**
 * The cold phase alone, for one build (`dist`, a directory holding chrome/ and firefox/) beside the bare extension or
 * another floor (`bareExtension`): its samples, for bench/coldPairs.ts, which alternates two builds. Each sample's
 * summary is `coldStart`'s.
 */
export async function coldSamplesOf(
  browserName: BenchBrowserName,
  server: PageServer,
  build: { dist: string; bareExtension?: string },
  count: number,
  log: (line: string) => void,
): Promise<StopSample[]> {
  if (browserName === 'firefox') return firefoxColdSamples(server, count, log, build);
  const browser = await launchBenchBrowser('chromium', build);
  try {
    return await chromiumColdSamples(await setUp(browser, server, log), count);
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** The three prompting requests the bench times: which tab asks, what, and the button that answers. */
async function promptKinds(rig: Rig) {
  const { page, floorPage, sessionId } = rig;
  const clientKey = result(await walletCall(page, 'grid_createClientKey'), 'grid_createClientKey');
  // Signed with the emulator's published enclave key, which development builds trust.
  const enclave = await generateP256Key();
  const otpEncryptionTargetBundle = await makeTargetBundle(enclave.publicKey, await localEmulatorEnclaveKey());
  return {
    // Approved, then disconnected (untimed): a rejected connect would pause the site's next one (ConnectBackoff).
    connect: { button: 'Approve', tab: floorPage, method: 'wallet_connect', params: () => undefined },
    sign: {
      button: 'Approve',
      tab: page,
      method: 'grid_signPayload',
      params: (k: number) => ({ sessionId, payloadToSign: `${PAYLOAD} ${k}` }),
    },
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
}

/** Prompts, interleaved by kind, beside the browser's static-window floor: request → window rendered, click → answer at the page. */
async function measurePrompts(
  rig: Rig,
  server: PageServer,
  options: BrowserOptions,
): Promise<Pick<BrowserResult, 'prompts' | 'blankWindowMs'>> {
  const { browser, floorPage } = rig;
  const chromium = browser.chromium;
  options.log(`  ${browser.name} prompts: connect, sign, code`);
  // Only Chromium reaches the internal API; the prompts' payloads are not JSON, so they ask under a grant anyway.
  await chromium?.api.call('grants/revoke', { origin: server.origin });
  const kinds = await promptKinds(rig);
  const samples: Record<keyof typeof kinds, PromptSample[]> = { connect: [], sign: [], code: [] };
  const blankWindow: number[] = [];
  for (let k = 0; k < options.promptSamples; k++) {
    if (chromium) blankWindow.push(await timeBlankWindow(browser, chromium.api.page));
    for (const kind of roundOrder(Object.keys(kinds) as (keyof typeof kinds)[], k)) {
      const { button, tab, method, params } = kinds[kind];
      await tab.bringToFront();
      const sample = await timePrompt(browser, tab, `${kind}-${k}`, method, params(k), button, async (window) => {
        if (kind === 'code') await window.getByLabel('One-time code').fill('483920');
        // Firefox's floor, from the one extension page Playwright can reach there: an open prompt (not a timed part of it).
        if (!chromium && kind === 'connect') blankWindow.push(await timeBlankWindow(browser, window));
      });
      const answered = {
        connect: () => sample.reply.result?.origin === server.otherOrigin,
        sign: () => sample.reply.result?.signature,
        code: () => sample.reply.result?.encryptedOtpBundle,
      }[kind]();
      if (!answered) throw new Error(`${kind} prompt: unexpected answer ${JSON.stringify(sample.reply)}`);
      if (kind === 'connect') result(await walletCall(floorPage, 'wallet_disconnect'), 'wallet_disconnect');
      samples[kind].push(sample);
    }
  }
  const prompts = Object.fromEntries(
    Object.entries(samples).map(([kind, list]) => [
      kind,
      {
        visibleMs: p50p95(list.map((s) => s.visibleMs)),
        seenMs: p50p95(list.map((s) => s.seenMs)),
        openedMs: p50p95(list.map((s) => s.openedMs)),
        answerMs: p50p95(list.map((s) => s.answerMs)),
        heading: list[0]!.heading,
        button: kinds[kind as keyof typeof kinds].button,
      },
    ]),
  ) as BrowserResult['prompts'];
  return { prompts, blankWindowMs: blankWindow.length ? p50p95(blankWindow) : null };
}

/**
 * One browser, phase by phase: set up, heap (Chromium), latency rounds, profiles (Chromium, --profile), cold and idle,
 * prompts; then Firefox's cold starts in a browser of their own (measureFirefoxCold).
 */
export async function runBrowserBench(browserName: BenchBrowserName, server: PageServer, options: BrowserOptions): Promise<BrowserResult> {
  const result = await runBrowserPhases(browserName, server, options);
  if (browserName === 'chromium') return result;
  const cold = (await measureFirefoxCold(server, options)) ?? result.cold;
  const { cold: _notSuspended, ...notMeasured } = result.notMeasured;
  return { ...result, cold, notMeasured: cold ? notMeasured : result.notMeasured };
}

async function runBrowserPhases(browserName: BenchBrowserName, server: PageServer, options: BrowserOptions): Promise<BrowserResult> {
  const browser = await launchBenchBrowser(browserName);
  const chromium = browser.chromium;
  try {
    const rig = await setUp(browser, server, options.log);
    const [userAgent, crossOriginIsolated] = await rig.page.evaluate(() => [navigator.userAgent, globalThis.crossOriginIsolated] as const);
    if (chromium) options.log(`  memory: ${options.memorySignatures} signatures`);
    const memory = chromium
      ? await measureMemory(browser, options.memorySignatures, () => rig.run('extension', options.memorySignatures, 32))
      : null;
    const latency = await measureLatency(rig, options);
    const profiles = options.profile && chromium ? await recordProfiles(rig, options.log) : undefined;
    const coldAndIdle = await measureColdAndIdle(rig, options);
    const prompts = await measurePrompts(rig, server, options);
    return {
      browser: browserName,
      userAgent,
      crossOriginIsolated,
      ...latency,
      ...coldAndIdle,
      ...prompts,
      memory,
      notMeasured: chromium ? {} : { memory: FIREFOX_NO_CDP, ...(!coldAndIdle.cold && { cold: FIREFOX_NOT_SUSPENDED }) },
      ...(profiles && { profiles }),
    };
  } finally {
    await browser.close().catch(() => undefined);
  }
}
