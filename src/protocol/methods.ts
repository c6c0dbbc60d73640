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
  type SignDisplay,
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

/** The furthest ahead a session may expire: Grid's own sessions last minutes, so a page claiming more is lying. */
export const MAX_SESSION_LIFETIME_MS = 24 * 60 * 60_000;

/**
 * grid_openSession's `expiresAt` rule: in the future, at most 24 hours ahead.
 * It needs a clock, so the background applies it with its own (validators are
 * clock-free and run before a handler knows the time it trusts).
 */
export function checkSessionExpiry(expiresAt: number, now: number): void {
  if (expiresAt <= now) throw errors.invalidParams('params.expiresAt', 'is in the past');
  if (expiresAt > now + MAX_SESSION_LIFETIME_MS) throw errors.invalidParams('params.expiresAt', 'must be at most 24 hours ahead');
}

// Grid's PASSKEY nickname rule: letters, digits, spaces and . _ - ' ( ), 1–100 characters.
const passkeyNickname: Validator<string> = (value, field) => {
  const text = string({ max: 400, pattern: /^[\p{L}\p{N} ._'()-]+$/u, describe: "letters, digits, spaces and . _ - ' ( )" })(
    typeof value === 'string' ? value.trim() : value,
    field,
  );
  if ([...text].length > 100) throw errors.invalidParams(field, 'must be at most 100 characters');
  return text;
};

const displayAmount = object({
  /** Integer in the currency's smallest unit, as Grid sends amounts. */
  amount: integer(0, Number.MAX_SAFE_INTEGER),
  currency: object({
    code: string({ max: 12, pattern: /^[A-Z0-9]{2,12}$/, describe: 'a currency code such as USD or BTC' }),
    decimals: integer(0, 18),
    symbol: optional(string({ max: 8 })),
    name: optional(string({ max: 64 })),
  }),
});

/**
 * What the page says a request means (a Grid quote's payment, the old email, the
 * card…): shown in the approval window as the site's claim, never as checked.
 */
const signDisplay = object({
  payment: optional(
    object({
      sending: displayAmount,
      receiving: optional(displayAmount),
      fee: optional(displayAmount),
      destination: optional(string({ max: 256 })),
      expiresAt: optional(timestamp),
      quoteId: optional(opaqueId),
    }),
  ),
  currentEmail: optional(string({ max: 320 })),
  currentPhoneNumber: optional(string({ max: 32 })),
  card: optional(string({ max: 100 })),
  walletPrivacy: optional(boolean),
});

const grid_signPayload: Validator<{
  sessionId?: string;
  clientKeyId?: string;
  payloadToSign: string;
  summary?: string;
  display?: ReturnType<typeof signDisplay>;
}> = (value, field) => {
  const parsed = params({
    sessionId: optional(opaqueId),
    clientKeyId: optional(opaqueId),
    payloadToSign: string({ max: MAX_PAYLOAD_BYTES }),
    summary: optional(string({ max: 280 })),
    display: optional(signDisplay),
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
  /**
   * The WebAuthn `user.id` is chosen by the extension, not the page:
   * `passkeyUserHandle(origin, accountId)` (src/core/passkeyUser.ts), which binds the
   * passkey to this site. Every grid_getPasskeyAssertion checks the authenticator's
   * user handle against it, so a passkey (also one synced from another browser) answers
   * only the site that made it; another site's passkey answers 4404 like an unknown one.
   * `user.id` is still accepted for compatibility and ignored.
   */
  grid_registerPasskey: {
    needsConnection: true,
    validate: params({
      accountId,
      nickname: passkeyNickname,
      challenge: base64url(1024),
      user: object({
        id: optional(base64url(64)),
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

/** The name of a page-reachable protocol method, e.g. `grid_signPayload`. */
export type MethodName = keyof typeof METHODS;
/** A method's params after validation (timestamps as Unix milliseconds). */
export type ParamsOf<M extends MethodName> = ReturnType<(typeof METHODS)[M]['validate']>;

/** The params a page sends (timestamps as strings), for the SDK's typed wrappers. */
export interface MethodParams {
  /** No params. */
  wallet_connect: Record<string, never>;
  /** No params. */
  wallet_disconnect: Record<string, never>;
  /** No params. */
  wallet_status: Record<string, never>;
  /** No params. */
  grid_createClientKey: Record<string, never>;
  /** What the code prompt shows and, for the current Grid flow, what the code is sealed to. */
  grid_collectOtp: {
    /** The credential (or SCA challenge) the code is for, as Grid names it. */
    credentialId: string;
    /** Where the code was sent (e.g. a masked email or phone number), shown in the prompt. */
    destination?: string;
    /** How the code was sent; `EMAIL` when absent. */
    channel?: (typeof OTP_CHANNELS)[number];
    /** The number of characters the code has (4–12), when known. */
    length?: number;
    /** RFC 3339, or Unix seconds (Authsignal). */
    expiresAt?: string | number;
    /** Grid's `otpEncryptionTargetBundle`: seal the code to Grid's enclave; absent to return the plaintext code. */
    otpEncryptionTargetBundle?: string;
    /** The client key whose public key is sealed with the code; required with `otpEncryptionTargetBundle`. */
    clientKeyId?: string;
    /** Codes may contain letters (Grid's `alphanumeric` OTP setting); digits only by default. */
    alphanumeric?: boolean;
  };
  /** A Grid AuthSession to keep, and the client key it was issued to. */
  grid_openSession: {
    /** The client key the session was issued to; it is spent. */
    clientKeyId: string;
    /** The internal account the session signs for. */
    accountId: string;
    /** RFC 3339, in the future and at most 24 hours ahead (Grid's AuthSession `expiresAt`). */
    expiresAt: string;
    /** Grid's AuthSession id; `local_<uuid>` when absent. */
    sessionId?: string;
    /** The credential that opened the session (AuthSession `credentialId`). */
    credentialId?: string;
    /** The type of that credential. */
    type?: (typeof CREDENTIAL_TYPES)[number];
    /** A name for the session, shown in the extension. */
    nickname?: string;
    /** Legacy flow: Grid's sealed session key (base58check), opened with the client key; absent when the client key becomes the session key. */
    encryptedSessionSigningKey?: string;
  };
  /** No params. */
  grid_listSessions: Record<string, never>;
  /**
   * The payload to stamp and the key to stamp it with: exactly one of
   * - `sessionId`: an active session of this site, or
   * - `clientKeyId`: a client key of this site (before it becomes a session key).
   */
  grid_signPayload: ({ sessionId: string; clientKeyId?: never } | { clientKeyId: string; sessionId?: never }) & {
    /** Grid's `payloadToSign`, as it came (at most 64 KiB). */
    payloadToSign: string;
    /** A short line the page adds to the prompt (at most 280 bytes). */
    summary?: string;
    /** What the site says the request means (a payment, the old email, the card…); the approval window shows it as the site's claim. */
    display?: SignDisplay;
  };
  /**
   * The session to forget.
   * - `sessionId`: its id, as in SessionInfo.
   */
  grid_endSession: { sessionId: string };
  /** The passkey to create for an account. */
  grid_registerPasskey: {
    /** The internal account the passkey will sign in to. */
    accountId: string;
    /** The passkey's name: letters, digits, spaces and . _ - ' ( ), at most 100 characters. */
    nickname: string;
    /** The WebAuthn challenge, base64url, from the integrator's backend (random, single use). */
    challenge: string;
    /**
     * The WebAuthn user the passkey is created for.
     * - `id`: ignored: the extension derives the WebAuthn user handle from the site (see METHODS).
     * - `name`: the user's account name, e.g. an email (at most 256 bytes).
     * - `displayName`: the name shown in the passkey dialog (at most 256 bytes).
     */
    user: { id?: string; name: string; displayName: string };
    /**
     * The relying party shown in the passkey dialog; the extension's default name when absent.
     * - `name`: the relying party's display name (at most 128 bytes).
     */
    rp?: { name: string };
  };
  /**
   * The passkey challenge to sign.
   * - `credentialId`: the passkey's WebAuthn credential id (base64url), from Grid's challenge.
   * - `challenge`: Grid's passkey `challenge`, as it came.
   */
  grid_getPasskeyAssertion: { credentialId: string; challenge: string };
  /** No params. */
  grid_createExportKey: Record<string, never>;
  /**
   * Grid's 200 `encryptedWalletCredentials`, relayed as it came; the extension opens it in its own window.
   * - `exportKeyId`: the export key from `grid_createExportKey` that the export was sealed to.
   * - `encryptedWalletCredentials`: Grid's sealed wallet credentials.
   */
  grid_showWalletExport: { exportKeyId: string; encryptedWalletCredentials: string };
}

/** What each method resolves with. */
export interface MethodResults {
  /** The connected origin and the extension's version. */
  wallet_connect: ConnectResult;
  /** Nothing. */
  wallet_disconnect: null;
  /** Connection state, and this site's sessions and passkeys when connected. */
  wallet_status: StatusResult;
  /** The new client key's id and public key. */
  grid_createClientKey: ClientKeyResult;
  /** The sealed code, the plaintext code, or a request to resend. */
  grid_collectOtp: OtpResult;
  /** The stored session. */
  grid_openSession: SessionInfo;
  /** This site's sessions. */
  grid_listSessions: SessionInfo[];
  /** The `Grid-Wallet-Signature` value and the signing key. */
  grid_signPayload: SignResult;
  /** Nothing. */
  grid_endSession: null;
  /** The attestation for Grid's PASSKEY credential. */
  grid_registerPasskey: PasskeyRegistrationResult;
  /** The assertion for Grid's PASSKEY verify. */
  grid_getPasskeyAssertion: PasskeyAssertionResult;
  /** The new export key's id and public key. */
  grid_createExportKey: ExportKeyResult;
  /** `{shown: true}` once the user closed the phrase. */
  grid_showWalletExport: ExportShownResult;
}

/** Whether `method` names a page-reachable method. */
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
