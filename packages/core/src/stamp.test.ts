import { p256 } from '@noble/curves/nist.js';
import { ApiKeyStamper } from '@turnkey/api-key-stamper';
import { generateP256KeyPair, verifyStampSignature } from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import { generateP256Key, type P256KeyHandles } from './keys.ts';
import { compressPublicKey } from './p256.ts';
import { buildStamp, encodeStamp, STAMP_SCHEME, type StampSigner } from './stamp.ts';
import { parseStamp, verifyStamp } from './verifyStamp.ts';
import { b64url, expectFormatError, hex, nodeVerifyDer, P256_N, parseStrictDer, turnkeyKey, unhex } from './testReference.ts';

const HEADER = 'Grid-Wallet-Signature';
const SCHEME = 'SIGNATURE_SCHEME_TK_API_P256';
const PAYLOAD =
  '{"type":"ACTIVITY_TYPE_STAMP_LOGIN","timestampMs":"1745246801000","organizationId":"org","parameters":{"publicKey":"02ab"}}';
const ascii = (text: string) => new TextEncoder().encode(text);

function signerFor(handles: P256KeyHandles): StampSigner {
  return { signingKey: handles.signingKey, publicKeyHex: hex(compressPublicKey(handles.publicKey)) };
}

/** The stamp JSON, decoded by Buffer (not by our base64url code). */
function decode(header: string): string {
  return Buffer.from(header, 'base64url').toString('utf8');
}

/** Header value for arbitrary JSON text, encoded by Buffer. */
function encodeJson(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}

describe('buildStamp vs @turnkey/crypto and node:crypto', () => {
  it('produces compact JSON {publicKey, scheme, signature} in that order, base64url without padding', async () => {
    const key = await turnkeyKey();
    const header = await buildStamp(PAYLOAD, signerFor(key.handles));
    expect(header).toMatch(/^[A-Za-z0-9_-]+$/);
    const json = decode(header);
    expect(Buffer.from(json).toString('base64url')).toBe(header); // canonical encoding of exactly this text
    const stamp = JSON.parse(json) as Record<string, string>;
    expect(Object.keys(stamp)).toEqual(['publicKey', 'scheme', 'signature']);
    expect(json).toBe(`{"publicKey":"${key.publicKeyCompressedHex}","scheme":"${SCHEME}","signature":"${stamp.signature}"}`);
    expect(stamp.signature).toMatch(/^30[0-9a-f]+$/);
    expect(STAMP_SCHEME).toBe(SCHEME);
  });

  it('verifies with Turnkey verifyStampSignature and OpenSSL, and its DER is minimal', async () => {
    for (let i = 0; i < 16; i++) {
      const key = await turnkeyKey();
      const payload = `${PAYLOAD} #${i} é€`; // non-ASCII: the signature is over UTF-8 bytes
      const stamp = JSON.parse(decode(await buildStamp(payload, signerFor(key.handles)))) as Record<string, string>;
      expect(await verifyStampSignature(stamp.publicKey!, stamp.signature!, payload)).toBe(true);
      expect(nodeVerifyDer(unhex(key.publicKeyUncompressedHex), unhex(stamp.signature!), ascii(payload))).toBe(true);
      expect(() => parseStrictDer(unhex(stamp.signature!))).not.toThrow();
    }
  });

  it('encodeStamp writes the fixed key order whatever order the object has', () => {
    const header = encodeStamp({ signature: '3006020101020101', scheme: SCHEME, publicKey: `02${'ab'.repeat(32)}` } as never);
    expect(decode(header)).toBe(`{"publicKey":"02${'ab'.repeat(32)}","scheme":"${SCHEME}","signature":"3006020101020101"}`);
  });
});

describe('@turnkey/api-key-stamper stamps → parseStamp / verifyStamp', () => {
  it.each(['node', 'purejs', 'browser'] as const)(
    'accepts stamps from the %s backend, and re-encodes them byte-exactly',
    async (runtime) => {
      for (let i = 0; i < 8; i++) {
        const pair = generateP256KeyPair();
        const stamper = new ApiKeyStamper({ apiPublicKey: pair.publicKey, apiPrivateKey: pair.privateKey, runtimeOverride: runtime });
        const { stampHeaderName, stampHeaderValue } = await stamper.stamp(PAYLOAD);
        expect(stampHeaderName).toBe('X-Stamp'); // Turnkey's name; Grid calls the same value Grid-Wallet-Signature
        const stamp = parseStamp(stampHeaderValue);
        expect(stamp.publicKey).toBe(pair.publicKey);
        expect(stamp.scheme).toBe(SCHEME);
        expect(encodeStamp(stamp)).toBe(stampHeaderValue);
        expect(verifyStamp(stampHeaderValue, PAYLOAD)).toBe(true);
        expect(verifyStamp(stampHeaderValue, `${PAYLOAD} `)).toBe(false);
      }
    },
  );

  it('known answer: RFC 6979 A.2.5 key, deterministic purejs stamps over "sample" and "test"', async () => {
    // RFC 6979 A.2.5 (P-256): private key x, public key (Ux, Uy) and the SHA-256 signatures.
    const x = 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721';
    const ux = '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6';
    const uy = '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299';
    const compressed = `03${ux}`; // Uy is odd
    const vectors = {
      sample: {
        r: 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716',
        s: 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8',
      },
      test: {
        r: 'f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367',
        s: '019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083',
      },
    };
    const stamper = new ApiKeyStamper({ apiPublicKey: compressed, apiPrivateKey: x, runtimeOverride: 'purejs' });
    for (const [message, { r, s }] of Object.entries(vectors)) {
      const header = (await stamper.stamp(message)).stampHeaderValue;
      const stamp = parseStamp(header);
      expect(stamp.publicKey).toBe(compressed);
      expect(stamp.scheme).toBe(SCHEME);
      // DER by hand from the RFC's r and s: both r have the top bit set (0x00 pad); "sample"'s s too.
      const int = (v: string) => (parseInt(v.slice(0, 2), 16) >= 0x80 ? `022100${v}` : `0220${v}`);
      const body = int(r) + int(s);
      expect(stamp.signature).toBe(`30${(body.length / 2).toString(16)}${body}`);
      expect(decode(header)).toBe(`{"publicKey":"${compressed}","scheme":"${SCHEME}","signature":"${stamp.signature}"}`);
      expect(verifyStamp(header, message)).toBe(true);
      expect(nodeVerifyDer(unhex(`04${ux}${uy}`), unhex(stamp.signature), ascii(message))).toBe(true);
    }
    // "sample"'s s is above n/2: a high-S signature, straight from the RFC.
    expect(BigInt(`0x${vectors.sample.s}`) > P256_N / 2n).toBe(true);
  });
});

describe('high-S stamps', () => {
  it('about half of our stamps are high-S; all verify with us, Turnkey and OpenSSL; lowS noble rejects exactly those', async () => {
    const key = await turnkeyKey();
    const signer = signerFor(key.handles);
    const uncompressed = unhex(key.publicKeyUncompressedHex);
    const total = 512;
    let highS = 0;
    let lowSRejected = 0;
    for (let i = 0; i < total; i++) {
      const payload = `${PAYLOAD}#${i}`;
      const stamp = parseStamp(await buildStamp(payload, signer));
      const der = unhex(stamp.signature);
      const isHigh = parseStrictDer(der).s > P256_N / 2n; // decided by our reference parser, not by noble
      if (isHigh) highS++;
      expect(verifyStamp(encodeStamp(stamp), payload)).toBe(true);
      if (isHigh) {
        expect(await verifyStampSignature(stamp.publicKey, stamp.signature, payload)).toBe(true);
        expect(nodeVerifyDer(uncompressed, der, ascii(payload))).toBe(true);
      }
      // noble v2 with its default options (lowS: true, prehash: true), told only that the signature is DER.
      const nobleDefault = p256.verify(der, ascii(payload), uncompressed, { format: 'der' });
      if (!nobleDefault) lowSRejected++;
      expect(nobleDefault).toBe(!isHigh);
    }
    // Binomial(512, 1/2): mean 256, sd ≈ 11.3; the bounds are ±6 sd.
    expect(highS).toBeGreaterThan(188);
    expect(highS).toBeLessThan(324);
    expect(lowSRejected).toBe(highS);
    console.info(`high-S stamps: ${highS}/${total}; noble lowS-default verification rejected ${lowSRejected}`);
    // 512 signatures verified three ways is CPU work: allow for a machine busy with other work.
  }, 120_000);
});

describe('parseStamp / verifyStamp failures', () => {
  async function sample() {
    const key = await turnkeyKey();
    const header = await buildStamp(PAYLOAD, signerFor(key.handles));
    const stamp = JSON.parse(decode(header)) as Record<string, string>;
    return { key, header, stamp };
  }
  const withFields = (stamp: Record<string, unknown>, change: Record<string, unknown>) =>
    encodeJson(JSON.stringify({ ...stamp, ...change }));

  it('wrong or missing scheme', async () => {
    const { stamp } = await sample();
    for (const scheme of ['SIGNATURE_SCHEME_TK_API_SECP256K1', 'signature_scheme_tk_api_p256', '', undefined, 1]) {
      const header = withFields(stamp, { scheme });
      expectFormatError(() => parseStamp(header), `${HEADER}.scheme`, `must be ${SCHEME}`);
      expect(verifyStamp(header, PAYLOAD)).toBe(false);
    }
  });

  it('bad base64url, padded base64url, standard alphabet', async () => {
    const { header } = await sample();
    const reason = 'must be unpadded base64url';
    const padded = header + '='.repeat((4 - (header.length % 4)) % 4 || 1);
    const standard = Buffer.from(header, 'base64url').toString('base64');
    for (const bad of [
      padded,
      `${header}==`,
      standard.includes('+') || standard.includes('/') ? standard : `${standard}+`,
      `${header.slice(0, 9)}!${header.slice(10)}`,
      'a',
      'abcde',
    ]) {
      expectFormatError(() => parseStamp(bad), HEADER, reason);
      expect(verifyStamp(bad, PAYLOAD)).toBe(false);
    }
    expectFormatError(() => parseStamp(encodeJson('not json')), HEADER, 'is not base64url-encoded JSON');
    expectFormatError(() => parseStamp(b64url(new Uint8Array([0x7b, 0xff, 0x7d]))), HEADER, 'is not base64url-encoded JSON');
    expectFormatError(() => parseStamp(encodeJson('[1]')), HEADER, 'must encode a JSON object');
    expectFormatError(() => parseStamp(encodeJson('null')), HEADER, 'must encode a JSON object');
    const lengthReason = 'must be a non-empty string of at most 1024 characters';
    expectFormatError(() => parseStamp(''), HEADER, lengthReason);
    expectFormatError(() => parseStamp('A'.repeat(1025)), HEADER, lengthReason);
    expectFormatError(() => parseStamp(undefined as unknown as string), HEADER, lengthReason);
  });

  it('publicKey uncompressed, off-curve, missing or not hex', async () => {
    const { key, stamp } = await sample();
    const shape = 'must be a compressed P-256 public key (66 hex digits)';
    // Turnkey's own verifier accepts the uncompressed form; the Grid stamp requires compressed.
    expect(await verifyStampSignature(key.publicKeyUncompressedHex, stamp.signature!, PAYLOAD)).toBe(true);
    const uncompressed = withFields(stamp, { publicKey: key.publicKeyUncompressedHex });
    expectFormatError(() => parseStamp(uncompressed), `${HEADER}.publicKey`, shape);
    expect(verifyStamp(uncompressed, PAYLOAD)).toBe(false);
    expectFormatError(() => parseStamp(withFields(stamp, { publicKey: undefined })), `${HEADER}.publicKey`, shape);
    expectFormatError(() => parseStamp(withFields(stamp, { publicKey: stamp.publicKey!.slice(2) })), `${HEADER}.publicKey`, shape);
    expectFormatError(
      () => parseStamp(withFields(stamp, { publicKey: `04${stamp.publicKey!.slice(2)}` })),
      `${HEADER}.publicKey`,
      'is not a point on the P-256 curve',
    );
    expectFormatError(
      () => parseStamp(withFields(stamp, { publicKey: `zz${stamp.publicKey!.slice(2)}` })),
      `${HEADER}.publicKey`,
      'must be an even number of hex digits',
    );
  });

  it('signature not hex, empty, or too long', async () => {
    const { stamp } = await sample();
    const reason = 'must be a hex DER ECDSA signature';
    for (const signature of [`zz${stamp.signature!.slice(2)}`, stamp.signature!.slice(1), '', '30', '00'.repeat(73), undefined, 42]) {
      const header = withFields(stamp, { signature });
      expectFormatError(() => parseStamp(header), `${HEADER}.signature`, reason);
      expect(verifyStamp(header, PAYLOAD)).toBe(false);
    }
  });

  it('signature by another key: parses, but neither we, Turnkey nor OpenSSL verify it', async () => {
    const { stamp } = await sample();
    const other = await generateP256Key();
    const otherHex = hex(compressPublicKey(other.publicKey));
    const header = withFields(stamp, { publicKey: otherHex });
    expect(parseStamp(header).publicKey).toBe(otherHex);
    expect(verifyStamp(header, PAYLOAD)).toBe(false);
    expect(await verifyStampSignature(otherHex, stamp.signature!, PAYLOAD)).toBe(false);
    expect(nodeVerifyDer(other.publicKey, unhex(stamp.signature!), ascii(PAYLOAD))).toBe(false);
  });

  it('payload changed by one byte or by whitespace / re-serialisation', async () => {
    const { header, stamp } = await sample();
    expect(verifyStamp(header, PAYLOAD)).toBe(true);
    const variants = [
      PAYLOAD.replace('STAMP_LOGIN', 'STAMP_LOGIm'),
      `${PAYLOAD} `,
      ` ${PAYLOAD}`,
      `${PAYLOAD}\n`,
      PAYLOAD.replace('":"', '": "'),
      JSON.stringify(JSON.parse(PAYLOAD), null, 2),
      PAYLOAD.slice(0, -1),
    ];
    for (const payload of variants) {
      expect(payload).not.toBe(PAYLOAD);
      expect(verifyStamp(header, payload)).toBe(false);
      expect(await verifyStampSignature(stamp.publicKey!, stamp.signature!, payload)).toBe(false);
    }
    // A one-bit change in the signature itself.
    const sig = stamp.signature!;
    const flipped = sig.slice(0, 20) + (sig[20] === 'a' ? 'b' : 'a') + sig.slice(21);
    expect(verifyStamp(withFields(stamp, { signature: flipped }), PAYLOAD)).toBe(false);
  });
});
