import { ApiKeyStamper } from '@turnkey/api-key-stamper';
import { decryptCredentialBundle, generateP256KeyPair, verifyStampSignature } from '@turnkey/crypto';
import { sealSessionKey } from '../test-support/independent.ts';
import { buildStamp, bytesToHex, compressPublicKey, hexToBytes, importP256Scalar, openSessionBundle } from '@grid-wallet/core';
import { PAYLOAD } from './payload.ts';
import { roundOrder, type Summary, summarize } from './stats.ts';

/**
 * Core, in Node: our packages/core against Turnkey's libraries, same key, same payload,
 * same bundles. Every round runs each contender for a fixed time slice (one
 * operation in flight, awaited), in an order that alternates between rounds, so
 * machine noise and JIT drift hit all contenders alike. Ratios are taken per
 * round and then summarised.
 */

export interface CoreOptions {
  rounds: number;
  sliceMs: number;
}

export interface CoreResult {
  stampsPerSecond: Record<string, Summary>;
  fastestTurnkeyStamper: string;
  /** ours / fastest Turnkey backend, per round. */
  stampRatio: Summary;
  opensPerSecond: Record<string, Summary>;
  /** openSessionBundle / decryptCredentialBundle, per round. */
  openRatio: Summary;
}

type Op = () => Promise<unknown>;

/** Runs `op` back to back for `ms` and returns operations per second. */
async function slice(op: Op, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    await op();
    n++;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return n / (elapsed / 1000);
}

async function interleave(contenders: Record<string, Op>, options: CoreOptions): Promise<Record<string, number[]>> {
  const names = Object.keys(contenders);
  for (const name of names) await slice(contenders[name]!, Math.min(300, options.sliceMs)); // warm-up (JIT, lazy imports)
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const name of roundOrder(names, round)) out[name]!.push(await slice(contenders[name]!, options.sliceMs));
  }
  return out;
}

function perRoundRatio(a: number[], b: number[]): Summary {
  return summarize(a.map((x, i) => x / b[i]!));
}

export async function runCoreBench(options: CoreOptions): Promise<CoreResult> {
  // ---- stamping: one key, imported once into WebCrypto as non-extractable (what the extension does).
  const pair = generateP256KeyPair();
  const handles = await importP256Scalar(hexToBytes(pair.privateKey));
  if (handles.signingKey.extractable) throw new Error('bench bug: our signing key must be non-extractable');
  const signer = { signingKey: handles.signingKey, publicKeyHex: bytesToHex(compressPublicKey(handles.publicKey)) };
  if (signer.publicKeyHex !== pair.publicKey) throw new Error('bench bug: key mismatch');

  const stampers = {
    'turnkey:node': new ApiKeyStamper({ apiPublicKey: pair.publicKey, apiPrivateKey: pair.privateKey, runtimeOverride: 'node' }),
    'turnkey:browser-webcrypto': new ApiKeyStamper({
      apiPublicKey: pair.publicKey,
      apiPrivateKey: pair.privateKey,
      runtimeOverride: 'browser',
    }),
    'turnkey:purejs': new ApiKeyStamper({ apiPublicKey: pair.publicKey, apiPrivateKey: pair.privateKey, runtimeOverride: 'purejs' }),
  };
  const stampContenders: Record<string, Op> = { ours: () => buildStamp(PAYLOAD, signer) };
  for (const [name, stamper] of Object.entries(stampers)) {
    try {
      await checkStamp((await stamper.stamp(PAYLOAD)).stampHeaderValue);
      stampContenders[name] = () => stamper.stamp(PAYLOAD);
    } catch (error) {
      console.warn(`  (${name} does not work in Node and is left out: ${(error as Error).message})`);
    }
  }
  await checkStamp(await buildStamp(PAYLOAD, signer));
  const stampRuns = await interleave(stampContenders, options);

  const turnkeyNames = Object.keys(stampRuns).filter((n) => n.startsWith('turnkey:'));
  const byMedian = (name: string) => summarize(stampRuns[name]!).median;
  const fastest = turnkeyNames.reduce((best, n) => (byMedian(n) > byMedian(best) ? n : best));

  // ---- bundle opening: the same legacy session bundles, sealed by Turnkey's own code to 8 client keys.
  const recipients = await Promise.all(
    Array.from({ length: 8 }, async () => {
      const client = generateP256KeyPair();
      const keys = await importP256Scalar(hexToBytes(client.privateKey));
      const sealed = sealSessionKey(client.publicKeyUncompressed);
      return { client, keys, sealed };
    }),
  );
  for (const r of recipients) {
    const ours = bytesToHex(await openSessionBundle(r.sealed.bundle, r.keys.agreementKey, r.keys.publicKey));
    const theirs = decryptCredentialBundle(r.sealed.bundle, r.client.privateKey);
    if (ours !== r.sealed.privateKeyHex || theirs !== r.sealed.privateKeyHex)
      throw new Error('bench bug: bundles do not open to the same key');
  }
  let i = 0;
  let j = 0;
  const openRuns = await interleave(
    {
      ours: () => {
        const r = recipients[i++ % recipients.length]!;
        return openSessionBundle(r.sealed.bundle, r.keys.agreementKey, r.keys.publicKey);
      },
      'turnkey:decryptCredentialBundle': async () => {
        const r = recipients[j++ % recipients.length]!;
        return decryptCredentialBundle(r.sealed.bundle, r.client.privateKey);
      },
    },
    options,
  );

  return {
    stampsPerSecond: Object.fromEntries(Object.entries(stampRuns).map(([n, runs]) => [n, summarize(runs)])),
    fastestTurnkeyStamper: fastest,
    stampRatio: perRoundRatio(stampRuns.ours!, stampRuns[fastest]!),
    opensPerSecond: Object.fromEntries(Object.entries(openRuns).map(([n, runs]) => [n, summarize(runs)])),
    openRatio: perRoundRatio(openRuns.ours!, openRuns['turnkey:decryptCredentialBundle']!),
  };
}

/** Every contender must produce a stamp Turnkey's own verifier accepts before it is timed (it is async in 2.13). */
async function checkStamp(header: string): Promise<void> {
  const stamp = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  if (!(await verifyStampSignature(stamp.publicKey, stamp.signature, PAYLOAD))) throw new Error('stamp does not verify');
}
