import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { Assertion as GridAssertion, Attestation } from '../passkeys.ts';

/**
 * A software WebAuthn authenticator producing exactly what a browser returns from
 * navigator.credentials.create/get on a given origin, base64url-encoded in Grid's
 * field names. ES256 key from node:crypto, "none" attestation, flags UP|UV(|AT).
 * By default it behaves like Chromium running the extension's ceremony for a site on
 * localhost: the extension's origin, RP ID `localhost`.
 */
export const EXTENSION_ORIGIN = 'chrome-extension://dljlcnjpmbacdnbgbmhbihhihjmmcmen';

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64url = (bytes: Uint8Array | Buffer): string => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

export interface AuthenticatorOptions {
  /** clientDataJSON.origin. */
  readonly origin?: string;
  /** The RP ID hashed into authenticatorData; default `localhost` (the extension claims the site's domain). */
  readonly rpId?: string;
}

/** Grid's field names, as the emulator reads them (only the shapes are shared, no code). */
export type { Attestation };
export type Assertion = GridAssertion & { readonly userHandle: string };

export class SoftwareAuthenticator {
  /** clientDataJSON.origin; tests may change it to present the same passkey from another origin. */
  origin: string;
  readonly rpId: string;
  readonly credentialId = randomBytes(16);
  readonly userHandle = randomBytes(16);
  /** Next signature counter; tests may rewind it to simulate a cloned authenticator. */
  signCount = 0;
  /** Whether the "user" is verified (UV flag); tests may turn it off. */
  userVerified = true;
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };

  constructor(options: AuthenticatorOptions = {}) {
    this.origin = options.origin ?? EXTENSION_ORIGIN;
    this.rpId = options.rpId ?? 'localhost';
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.privateKey = privateKey;
    this.publicJwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: Uint8Array): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge: b64url(challenge), origin: this.origin, crossOrigin: false }));
  }

  private authenticatorData(extraFlags: number, attested?: Buffer): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.signCount);
    const flags = FLAG_UP | (this.userVerified ? FLAG_UV : 0) | extraFlags;
    return Buffer.concat([sha256(this.rpId), Buffer.from([flags]), counter, attested ?? Buffer.alloc(0)]);
  }

  private cosePublicKey(): Uint8Array {
    // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(this.publicJwk.x, 'base64url')],
        [-3, Buffer.from(this.publicJwk.y, 'base64url')],
      ]),
    );
  }

  /** navigator.credentials.create({publicKey: {challenge, …}}). */
  register(challenge: Uint8Array): Attestation {
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, this.cosePublicKey()]);
    const authData = this.authenticatorData(FLAG_AT, attested);
    const attStmt = new Map<string, never>(); // "none" attestation: empty statement
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, never> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', attStmt],
        ['authData', authData],
      ]),
    );
    return {
      credentialId: b64url(this.credentialId),
      clientDataJson: b64url(this.clientData('webauthn.create', challenge)),
      attestationObject: b64url(attestationObject),
      transports: ['internal'],
    };
  }

  /** navigator.credentials.get({publicKey: {challenge, allowCredentials: [this credential]}}). */
  assert(challenge: Uint8Array): Assertion {
    this.signCount += 1;
    const authData = this.authenticatorData(0);
    const clientData = this.clientData('webauthn.get', challenge);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.privateKey);
    return {
      credentialId: b64url(this.credentialId),
      clientDataJson: b64url(clientData),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      userHandle: b64url(this.userHandle),
    };
  }
}
