/**
 * Runs inside the bench page (bundled by bench/support/pageBundle.ts). It holds
 * the contenders that live in the page, and one timing loop used for all of
 * them, the extension included, so every number is measured the same way:
 * performance.now() around one awaited call, in a cross-origin-isolated page
 * (5 µs timer resolution instead of 100 µs).
 */
import { ApiKeyStamper } from '@turnkey/api-key-stamper';
import { decryptCredentialBundle, generateP256KeyPair, hpkeEncrypt, uncompressRawPublicKey } from '@turnkey/crypto';
import bs58check from 'bs58check';
import { buildStamp, bytesToHex, compressPublicKey, hexToBytes, importP256Scalar } from '@grid-wallet/core';

type Call = () => Promise<unknown>;

interface Setup {
  /** The extension session that signs under the grant. */
  sessionId: string;
  /** A key the in-page contenders hold as hex, as Turnkey's in-page stampers do. */
  privateKeyHex: string;
  publicKeyHex: string;
  payload: string;
  /** The origin serving bench/page/stamper.html, the iframe peer. */
  stamperOrigin: string;
}

export interface RunResult {
  latencies: number[];
  wallMs: number;
  errors: number;
  /** The last output, for the runner to verify. */
  sample: unknown;
}

const contenders = new Map<string, Call>();
let payload = '';

function wallet(method: string, params: unknown): Promise<any> {
  return (window as any).gridWallet.request({ method, params });
}

async function setup(options: Setup): Promise<string[]> {
  payload = options.payload;
  const { privateKeyHex: apiPrivateKey, publicKeyHex: apiPublicKey } = options;
  // The extension: a page request under a signing grant, no prompt.
  contenders.set('extension', () => wallet('grid_signPayload', { sessionId: options.sessionId, payloadToSign: payload }));
  // Turnkey in the page: what the auto-detection picks in a browser (WebCrypto, key imported per call) and pure JS.
  const auto = new ApiKeyStamper({ apiPublicKey, apiPrivateKey });
  const purejs = new ApiKeyStamper({ apiPublicKey, apiPrivateKey, runtimeOverride: 'purejs' });
  contenders.set('turnkey:browser', async () => (await auto.stamp(payload)).stampHeaderValue);
  contenders.set('turnkey:purejs', async () => (await purejs.stamp(payload)).stampHeaderValue);
  // Diagnostic floor: our own buildStamp in the page with a pre-imported non-extractable key (no isolation at all).
  const handles = await importP256Scalar(hexToBytes(apiPrivateKey));
  const signer = { signingKey: handles.signingKey, publicKeyHex: bytesToHex(compressPublicKey(handles.publicKey)) };
  contenders.set('ours-in-page', () => buildStamp(payload, signer));
  // The isolation peer: a key in a cross-origin iframe's IndexedDB, stamping on postMessage.
  contenders.set('iframe', await iframeStamper(options.stamperOrigin));
  return [...contenders.keys()];
}

/** Embeds the iframe peer and returns a call that asks it for one stamp of `payload`. */
async function iframeStamper(stamperOrigin: string): Promise<Call> {
  const frame = document.createElement('iframe');
  frame.src = `${stamperOrigin}/stamper.html?parent=${encodeURIComponent(location.origin)}`;
  const waiting = new Map<number, (stamp: string) => void>();
  const ready = new Promise<void>((resolve) =>
    window.addEventListener('message', (event: MessageEvent) => {
      if (event.origin !== stamperOrigin || event.source !== frame.contentWindow) return;
      if (event.data.ready) return resolve();
      waiting.get(event.data.id)?.(event.data.stamp);
      waiting.delete(event.data.id);
    }),
  );
  document.body.append(frame);
  const late = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('the iframe peer did not start (IndexedDB refused?)')), 15_000),
  );
  await Promise.race([ready, late]);
  let next = 0;
  return () =>
    new Promise((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      frame.contentWindow!.postMessage({ id, payload }, stamperOrigin);
    });
}

/** On the unconnected tab: the transport's floor, a request the background answers from memory. */
function setupFloor(): string[] {
  contenders.set('noop', () => wallet('wallet_status', undefined));
  return [...contenders.keys()];
}

/** Epoch milliseconds with sub-millisecond resolution, comparable with the approval window's. */
const epochNow = () => performance.timeOrigin + performance.now();

interface Asked {
  sentAt: number;
  settled?: { at: number; result?: unknown; error?: string };
}
const asked = new Map<string, Asked>();

/** Starts a request that prompts and returns when it was sent; `outcome(key)` says how and when it settled. */
function ask(key: string, method: string, params: unknown): number {
  const entry: Asked = { sentAt: epochNow() };
  asked.set(key, entry);
  wallet(method, params).then(
    (result) => (entry.settled = { at: epochNow(), result }),
    (error) => (entry.settled = { at: epochNow(), error: `${error.code} ${error.message}` }),
  );
  return entry.sentAt;
}

const outcome = (key: string) => asked.get(key)?.settled ?? null;

async function run(name: string, count: number, concurrency: number): Promise<RunResult> {
  const call = contenders.get(name);
  if (!call) throw new Error(`unknown contender ${name}`);
  const latencies = new Array<number>(count);
  let next = 0;
  let errors = 0;
  let sample: unknown;
  const start = performance.now();
  const worker = async () => {
    for (let k = next++; k < count; k = next++) {
      const t = performance.now();
      try {
        sample = await call();
      } catch (error) {
        errors++;
        sample = { error: String((error as Error)?.message ?? error) };
      }
      latencies[k] = performance.now() - t;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, wallMs: performance.now() - start, errors, sample };
}

/** One timed call of any provider method (grid_openSession, the first stamp after a stop…). */
async function timeRequest(method: string, params: unknown): Promise<{ ms: number; sentAt: number; result?: unknown; error?: string }> {
  const sentAt = epochNow();
  const t = performance.now();
  try {
    const result = await wallet(method, params);
    return { ms: performance.now() - t, sentAt, result };
  } catch (error) {
    return { ms: performance.now() - t, sentAt, error: `${(error as any).code} ${(error as Error).message}` };
  }
}

/**
 * One request to the bare extension (bench/bareExtension), the browser's cold-start floor: page → its content script →
 * its worker → back, with that worker's clock origin, so a sample shows whether a new worker answered.
 */
function timeBareExtension(): Promise<{ ms: number; sentAt: number; timeOrigin: number; firstLineAt: number }> {
  const id = crypto.randomUUID();
  const sentAt = epochNow();
  const t = performance.now();
  return new Promise((resolve) => {
    const onAnswer = (event: MessageEvent) => {
      if (event.source !== window || event.data?.bareBench !== 'answer' || event.data.id !== id) return;
      window.removeEventListener('message', onAnswer);
      resolve({ ms: performance.now() - t, sentAt, timeOrigin: event.data.timeOrigin, firstLineAt: event.data.firstLineAt });
    };
    window.addEventListener('message', onAnswer);
    window.postMessage({ bareBench: 'ask', id }, window.location.origin);
  });
}

/**
 * The in-page equivalent of grid_openSession's crypto: Turnkey's decryptCredentialBundle
 * of a fresh bundle sealed (untimed) to a key held in the page.
 */
async function turnkeyOpen(): Promise<{ ms: number; ok: boolean }> {
  const client = generateP256KeyPair();
  const session = generateP256KeyPair();
  const target = uncompressRawPublicKey(hexToBytes(client.publicKey));
  const bundle = bs58check.encode(hpkeEncrypt({ plainTextBuf: hexToBytes(session.privateKey), targetKeyBuf: target }));
  const t = performance.now();
  const opened = decryptCredentialBundle(bundle, client.privateKey);
  const ms = performance.now() - t;
  return { ms, ok: opened === session.privateKey };
}

(window as any).bench = { setup, setupFloor, run, timeRequest, timeBareExtension, turnkeyOpen, ask, outcome, epochNow, ready: true };
