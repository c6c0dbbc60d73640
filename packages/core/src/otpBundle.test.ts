import { createHash, sign as nodeSign } from 'node:crypto';
import { encryptOtpCodeToBundle, formatHpkeBuf, hpkeDecrypt, hpkeEncrypt } from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import { LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY, localEmulatorEnclaveKey } from '../../emulator/src/enclave.ts';
import {
  type EnclaveTrust,
  LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER,
  localGridEmulatorTrust,
  TURNKEY_ENCLAVE_SIGNERS,
} from './enclaveSigners.ts';
import { generateP256Key } from './keys.ts';
import { encryptOtpBundle, makeTargetBundle, openOtpBundle, parseTargetBundle } from './otpBundle.ts';
import { compressPublicKey } from './p256.ts';
import {
  bytesFromBigint,
  expectFormatError,
  expectFormatErrorAsync,
  hex,
  independentEnclaveBundle,
  nodeSigner,
  P256_P,
  turnkeyKey,
  unhex,
} from './testReference.ts';

const TARGET = 'otpEncryptionTargetBundle';
const ENCRYPTED = 'encryptedOtpBundle';
const ascii = (text: string) => new TextEncoder().encode(text);
/** The format tests sign with the local Grid emulator's key, trusted here; who may sign is enclaveSigners.test.ts's subject. */
const TRUSTED: EnclaveTrust = localGridEmulatorTrust(true);
const emulatorSigner = nodeSigner(LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY);

/** A target bundle built without our code (OpenSSL signs it with the emulator's key). */
function independentTargetBundle(fields: Record<string, unknown>, targetPublicHex: string) {
  return independentEnclaveBundle(emulatorSigner, { organizationId: 'org-1', targetPublic: targetPublicHex, ...fields });
}
/** Signs `bytes` as the emulator's enclave would (DER over the raw bytes). */
const emulatorSign = (bytes: Uint8Array) => nodeSign('sha256', bytes, { key: emulatorSigner.key, dsaEncoding: 'der' }).toString('hex');

describe('encryptOtpBundle vs @turnkey/crypto', () => {
  it('seals exactly {"otp_code","public_key":<compressed hex>} so that hpkeDecrypt opens it', async () => {
    const enclave = await turnkeyKey();
    const client = await turnkeyKey();
    const target = parseTargetBundle(await makeTargetBundle(enclave.handles.publicKey, await localEmulatorEnclaveKey()), TRUSTED);
    for (const otp of ['000000', '123456', '0042']) {
      // Given the uncompressed client key, the bundle must still carry the compressed one (grid-api#1001).
      const text = await encryptOtpBundle(otp, client.handles.publicKey, target);
      const outer = JSON.parse(text) as Record<string, string>;
      expect(Object.keys(outer)).toEqual(['encappedPublic', 'ciphertext']);
      expect(outer.encappedPublic).toMatch(/^04[0-9a-f]{128}$/);
      expect(outer.ciphertext).toMatch(/^[0-9a-f]+$/);

      const plaintext = hpkeDecrypt({
        ciphertextBuf: unhex(outer.ciphertext!),
        encappedKeyBuf: unhex(outer.encappedPublic!),
        receiverPriv: enclave.privateKeyHex,
      });
      const expected = `{"otp_code":"${otp}","public_key":"${client.publicKeyCompressedHex}"}`;
      expect(new TextDecoder().decode(plaintext)).toBe(expected);
    }
  });

  it('opens what encryptOtpCodeToBundle sealed to our signed target bundle (which Turnkey verifies)', async () => {
    const enclave = await generateP256Key();
    const quorum = await generateP256Key();
    const client = await turnkeyKey();
    const targetBundle = await makeTargetBundle(enclave.publicKey, quorum);
    // encryptOtpCodeToBundle throws unless dataSignature verifies against the (overridden) quorum key.
    const sealed = await encryptOtpCodeToBundle('654321', targetBundle, client.publicKeyCompressedHex, hex(quorum.publicKey));
    const opened = await openOtpBundle(sealed, enclave.agreementKey, enclave.publicKey);
    expect(opened.otpCode).toBe('654321');
    expect(hex(opened.publicKey)).toBe(client.publicKeyCompressedHex);
  });

  it('our target bundle has the shape Turnkey parses, and its data hex-decodes to {targetPublic}', async () => {
    const enclave = await generateP256Key();
    const quorum = await generateP256Key();
    const outer = JSON.parse(await makeTargetBundle(compressPublicKey(enclave.publicKey), quorum)) as Record<string, string>;
    expect(Object.keys(outer)).toEqual(['version', 'data', 'dataSignature', 'enclaveQuorumPublic']);
    expect(outer.version).toBe('v1.0.0');
    expect(outer.enclaveQuorumPublic).toBe(hex(quorum.publicKey));
    expect(JSON.parse(Buffer.from(outer.data!, 'hex').toString('utf8'))).toEqual({ targetPublic: hex(enclave.publicKey) });
  });

  it('Turnkey also rejects a target bundle whose signature we would reject', async () => {
    const enclave = await generateP256Key();
    const outer = JSON.parse(await makeTargetBundle(enclave.publicKey, await localEmulatorEnclaveKey())) as Record<string, string>;
    const forged = JSON.stringify({
      ...outer,
      data: hex(ascii(JSON.stringify({ targetPublic: hex((await generateP256Key()).publicKey) }))),
    });
    await expect(encryptOtpCodeToBundle('1', forged, `02${'11'.repeat(32)}`, LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER)).rejects.toThrow();
    expectFormatError(() => parseTargetBundle(forged, TRUSTED), TARGET, 'dataSignature does not verify against enclaveQuorumPublic');
  });
});

describe('parseTargetBundle', () => {
  it('accepts an independently signed bundle (OpenSSL DER over the raw data bytes)', async () => {
    const enclave = await turnkeyKey();
    const bundle = independentTargetBundle({ userId: 'u-1' }, enclave.publicKeyUncompressedHex);
    const parsed = parseTargetBundle(JSON.stringify(bundle), TRUSTED);
    expect(parsed.version).toBe('v1.0.0');
    expect(hex(parsed.targetPublic)).toBe(enclave.publicKeyUncompressedHex);
    expect(parsed.signer).toBe('localGridEmulator');
  });

  it('returns targetPublic uncompressed even when the enclave wrote it compressed', async () => {
    const enclave = await turnkeyKey();
    const bundle = independentTargetBundle({}, enclave.publicKeyCompressedHex);
    expect(hex(parseTargetBundle(JSON.stringify(bundle), TRUSTED).targetPublic)).toBe(enclave.publicKeyUncompressedHex);
  });

  it('accepts stray single quotes around the JSON (Grid OpenAPI examples)', async () => {
    const enclave = await turnkeyKey();
    const bundle = independentTargetBundle({}, enclave.publicKeyUncompressedHex);
    for (const text of [`'${JSON.stringify(bundle)}'`, `  '${JSON.stringify(bundle)}'\n`, `''${JSON.stringify(bundle)}''`]) {
      expect(hex(parseTargetBundle(text, TRUSTED).targetPublic)).toBe(enclave.publicKeyUncompressedHex);
    }
  });

  it('rejects a bad signature: wrong data, another pinned key, a flipped bit, a double hash', async () => {
    const enclave = await turnkeyKey();
    const bundle = independentTargetBundle({}, enclave.publicKeyUncompressedHex);
    const reason = 'dataSignature does not verify against enclaveQuorumPublic';
    const parse = (changes: Record<string, string>) => () => parseTargetBundle(JSON.stringify({ ...bundle, ...changes }), TRUSTED);
    expectFormatError(
      parse({ data: hex(ascii(JSON.stringify({ targetPublic: (await turnkeyKey()).publicKeyUncompressedHex }))) }),
      TARGET,
      reason,
    );
    expectFormatError(parse({ enclaveQuorumPublic: TURNKEY_ENCLAVE_SIGNERS.otpEncryptionTarget }), TARGET, reason);
    const flipped = bundle.dataSignature.slice(0, -2) + (bundle.dataSignature.slice(-2) === '00' ? '01' : '00');
    expectFormatError(parse({ dataSignature: flipped }), TARGET, reason);
    // Signed over sha256(data) instead of data (a double hash) is not the same thing.
    expectFormatError(
      parse({ dataSignature: emulatorSign(createHash('sha256').update(Buffer.from(bundle.data, 'hex')).digest()) }),
      TARGET,
      reason,
    );
    expectFormatError(parse({ dataSignature: 'zz' }), `${TARGET}.dataSignature`, 'must be an even number of hex digits');
  });

  it('rejects non-JSON, non-objects and missing fields', () => {
    const parse = (text: unknown) => () => parseTargetBundle(text as string, TRUSTED);
    expectFormatError(parse('not json'), TARGET, 'is not valid JSON');
    expectFormatError(parse("{version:'v1.0.0',data:'00'}"), TARGET, 'is not valid JSON'); // the unquoted-keys rendering
    expectFormatError(parse(''), TARGET, 'is not valid JSON');
    expectFormatError(parse('[]'), TARGET, 'must be a JSON object');
    expectFormatError(parse('"{}"'), TARGET, 'must be a JSON object');
    expectFormatError(parse('null'), TARGET, 'must be a JSON object');
    expectFormatError(parse('{"data":"00"}'), TARGET, '"version" must be a string');
    expectFormatError(parse('{"version":"v1.0.0"}'), TARGET, '"data" must be a string');
    expectFormatError(parse(42), TARGET, 'must be a string');
  });

  it('rejects signed data that is not hex, not UTF-8, not JSON, or lacks targetPublic', () => {
    // Signed by the emulator's key, so only the data itself is wrong ('xyz' fails before any signature check).
    const bundle = (data: string, dataSignature = emulatorSign(unhex(data))) =>
      JSON.stringify({ version: 'v1.0.0', data, dataSignature, enclaveQuorumPublic: LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER });
    const parse = (data: string) => () => parseTargetBundle(bundle(data), TRUSTED);
    expectFormatError(() => parseTargetBundle(bundle('xyz', '30'), TRUSTED), `${TARGET}.data`, 'must be an even number of hex digits');
    expectFormatError(parse('7bff7d'), `${TARGET}.data`, 'is not UTF-8 JSON');
    expectFormatError(parse(hex(ascii('targetPublic=04…'))), `${TARGET}.data`, 'is not valid JSON');
    expectFormatError(parse(hex(ascii('["04"]'))), `${TARGET}.data`, 'must be a JSON object');
    expectFormatError(parse(hex(ascii('{"target":"04"}'))), `${TARGET}.data`, '"targetPublic" must be a string');
  });

  it('rejects a targetPublic or quorum key that is not on the curve', async () => {
    const enclave = await turnkeyKey();
    const y = BigInt(`0x${enclave.publicKeyUncompressedHex.slice(66)}`);
    const offCurve = enclave.publicKeyUncompressedHex.slice(0, 66) + hex(bytesFromBigint((y + 1n) % P256_P, 32));
    expectFormatError(
      () => parseTargetBundle(JSON.stringify(independentTargetBundle({}, offCurve)), TRUSTED),
      `${TARGET}.data.targetPublic`,
      'is not a point on the P-256 curve',
    );
    const bundle = independentTargetBundle({}, enclave.publicKeyUncompressedHex);
    expectFormatError(
      () => parseTargetBundle(JSON.stringify({ ...bundle, enclaveQuorumPublic: offCurve }), TRUSTED),
      `${TARGET}.enclaveQuorumPublic`,
      'is not a point on the P-256 curve',
    );
  });
});

describe('openOtpBundle failures', () => {
  it('wrong key, tampering, malformed fields', async () => {
    const enclave = await turnkeyKey();
    const stranger = await turnkeyKey();
    const client = await turnkeyKey();
    const target = parseTargetBundle(await makeTargetBundle(enclave.handles.publicKey, await localEmulatorEnclaveKey()), TRUSTED);
    const sealed = await encryptOtpBundle('111111', client.handles.publicKey, target);
    const outer = JSON.parse(sealed) as Record<string, string>;
    const open = (text: string, key = enclave) => openOtpBundle(text, key.handles.agreementKey, key.handles.publicKey);

    expect((await open(sealed)).otpCode).toBe('111111');
    const NOT_OPENED = 'did not open with this key (wrong key or tampered)';
    await expectFormatErrorAsync(open(sealed, stranger), ENCRYPTED, NOT_OPENED);
    const ct = outer.ciphertext!;
    const tampered = ct.slice(0, 10) + (ct[10] === '0' ? '1' : '0') + ct.slice(11);
    await expectFormatErrorAsync(open(JSON.stringify({ ...outer, ciphertext: tampered })), ENCRYPTED, NOT_OPENED);
    await expectFormatErrorAsync(open('nope'), ENCRYPTED, 'is not valid JSON');
    await expectFormatErrorAsync(open('[]'), ENCRYPTED, 'must be a JSON object');
    await expectFormatErrorAsync(open(JSON.stringify({ ciphertext: ct })), ENCRYPTED, '"encappedPublic" must be a string');
    await expectFormatErrorAsync(
      open(JSON.stringify({ ...outer, ciphertext: 'xx' })),
      `${ENCRYPTED}.ciphertext`,
      'must be an even number of hex digits',
    );
    await expectFormatErrorAsync(
      open(JSON.stringify({ ...outer, encappedPublic: `04${'00'.repeat(64)}` })),
      `${ENCRYPTED}.encappedPublic`,
      'is not a point on the P-256 curve',
    );
    await expectFormatErrorAsync(
      openOtpBundle(7 as unknown as string, enclave.handles.agreementKey, enclave.handles.publicKey),
      ENCRYPTED,
      'must be a string',
    );
  });

  it('rejects plaintexts (sealed by Turnkey) that are not the expected JSON', async () => {
    const enclave = await turnkeyKey();
    const open = (plaintext: string) => {
      const sealed = formatHpkeBuf(hpkeEncrypt({ plainTextBuf: ascii(plaintext), targetKeyBuf: unhex(enclave.publicKeyUncompressedHex) }));
      return openOtpBundle(sealed, enclave.handles.agreementKey, enclave.handles.publicKey);
    };
    expect((await open(`{"public_key":"${enclave.publicKeyCompressedHex}","otp_code":"9"}`)).otpCode).toBe('9');
    await expectFormatErrorAsync(open('000000'), ENCRYPTED, 'plaintext is not the expected JSON');
    await expectFormatErrorAsync(open('["000000"]'), ENCRYPTED, 'plaintext is not the expected JSON');
    await expectFormatErrorAsync(open('{"otp_code":1,"public_key":"02"}'), ENCRYPTED, '"otp_code" must be a string');
    await expectFormatErrorAsync(open('{"otp_code":"1"}'), ENCRYPTED, '"public_key" must be a string');
    await expectFormatErrorAsync(open('{"otp_code":"1","public_key":"05"}'), `${ENCRYPTED}.public_key`, /must be a 33-byte/);
  });
});
