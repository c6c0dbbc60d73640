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
  type SignResult,
  type StatusResult,
} from './types.ts';
import {
  accountId,
  base64url,
  credentialRef,
  boolean,
  exactlyOne,
  integer,
  object,
  oneOf,
  opaqueId,
  optional,
  params,
  type Parsed,
  type Sent,
  string,
  timestamp,
  timestampOrUnixSeconds,
  type Validator,
  withRule,
} from './validate.ts';

/**
 * The public, page-reachable method table: the only methods a web page can reach.
 * Each entry says whether the origin must be connected first and how its params
 * are validated. Internal (popup ↔ background) messages live in
 * src/extension-protocol/internal.ts.
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

const displayAmountFields = object({
  /** Integer in the currency's smallest unit, as Grid sends amounts. */
  amount: integer(0, Number.MAX_SAFE_INTEGER),
  /** The currency the amount is in. */
  currency: object({
    /** Currency code, 2–12 capitals or digits, e.g. `USD` or `BTC`. */
    code: string({ max: 12, pattern: /^[A-Z0-9]{2,12}$/, describe: 'a currency code such as USD or BTC' }),
    /** Digits after the decimal point (0–18). */
    decimals: integer(0, 18),
    /** Display symbol, e.g. `$`; absent when Grid sent none. */
    symbol: optional(string({ max: 8 })),
    /** Full name; absent when Grid sent none. */
    name: optional(string({ max: 64 })),
  }),
});
/** An amount as Grid sends it: an integer of the currency's smallest unit, with the currency's `decimals`. */
export interface DisplayAmount extends Sent<typeof displayAmountFields> {}
/** A DisplayAmount as validated. (Both named, so the types built from them show the names.) */
interface ParsedDisplayAmount extends Parsed<typeof displayAmountFields> {}
const displayAmount: Validator<ParsedDisplayAmount, DisplayAmount> = displayAmountFields;

const signDisplayFields = object({
  /** A payment the signature releases (from a Grid quote); absent when not a payment. */
  payment: optional(
    object({
      /** What leaves the wallet, fees included (Grid: totalSendingAmount). */
      sending: displayAmount,
      /** What the recipient gets (Grid: totalReceivingAmount). */
      receiving: optional(displayAmount),
      /** The fees included in `sending` (Grid: feesIncluded). */
      fee: optional(displayAmount),
      /** Who receives it, in the site's words (an UMA address, an account label). */
      destination: optional(string({ max: 256 })),
      /** RFC 3339: when the quote stops being executable. */
      expiresAt: optional(timestamp),
      /** The Grid quote's id. */
      quoteId: optional(opaqueId),
    }),
  ),
  /** The email address being replaced, shown beside the new one. */
  currentEmail: optional(string({ max: 320 })),
  /** The phone number being replaced, shown beside the new one. */
  currentPhoneNumber: optional(string({ max: 32 })),
  /** The card a delegated key is for (its name or id). */
  card: optional(string({ max: 100 })),
  /** The wallet privacy setting the payload applies: true turns it on. */
  walletPrivacy: optional(boolean),
});
/**
 * `grid_signPayload`'s `display`: what the site says about a signature request
 * (what a transaction pays, from a Grid quote; the address being replaced; the
 * card a delegated key is for; the privacy setting a raw payload applies). The
 * wallet cannot check it against the payload, so the approval window shows it
 * beside the payload as the site's claim, never as verified.
 */
export interface SignDisplay extends Sent<typeof signDisplayFields> {}
/** A SignDisplay as validated (its `expiresAt` in epoch ms). */
interface ParsedSignDisplay extends Parsed<typeof signDisplayFields> {}
const signDisplay: Validator<ParsedSignDisplay, SignDisplay> = signDisplayFields;

/**
 * The methods, each with the rule for its params. The types of the params
 * (MethodParams, ParamsOf) are read off these validators, so a field's doc
 * comment here is what an integrator sees.
 */
export const METHODS = {
  /** No params. */
  wallet_connect: { needsConnection: false, validate: noParams },
  /** No params. */
  wallet_disconnect: { needsConnection: false, validate: noParams },
  /** No params. */
  wallet_status: { needsConnection: false, validate: noParams },
  /** No params. */
  grid_createClientKey: { needsConnection: true, validate: noParams },
  /** What the code prompt shows and, for the current Grid flow, what the code is sealed to. */
  grid_collectOtp: {
    needsConnection: true,
    validate: withRule(
      params({
        /** The credential (or SCA challenge) the code is for, as Grid names it. */
        credentialId: opaqueId,
        /** Where the code was sent (e.g. a masked email or phone number), shown in the prompt. */
        destination: optional(string({ max: 320 })),
        /** How the code was sent; `EMAIL` when absent. */
        channel: optional(oneOf(OTP_CHANNELS)),
        /** The number of characters the code has (4–12), when known. */
        length: optional(integer(4, 12)),
        /** RFC 3339, or Unix seconds (Authsignal). */
        expiresAt: optional(timestampOrUnixSeconds),
        /** Grid's `otpEncryptionTargetBundle`: seal the code to Grid's enclave; absent to return the plaintext code. */
        otpEncryptionTargetBundle: optional(string({ max: 8192 })),
        /** The client key whose public key is sealed with the code; required with `otpEncryptionTargetBundle`. */
        clientKeyId: optional(opaqueId),
        /** Codes may contain letters (Grid's `alphanumeric` OTP setting); digits only by default. */
        alphanumeric: optional(boolean),
      }),
      (parsed, field) => {
        if (parsed.otpEncryptionTargetBundle !== undefined && parsed.clientKeyId === undefined) {
          throw errors.invalidParams(
            `${field}.clientKeyId`,
            'is required with otpEncryptionTargetBundle (its public key is sealed with the code)',
          );
        }
      },
    ),
  },
  /** A Grid AuthSession to keep, and the client key it was issued to. */
  grid_openSession: {
    needsConnection: true,
    validate: params({
      /** The client key the session was issued to; it is spent. */
      clientKeyId: opaqueId,
      /** The internal account the session signs for. */
      accountId,
      /** RFC 3339, in the future and at most 24 hours ahead (Grid's AuthSession `expiresAt`). */
      expiresAt: timestamp,
      /** Grid's AuthSession id; `local_<uuid>` when absent. */
      sessionId: optional(opaqueId),
      /** For a passkey session, its WebAuthn credential id (AuthSession `credentialId`): base64url, which may begin with `-` or `_`. */
      credentialId: optional(credentialRef),
      /** The type of that credential. */
      type: optional(oneOf(CREDENTIAL_TYPES)),
      /** A name for the session, shown in the extension. */
      nickname: optional(string({ max: 256 })),
      /** Legacy flow: Grid's sealed session key (base58check), opened with the client key; absent when the client key becomes the session key. */
      encryptedSessionSigningKey: optional(string({ max: 512, pattern: /^[1-9A-HJ-NP-Za-km-z]+$/, describe: 'base58check' })),
    }),
  },
  /** No params. */
  grid_listSessions: { needsConnection: true, validate: noParams },
  /**
   * The payload to stamp and the key to stamp it with: exactly one of `sessionId` (an active
   * session of this site) and `clientKeyId` (a client key of this site, before it becomes a session key).
   */
  grid_signPayload: {
    needsConnection: true,
    validate: exactlyOne(
      ['sessionId', 'clientKeyId'],
      params({
        /** An active session of this site. */
        sessionId: optional(opaqueId),
        /** A client key of this site (before it becomes a session key). */
        clientKeyId: optional(opaqueId),
        /** Grid's `payloadToSign`, as it came (at most 64 KiB). */
        payloadToSign: string({ max: MAX_PAYLOAD_BYTES }),
        /** A short line the page adds to the prompt (at most 280 bytes). */
        summary: optional(string({ max: 280 })),
        /** What the site says the request means (a payment, the old email, the card…); the approval window shows it as the site's claim. */
        display: optional(signDisplay),
      }),
    ),
  },
  /** The session to forget. */
  grid_endSession: {
    needsConnection: true,
    validate: params({
      /** Its id, as in SessionInfo. */
      sessionId: opaqueId,
    }),
  },
  /** The passkey to create for an account. */
  grid_registerPasskey: {
    needsConnection: true,
    // The WebAuthn `user.id` is chosen by the extension, not the page:
    // `passkeyUserHandle(origin, accountId)` (packages/core/src/passkeyUser.ts), which binds the
    // passkey to this site. Every grid_getPasskeyAssertion checks the authenticator's
    // user handle against it, so a passkey (also one synced from another browser) answers
    // only the site that made it; another site's passkey answers 4404 like an unknown one.
    // `user.id` is still accepted for compatibility and ignored.
    validate: params({
      /** The internal account the passkey will sign in to. */
      accountId,
      /** The passkey's name: letters, digits, spaces and . _ - ' ( ), at most 100 characters. */
      nickname: passkeyNickname,
      /** The WebAuthn challenge, base64url, from the integrator's backend (random, single use). */
      challenge: base64url(1024),
      /** The WebAuthn user the passkey is created for. */
      user: object({
        /** Ignored: the extension derives the WebAuthn user handle from the site. */
        id: optional(base64url(64)),
        /** The user's account name, e.g. an email (at most 256 bytes). */
        name: string({ max: 256 }),
        /** The name shown in the passkey dialog (at most 256 bytes). */
        displayName: string({ max: 256 }),
      }),
      /**
       * The relying party shown in the passkey dialog; the extension's default name when absent.
       * No `id`: the RP ID is the site's registrable domain, from the browser's sender origin.
       */
      rp: optional(
        object({
          /** The relying party's display name (at most 128 bytes). */
          name: string({ max: 128 }),
        }),
      ),
    }),
  },
  /** The passkey challenge to sign. */
  grid_getPasskeyAssertion: {
    needsConnection: true,
    validate: params({
      /** The passkey's WebAuthn credential id (base64url), from Grid's challenge. */
      credentialId: base64url(1024),
      /** Grid's passkey `challenge`, as it came. */
      challenge: string({ max: 1024 }),
    }),
  },
  /** No params. */
  grid_createExportKey: { needsConnection: true, validate: noParams },
  /** Grid's 200 `encryptedWalletCredentials`, relayed as it came; the extension opens it in its own window. */
  grid_showWalletExport: {
    needsConnection: true,
    validate: params({
      /** The export key from `grid_createExportKey` that the export was sealed to. */
      exportKeyId: opaqueId,
      /** Grid's sealed wallet credentials. */
      encryptedWalletCredentials: string({ max: 8192 }),
    }),
  },
} as const satisfies Record<string, { needsConnection: boolean; validate: Validator<unknown, unknown> }>;

/** The name of a page-reachable protocol method, e.g. `grid_signPayload`. */
export type MethodName = keyof typeof METHODS;
/** A method's params after validation (timestamps as Unix milliseconds). */
export type ParamsOf<M extends MethodName> = Parsed<(typeof METHODS)[M]['validate']>;

/** The params a page sends (timestamps as strings), for the SDK's typed wrappers; read off the validators in METHODS. */
export interface MethodParams extends SentParams {}
type SentParams = { -readonly [M in keyof typeof METHODS]: Sent<(typeof METHODS)[M]['validate']> };

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
