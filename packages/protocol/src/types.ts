/** Result shapes of the page protocol (docs/protocol.md). */

/** The kinds of Grid credential (AuthMethod type). */
export type CredentialType = 'EMAIL_OTP' | 'SMS_OTP' | 'OAUTH' | 'PASSKEY';
/** Every {@link CredentialType}, for validation. */
export const CREDENTIAL_TYPES: readonly CredentialType[] = ['EMAIL_OTP', 'SMS_OTP', 'OAUTH', 'PASSKEY'];

/** Where a one-time code was sent, for the code prompt's wording. */
export type OtpChannel = 'EMAIL' | 'SMS' | 'WHATSAPP';
/** Every {@link OtpChannel}, for validation. */
export const OTP_CHANNELS: readonly OtpChannel[] = ['EMAIL', 'SMS', 'WHATSAPP'];

/** A Grid session whose signing key the extension holds for this site. */
export interface SessionInfo {
  /** Grid's AuthSession id (or `local_<uuid>` when opened without one). */
  sessionId: string;
  /** The internal account (embedded wallet) the session signs for. */
  accountId: string;
  /** The credential that opened the session; absent when the page did not say. */
  credentialId?: string;
  /** The type of that credential; absent when the page did not say. */
  type?: CredentialType;
  /** A human-readable name for the session (Grid's nickname); absent when the page did not say. */
  nickname?: string;
  /** Compressed SEC1 hex of the session signing key (66 hex digits). */
  publicKey: string;
  /** RFC 3339. */
  expiresAt: string;
}

/** `wallet_connect`'s answer. */
export interface ConnectResult {
  /** The origin the extension connected (the page's own). */
  origin: string;
  /** The extension's protocol version. */
  version: string;
}

/** A passkey this browser created for the site (its WebAuthn credential id, base64url). */
export interface PasskeyInfo {
  /** The WebAuthn credential id, base64url. */
  credentialId: string;
  /** The account it was registered for. */
  accountId: string;
  /** The passkey's name. */
  nickname: string;
}

/** `wallet_status`'s answer. */
export interface StatusResult {
  /** Whether this site is connected. */
  connected: boolean;
  /** The extension's protocol version. */
  version: string;
  /** Present only when the origin is connected. */
  sessions?: SessionInfo[];
  /**
   * Present only when connected: the passkeys this browser created for this site,
   * so a sign-in can offer only passkeys that can work here (docs/architecture.md §6).
   */
  passkeys?: PasskeyInfo[];
}

/** A single-use client key the extension made (`grid_createClientKey`). */
export interface ClientKeyResult {
  /** The key's id, to name it in later calls. */
  clientKeyId: string;
  /** Uncompressed SEC1 hex, 130 digits starting 04. */
  publicKey: string;
  /** Compressed SEC1 hex, 66 digits starting 02 or 03. */
  compressedPublicKey: string;
}

/** A wallet-export key the extension made; send `publicKey` as the export's `clientPublicKey`. */
export interface ExportKeyResult {
  /** The key's id, to pass to `grid_showWalletExport`. */
  exportKeyId: string;
  /** Uncompressed SEC1 hex, 130 digits starting 04 (Grid's export takes only this form). */
  publicKey: string;
}

/** All a page learns of an export: the user was shown the phrase in the extension and closed it. */
export interface ExportShownResult {
  /** Always true. */
  shown: true;
}

/** `grid_collectOtp`'s answer: the sealed code, the plaintext code (no target bundle given), or a request for a new code. */
export type OtpResult = { encryptedOtpBundle: string } | { otp: string } | { resend: true };

/** `grid_signPayload`'s answer. */
export interface SignResult {
  /** The complete `Grid-Wallet-Signature` header value. */
  signature: string;
  /** Compressed hex of the key that signed. */
  publicKey: string;
}

/** How an authenticator can be reached (WebAuthn `AuthenticatorTransport`). */
export type AuthenticatorTransport = 'usb' | 'nfc' | 'ble' | 'internal' | 'hybrid';

/** `grid_registerPasskey`'s answer: the body fields of Grid's PASSKEY credential creation. */
export interface PasskeyRegistrationResult {
  /** The passkey's name. */
  nickname: string;
  /** The challenge that was signed, as given. */
  challenge: string;
  /** The WebAuthn attestation, base64url fields. */
  attestation: {
    credentialId: string;
    clientDataJson: string;
    attestationObject: string;
    transports: AuthenticatorTransport[];
  };
}

/** `grid_getPasskeyAssertion`'s answer. */
export interface PasskeyAssertionResult {
  /** The WebAuthn assertion, base64url fields, for Grid's PASSKEY verify body. */
  assertion: {
    credentialId: string;
    clientDataJson: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string;
  };
}

/** Events the extension pushes to connected pages. */
export interface EventMap {
  /**
   * This site's sessions changed (opened, ended, expired).
   * - `sessions`: this site's sessions now.
   */
  sessionsChanged: { sessions: SessionInfo[] };
  /** This site was disconnected (by the user or by `wallet_disconnect`). */
  disconnected: Record<string, never>;
}
/** The name of an event in {@link EventMap}. */
export type EventName = keyof EventMap;
