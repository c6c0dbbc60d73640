import { randomUUID } from 'node:crypto';
import {
  bytesToBase64url,
  bytesToHex,
  hexToBytes,
  importP256Scalar,
  makeTargetBundle,
  sealExportBundle,
  utf8,
  type P256KeyHandles,
} from '@grid-wallet/core';
import { encodeSegment } from './jwt.ts';

/**
 * PUBLIC TEST KEY, NOT A SECRET: the private half of the emulator's enclave
 * signing key, published here so every emulator (and any test) signs with the
 * same key, whose public half the extension pins as "local Grid emulator"
 * (LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER in packages/core/src/enclaveSigners.ts). Anyone can
 * sign with it, which is why the extension trusts it only while "Trust the local
 * Grid emulator" is on. Never use it for anything but local development.
 */
export const LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY = '1590bec6a7ca72a65166ec55ad84ffa4ab039d812c512a4a820b7c303eb503c0';

/** The emulator's enclave signing key (the published test key above), as WebCrypto handles. */
export function localEmulatorEnclaveKey(): Promise<P256KeyHandles> {
  return importP256Scalar(hexToBytes(LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY));
}

/**
 * The emulator's stand-in for Turnkey's enclave. One fixed "quorum" signing key
 * (the published test key above) signs every OTP target bundle and every OTP
 * verification token; the extension pins it as the local Grid emulator, and a
 * client can also read it at `GET /_emulator/enclave`. Each OTP issuance gets its
 * own HPKE target key (see otp.ts).
 */
export interface Enclave {
  /** Uncompressed SEC1 hex of the quorum key, exactly as it appears in target bundles. */
  readonly quorumPublicKey: string;
  /** A signed `otpEncryptionTargetBundle` publishing `targetPublic`. */
  targetBundle(targetPublic: Uint8Array): Promise<string>;
  /** A wallet export (`encryptedWalletCredentials`): `mnemonic` sealed to the export key, signed by the quorum key. */
  exportBundle(mnemonic: string, target: { publicKey: Uint8Array; organizationId: string }): Promise<string>;
  /** An ES256 compact JWT signed by the quorum key. */
  signJwt(claims: Record<string, unknown>): Promise<string>;
}

export async function createEnclave(): Promise<Enclave> {
  const quorum = await localEmulatorEnclaveKey();
  return {
    quorumPublicKey: bytesToHex(quorum.publicKey),
    targetBundle: (targetPublic) => makeTargetBundle(targetPublic, quorum),
    exportBundle: (mnemonic, target) => sealExportBundle(mnemonic, target, quorum),
    async signJwt(claims) {
      const signingInput = `${encodeSegment({ alg: 'ES256', kid: 'emulator-enclave', typ: 'JWT' })}.${encodeSegment(claims)}`;
      // JWS ES256 signatures are raw r‖s (64 bytes), which is what WebCrypto returns.
      const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, quorum.signingKey, utf8(signingInput));
      return `${signingInput}.${bytesToBase64url(new Uint8Array(signature))}`;
    },
  };
}

/**
 * Claims of the verification token returned by the first leg of the two-leg OTP
 * verify. They follow Turnkey's OTP verification tokens (which Grid passes
 * through), so `@turnkey/crypto`'s verifyOtpVerificationToken accepts them with the
 * quorum key as signer: note `exp` is a millisecond-epoch string there, while `iat`
 * is a standard NumericDate in seconds. The emulator never reads the token back:
 * the binding to the client key lives in the pending request.
 */
export function verificationTokenClaims(input: {
  readonly credentialId: string;
  readonly contact: string;
  readonly channel: 'EMAIL' | 'SMS';
  readonly organizationId: string;
  readonly publicKey: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}): Record<string, unknown> {
  return {
    contact: input.contact,
    exp: String(input.expiresAt),
    iat: Math.floor(input.issuedAt / 1000),
    id: randomUUID(),
    organization_id: input.organizationId,
    public_key: input.publicKey,
    sub: input.credentialId,
    verification_type: input.channel === 'EMAIL' ? 'OTP_TYPE_EMAIL' : 'OTP_TYPE_SMS',
  };
}
