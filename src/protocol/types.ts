/** Result shapes of the page protocol (DESIGN §3). */

export type CredentialType = 'EMAIL_OTP' | 'SMS_OTP' | 'OAUTH' | 'PASSKEY';
export const CREDENTIAL_TYPES: readonly CredentialType[] = ['EMAIL_OTP', 'SMS_OTP', 'OAUTH', 'PASSKEY'];

export type OtpChannel = 'EMAIL' | 'SMS' | 'WHATSAPP';
export const OTP_CHANNELS: readonly OtpChannel[] = ['EMAIL', 'SMS', 'WHATSAPP'];

export interface SessionInfo {
  sessionId: string;
  accountId: string;
  credentialId?: string;
  type?: CredentialType;
  nickname?: string;
  /** Compressed SEC1 hex of the session signing key (66 hex digits). */
  publicKey: string;
  /** RFC 3339. */
  expiresAt: string;
}

export interface ConnectResult {
  origin: string;
  version: string;
}

/** A passkey this browser created for the site (its WebAuthn credential id, base64url). */
export interface PasskeyInfo {
  credentialId: string;
  accountId: string;
  nickname: string;
}

export interface StatusResult {
  connected: boolean;
  version: string;
  /** Present only when the origin is connected. */
  sessions?: SessionInfo[];
  /**
   * Present only when connected: the passkeys this browser created for this site,
   * so a sign-in can offer only passkeys that can work here (DESIGN §6).
   */
  passkeys?: PasskeyInfo[];
}

export interface ClientKeyResult {
  clientKeyId: string;
  /** Uncompressed SEC1 hex, 130 digits starting 04. */
  publicKey: string;
  /** Compressed SEC1 hex, 66 digits starting 02 or 03. */
  compressedPublicKey: string;
}

/** A wallet-export key the extension made; send `publicKey` as the export's `clientPublicKey`. */
export interface ExportKeyResult {
  exportKeyId: string;
  /** Uncompressed SEC1 hex, 130 digits starting 04 (Grid's export takes only this form). */
  publicKey: string;
}

/** All a page learns of an export: the user was shown the phrase in the extension and closed it. */
export interface ExportShownResult {
  shown: true;
}

export type OtpResult = { encryptedOtpBundle: string } | { otp: string } | { resend: true };

/** An amount as Grid sends it: an integer of the currency's smallest unit, with the currency's `decimals`. */
export interface DisplayAmount {
  amount: number;
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
  payment?: {
    /** What leaves the wallet, fees included (Grid: totalSendingAmount). */
    sending: DisplayAmount;
    /** What the recipient gets (Grid: totalReceivingAmount). */
    receiving?: DisplayAmount;
    fee?: DisplayAmount;
    /** Who receives it, in the site's words (an UMA address, an account label). */
    destination?: string;
    /** RFC 3339: when the quote stops being executable. */
    expiresAt?: string;
    quoteId?: string;
  };
  currentEmail?: string;
  currentPhoneNumber?: string;
  card?: string;
  walletPrivacy?: boolean;
}

export interface SignResult {
  /** The complete `Grid-Wallet-Signature` header value. */
  signature: string;
  /** Compressed hex of the key that signed. */
  publicKey: string;
}

export type AuthenticatorTransport = 'usb' | 'nfc' | 'ble' | 'internal' | 'hybrid';

export interface PasskeyRegistrationResult {
  nickname: string;
  challenge: string;
  attestation: {
    credentialId: string;
    clientDataJson: string;
    attestationObject: string;
    transports: AuthenticatorTransport[];
  };
}

export interface PasskeyAssertionResult {
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
  sessionsChanged: { sessions: SessionInfo[] };
  disconnected: Record<string, never>;
}
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
