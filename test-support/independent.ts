import { createPublicKey, verify } from 'node:crypto';
import {
  type AuthenticatorTransport,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import bs58check from 'bs58check';
import { generateP256KeyPair, getPublicKey, hpkeEncrypt, uncompressRawPublicKey, verifyStampSignature } from '@turnkey/crypto';

/**
 * An independent Grid stand-in for browser tests: Turnkey's own libraries and
 * Node's OpenSSL, never our packages/core, so a bug in our formats cannot hide itself.
 */

const fromHex = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

/** What Grid does in the legacy flow: a fresh session key sealed to the client's public key. */
export function sealSessionKey(clientPublicKeyHex: string): { bundle: string; privateKeyHex: string; publicKeyHex: string } {
  const session = generateP256KeyPair();
  const target = clientPublicKeyHex.length === 66 ? uncompressRawPublicKey(fromHex(clientPublicKeyHex)) : fromHex(clientPublicKeyHex);
  const bundle = bs58check.encode(hpkeEncrypt({ plainTextBuf: fromHex(session.privateKey), targetKeyBuf: target }));
  return { bundle, privateKeyHex: session.privateKey, publicKeyHex: session.publicKey };
}

export function compressedPublicKeyOf(privateKeyHex: string): string {
  return Buffer.from(getPublicKey(fromHex(privateKeyHex), true)).toString('hex');
}

/**
 * Checks a `Grid-Wallet-Signature` value the way Grid would: decode, check the
 * JSON layout byte for byte, then verify the DER signature over the exact payload
 * bytes with both Turnkey's verifier and OpenSSL (which accept high-S).
 */
export async function verifyGridStamp(header: string, payloadToSign: string): Promise<{ publicKey: string }> {
  const json = Buffer.from(header, 'base64url').toString('utf8');
  if (Buffer.from(json, 'utf8').toString('base64url') !== header) throw new Error('stamp is not canonical unpadded base64url');
  const stamp = JSON.parse(json) as { publicKey: string; scheme: string; signature: string };
  if (json !== JSON.stringify({ publicKey: stamp.publicKey, scheme: stamp.scheme, signature: stamp.signature })) {
    throw new Error(`stamp JSON layout differs: ${json}`);
  }
  if (stamp.scheme !== 'SIGNATURE_SCHEME_TK_API_P256') throw new Error(`unexpected scheme ${stamp.scheme}`);
  // verifyStampSignature is async in @turnkey/crypto 2.13 (a bare call would always look truthy).
  if ((await verifyStampSignature(stamp.publicKey, stamp.signature, payloadToSign)) !== true) throw new Error('Turnkey rejects the stamp');
  const spki = Buffer.concat([
    Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex'),
    Buffer.from(stamp.publicKey, 'hex'),
  ]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  if (!verify('sha256', Buffer.from(payloadToSign, 'utf8'), { key, dsaEncoding: 'der' }, Buffer.from(stamp.signature, 'hex'))) {
    throw new Error('OpenSSL rejects the stamp');
  }
  return { publicKey: stamp.publicKey };
}

/** COSE's ES256 (ECDSA P-256 with SHA-256), the only algorithm the wallet's passkeys use. */
const ES256 = -7;

/** The wallet's attestation, as `grid_registerPasskey` answers it. */
interface WalletAttestation {
  credentialId: string;
  clientDataJson: string;
  attestationObject: string;
  transports?: AuthenticatorTransport[];
}

/** The wallet's assertion, as `grid_getPasskeyAssertion` answers it. */
interface WalletAssertion {
  credentialId: string;
  clientDataJson: string;
  authenticatorData: string;
  signature: string;
  userHandle?: string;
}

/** Where a passkey ceremony must have run: the origin the browser wrote into clientDataJSON, and the RP ID. */
interface CeremonyScope {
  origin: string;
  rpId: string;
}

/** @simplewebauthn/server's verdict on a registration over `challenge` (base64url), with user verification and ES256. */
export function verifyPasskeyRegistration(attestation: WalletAttestation, challenge: string, { origin, rpId }: CeremonyScope) {
  return verifyRegistrationResponse({
    response: {
      id: attestation.credentialId,
      rawId: attestation.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: attestation.clientDataJson,
        attestationObject: attestation.attestationObject,
        ...(attestation.transports && { transports: attestation.transports }),
      },
      clientExtensionResults: {},
    },
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpId,
    requireUserVerification: true,
    supportedAlgorithmIDs: [ES256],
  });
}

/** @simplewebauthn/server's verdict on an assertion over Grid's hex challenge (its UTF-8 bytes are the WebAuthn challenge). */
export function verifyPasskeyAssertion(
  assertion: WalletAssertion,
  challengeHex: string,
  { origin, rpId }: CeremonyScope,
  credential: WebAuthnCredential,
) {
  return verifyAuthenticationResponse({
    response: {
      id: assertion.credentialId,
      rawId: assertion.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: assertion.clientDataJson,
        authenticatorData: assertion.authenticatorData,
        signature: assertion.signature,
        ...(assertion.userHandle && { userHandle: assertion.userHandle }),
      },
      clientExtensionResults: {},
    },
    expectedChallenge: Buffer.from(challengeHex, 'utf8').toString('base64url'),
    expectedOrigin: origin,
    expectedRPID: rpId,
    credential,
    requireUserVerification: true,
  });
}
