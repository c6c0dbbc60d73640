import { errors } from './errors.ts';
import {
  type ConnectResult,
  type ClientKeyResult,
  type ExportKeyResult,
  type ExportShownResult,
  CREDENTIAL_TYPES,
  OTP_CHANNELS,
  type OtpResult,
  type PasskeyAssertionResult,
  type PasskeyRegistrationResult,
  type SessionInfo,
  type SignContext,
  type SignResult,
  type StatusResult,
} from './types.ts';
import {
  accountId,
  base64url,
  boolean,
  integer,
  object,
  oneOf,
  opaqueId,
  optional,
  params,
  string,
  timestamp,
  timestampOrUnixSeconds,
  type Validator,
} from './validate.ts';

/**
 * The public, page-reachable method table: the only methods a web page can reach.
 * Each entry says whether the origin must be connected first and how its params
 * are validated. Internal (popup ↔ background) messages live in ./internal.ts.
 */

/** Largest `payloadToSign` accepted, in UTF-8 bytes. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

const noParams = params({});

// Grid's PASSKEY nickname rule: letters, digits, spaces and . _ - ' ( ), 1–100 characters.
const passkeyNickname: Validator<string> = (value, field) => {
  const text = string({ max: 400, pattern: /^[\p{L}\p{N} ._'()-]+$/u, describe: "letters, digits, spaces and . _ - ' ( )" })(
    typeof value === 'string' ? value.trim() : value,
    field,
  );
  if ([...text].length > 100) throw errors.invalidParams(field, 'must be at most 100 characters');
  return text;
};

const signContext: Validator<SignContext> = object({
  currentEmail: optional(string({ max: 320 })),
  currentPhoneNumber: optional(string({ max: 32 })),
  card: optional(string({ max: 100 })),
  walletPrivacy: optional(boolean),
});

const grid_signPayload: Validator<{ sessionId?: string; clientKeyId?: string; payloadToSign: string; summary?: string; context?: SignContext }> = (
  value,
  field,
) => {
  const parsed = params({
    sessionId: optional(opaqueId),
    clientKeyId: optional(opaqueId),
    payloadToSign: string({ max: MAX_PAYLOAD_BYTES }),
    summary: optional(string({ max: 280 })),
    context: optional(signContext),
  })(value, field);
  if ((parsed.sessionId === undefined) === (parsed.clientKeyId === undefined)) {
    throw errors.invalidParams(`${field}.sessionId`, 'or clientKeyId must be given, and not both');
  }
  return parsed;
};

const grid_collectOtp = (value: unknown, field: string) => {
  const parsed = params({
    credentialId: opaqueId,
    destination: optional(string({ max: 320 })),
    channel: optional(oneOf(OTP_CHANNELS)),
    length: optional(integer(4, 12)),
    expiresAt: optional(timestampOrUnixSeconds),
    otpEncryptionTargetBundle: optional(string({ max: 8192 })),
    clientKeyId: optional(opaqueId),
    alphanumeric: optional(boolean),
  })(value, field);
  if (parsed.otpEncryptionTargetBundle !== undefined && parsed.clientKeyId === undefined) {
    throw errors.invalidParams(`${field}.clientKeyId`, 'is required with otpEncryptionTargetBundle (its public key is sealed with the code)');
  }
  return parsed;
};

export const METHODS = {
  wallet_connect: { needsConnection: false, validate: noParams },
  wallet_disconnect: { needsConnection: false, validate: noParams },
  wallet_status: { needsConnection: false, validate: noParams },
  grid_createClientKey: { needsConnection: true, validate: noParams },
  grid_collectOtp: { needsConnection: true, validate: grid_collectOtp },
  grid_openSession: {
    needsConnection: true,
    validate: params({
      clientKeyId: opaqueId,
      accountId,
      expiresAt: timestamp,
      sessionId: optional(opaqueId),
      credentialId: optional(opaqueId),
      type: optional(oneOf(CREDENTIAL_TYPES)),
      nickname: optional(string({ max: 256 })),
      encryptedSessionSigningKey: optional(string({ max: 512, pattern: /^[1-9A-HJ-NP-Za-km-z]+$/, describe: 'base58check' })),
    }),
  },
  grid_listSessions: { needsConnection: true, validate: noParams },
  grid_signPayload: { needsConnection: true, validate: grid_signPayload },
  grid_endSession: { needsConnection: true, validate: params({ sessionId: opaqueId }) },
  grid_registerPasskey: {
    needsConnection: true,
    validate: params({
      accountId,
      nickname: passkeyNickname,
      challenge: base64url(1024),
      user: object({
        id: base64url(64),
        name: string({ max: 256 }),
        displayName: string({ max: 256 }),
      }),
      rp: optional(object({ name: string({ max: 128 }) })),
    }),
  },
  grid_getPasskeyAssertion: {
    needsConnection: true,
    validate: params({ credentialId: base64url(1024), challenge: string({ max: 1024 }) }),
  },
  grid_createExportKey: { needsConnection: true, validate: noParams },
  grid_showWalletExport: {
    needsConnection: true,
    validate: params({ exportKeyId: opaqueId, encryptedWalletCredentials: string({ max: 8192 }) }),
  },
} as const satisfies Record<string, { needsConnection: boolean; validate: Validator<unknown> }>;

export type MethodName = keyof typeof METHODS;
export type ParamsOf<M extends MethodName> = ReturnType<(typeof METHODS)[M]['validate']>;

/** The params a page sends (timestamps as strings), for the SDK's typed wrappers. */
export interface MethodParams {
  wallet_connect: Record<string, never>;
  wallet_disconnect: Record<string, never>;
  wallet_status: Record<string, never>;
  grid_createClientKey: Record<string, never>;
  grid_collectOtp: {
    credentialId: string;
    destination?: string;
    channel?: (typeof OTP_CHANNELS)[number];
    length?: number;
    /** RFC 3339, or Unix seconds (Authsignal). */
    expiresAt?: string | number;
    otpEncryptionTargetBundle?: string;
    clientKeyId?: string;
    /** Codes may contain letters (Grid's `alphanumeric` OTP setting); digits only by default. */
    alphanumeric?: boolean;
  };
  grid_openSession: {
    clientKeyId: string;
    accountId: string;
    expiresAt: string;
    sessionId?: string;
    credentialId?: string;
    type?: (typeof CREDENTIAL_TYPES)[number];
    nickname?: string;
    encryptedSessionSigningKey?: string;
  };
  grid_listSessions: Record<string, never>;
  grid_signPayload: ({ sessionId: string; clientKeyId?: never } | { clientKeyId: string; sessionId?: never }) & {
    payloadToSign: string;
    summary?: string;
    /** Display context the prompt shows as the site's words (the old email, the card…). */
    context?: SignContext;
  };
  grid_endSession: { sessionId: string };
  grid_registerPasskey: {
    accountId: string;
    nickname: string;
    challenge: string;
    user: { id: string; name: string; displayName: string };
    rp?: { name: string };
  };
  grid_getPasskeyAssertion: { credentialId: string; challenge: string };
  grid_createExportKey: Record<string, never>;
  /** Grid's 200 `encryptedWalletCredentials`, relayed as it came; the extension opens it in its own window. */
  grid_showWalletExport: { exportKeyId: string; encryptedWalletCredentials: string };
}

export interface MethodResults {
  wallet_connect: ConnectResult;
  wallet_disconnect: null;
  wallet_status: StatusResult;
  grid_createClientKey: ClientKeyResult;
  grid_collectOtp: OtpResult;
  grid_openSession: SessionInfo;
  grid_listSessions: SessionInfo[];
  grid_signPayload: SignResult;
  grid_endSession: null;
  grid_registerPasskey: PasskeyRegistrationResult;
  grid_getPasskeyAssertion: PasskeyAssertionResult;
  grid_createExportKey: ExportKeyResult;
  grid_showWalletExport: ExportShownResult;
}

export function isMethodName(method: unknown): method is MethodName {
  return typeof method === 'string' && Object.hasOwn(METHODS, method);
}

/** Validates a request's method and params; throws 4200 or -32602. */
export function validateRequest<M extends MethodName>(method: M, rawParams: unknown): ParamsOf<M>;
export function validateRequest(method: string, rawParams: unknown): unknown;
export function validateRequest(method: string, rawParams: unknown): unknown {
  if (!isMethodName(method)) throw errors.unsupportedMethod(method);
  return METHODS[method].validate(rawParams, 'params');
}
