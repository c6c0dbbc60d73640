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

/** An amount as Grid sends it: an integer of the currency's smallest unit, with the currency's `decimals`. */
export interface DisplayAmount {
  /** Integer in the currency's smallest unit. */
  amount: number;
  /**
   * The currency the amount is in.
   * - `code`: currency code, 2–12 capitals or digits, e.g. `USD` or `BTC`.
   * - `decimals`: digits after the decimal point (0–18).
   * - `symbol`: display symbol, e.g. `$`; absent when Grid sent none.
   * - `name`: full name; absent when Grid sent none.
   */
  currency: { code: string; decimals: number; symbol?: string; name?: string };
}

/**
 * `grid_signPayload`'s `display`: what the site says about a signature request
 * (what a transaction pays, from a Grid quote; the address being replaced; the
 * card a delegated key is for; the privacy setting a raw payload applies). The
 * wallet cannot check it against the payload, so the approval window shows it
 * beside the payload as the site's claim, never as verified.
 */
export interface SignDisplay {
  /** A payment the signature releases (from a Grid quote); absent when not a payment. */
  payment?: {
    /** What leaves the wallet, fees included (Grid: totalSendingAmount). */
    sending: DisplayAmount;
    /** What the recipient gets (Grid: totalReceivingAmount). */
    receiving?: DisplayAmount;
    /** The fees included in `sending` (Grid: feesIncluded). */
    fee?: DisplayAmount;
    /** Who receives it, in the site's words (an UMA address, an account label). */
    destination?: string;
    /** RFC 3339: when the quote stops being executable. */
    expiresAt?: string;
    /** The Grid quote's id. */
    quoteId?: string;
  };
  /** The email address being replaced, shown beside the new one. */
  currentEmail?: string;
  /** The phone number being replaced, shown beside the new one. */
  currentPhoneNumber?: string;
  /** The card a delegated key is for (its name or id). */
  card?: string;
  /** The wallet privacy setting the payload applies: true turns it on. */
  walletPrivacy?: boolean;
}

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

/** What `window.gridWallet` offers a page (EIP-1193 in shape). */
export interface GridWalletProvider {
  readonly isGridWallet: true;
  readonly version: string;
  request<M extends import('./methods.ts').MethodName>(args: {
    method: M;
    params?: import('./methods.ts').MethodParams[M];
  }): Promise<import('./methods.ts').MethodResults[M]>;
  on<E extends EventName>(event: E, listener: (data: EventMap[E]) => void): void;
  removeListener<E extends EventName>(event: E, listener: (data: EventMap[E]) => void): void;
}

/** `detail` of the `grid-wallet:announceProvider` event (EIP-6963 style). */
export interface ProviderAnnouncement {
  info: { uuid: string; name: string; icon: string; rdns: string };
  provider: GridWalletProvider;
}
