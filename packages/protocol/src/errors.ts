import type { StorageTroubleReason } from './storageTrouble.ts';

/**
 * Error codes of the page protocol (docs/protocol.md), EIP-1193 numbering where one exists.
 * `ProviderError` is what the background throws, the bridge carries and the SDK re-throws.
 */
export const ErrorCode = {
  /** 4001: the user declined or closed the prompt (or declined this site's connect recently). */
  userRejected: 4001,
  /** 4100: the site is not connected (or was disconnected while waiting), or a payload would give the site a key of its own. */
  unauthorized: 4100,
  /** 4200: no such method. */
  unsupportedMethod: 4200,
  /** 4404: the client key, session, export key or passkey is unknown, used, expired or replaced (`data.reason` says which). */
  notFound: 4404,
  /** 4408: the user did not answer the prompt in time. */
  promptTimedOut: 4408,
  /** 4422: a sealed bundle from Grid did not open with the key it was meant for. */
  bundleDidNotOpen: 4422,
  /** 4900: the extension is not installed, not enabled, or was reloaded (reload the page). */
  unavailable: 4900,
  /** -32002: an identical request, or too many requests, already wait for the user; or the site holds too many unused keys. */
  alreadyPending: -32002,
  /** -32602: invalid params; `data.field` names the field. */
  invalidParams: -32602,
  /** -32603: an internal error in the extension (no detail is given), or storage trouble (`data.reason` says which; retry later). */
  internal: -32603,
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Why a client key or session answers 4404. */
export type NotFoundReason = 'not_found' | 'used' | 'expired' | 'replaced';

/** An error as it crosses from the extension to the page. */
export interface ErrorPayload {
  /** The protocol error code. */
  readonly code: ErrorCode;
  /** A human-readable explanation, safe to show. */
  readonly message: string;
  /** Extra detail, such as `{field}` or `{reason}`; absent when none. */
  readonly data?: Record<string, unknown>;
}

/** An error the extension answers a page with; it keeps its code and message across the bridge. */
export class ProviderError extends Error implements ErrorPayload {
  /** Always `'ProviderError'`. */
  override readonly name = 'ProviderError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The plain object that crosses to the page (no `data` key when there is none). */
  toPayload(): ErrorPayload {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

const CODES = new Set<number>(Object.values(ErrorCode));

/** Whether `value` looks like an error the extension sent: a known numeric code and a string message. */
export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'number' && CODES.has(code) && typeof message === 'string';
}

/**
 * What leaves the extension when something fails. Only ProviderErrors keep their
 * message; anything else (a WebCrypto or IndexedDB error, a bug) becomes a generic
 * -32603 so no internal detail, and never key material, reaches a page.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof ProviderError) return error.toPayload();
  return { code: ErrorCode.internal, message: 'Internal error in the wallet extension' };
}

/** Factories for every ProviderError the extension throws, with their standard messages. */
const STORAGE_TROUBLE_MESSAGES: Record<StorageTroubleReason, string> = {
  'storage-full': "The wallet's storage is full, so nothing was stored or signed; free some disk space and retry",
  'upgrade-blocked': 'The wallet is updating its storage and another wallet window still runs the old version; close that window and retry',
  'damaged-record': 'A record the wallet stored for this request is damaged and was not used; nothing was signed',
};

export const errors = {
  userRejected: (message = 'The user rejected the request') => new ProviderError(ErrorCode.userRejected, message),
  unauthorized: (message = 'This site is not connected to the wallet; call wallet_connect first') =>
    new ProviderError(ErrorCode.unauthorized, message),
  unsupportedMethod: (method: string) => new ProviderError(ErrorCode.unsupportedMethod, `Unknown method: ${method.slice(0, 64)}`),
  notFound: (what: 'client key' | 'session' | 'export key', reason: NotFoundReason) =>
    new ProviderError(ErrorCode.notFound, `The ${what} was not found, was already used, or has expired`, { reason }),
  /**
   * A passkey that is not the asking site's: made here for another site, or (after the
   * ceremony) carrying another site's user handle or none. One answer for all, so a site
   * learns nothing about passkeys of other sites from it.
   */
  passkeyNotFound: () =>
    new ProviderError(ErrorCode.notFound, 'No passkey of this site has this credentialId', {
      reason: 'not_found' satisfies NotFoundReason,
    }),
  /** A site with no domain (an IP address) can have no passkey: WebAuthn's RP ID is a domain. */
  passkeysNeedDomain: () =>
    new ProviderError(ErrorCode.unsupportedMethod, 'Passkeys need a site with a domain name (https, or http://localhost)'),
  /** For the approval window: the request was answered, timed out or withdrawn meanwhile. */
  noLongerWaiting: () => new ProviderError(ErrorCode.notFound, 'This request is no longer waiting for an answer'),
  /** The key a prompt showed is no longer the one its id names: nothing is signed with another. */
  signerReplaced: () =>
    new ProviderError(ErrorCode.notFound, 'The key shown in the prompt was ended or replaced while it waited; nothing was signed', {
      reason: 'replaced',
    }),
  /** The site was disconnected while its prompt waited. */
  siteDisconnected: () => new ProviderError(ErrorCode.unauthorized, 'This site was disconnected while the request waited'),
  promptTimedOut: () => new ProviderError(ErrorCode.promptTimedOut, 'The request was not answered in time'),
  bundleDidNotOpen: (field: string) =>
    new ProviderError(ErrorCode.bundleDidNotOpen, `${field} did not open with this client key (wrong key, tampered, or wrong format)`, {
      field,
    }),
  unavailable: () => new ProviderError(ErrorCode.unavailable, 'The wallet extension is unavailable; reload the page'),
  alreadyPending: (kind: string) =>
    new ProviderError(ErrorCode.alreadyPending, `An identical ${kind} request from this site is already waiting for the user`),
  tooManyPending: (limit: number) =>
    new ProviderError(ErrorCode.alreadyPending, `This site already has ${limit} requests waiting for the user; wait for an answer first`),
  queueFull: () =>
    new ProviderError(ErrorCode.alreadyPending, 'Too many requests are waiting for the user; try again once some are answered'),
  /** A site asked for another key while it holds as many unused ones (client or export keys) as it may. */
  tooManyUnusedKeys: (what: 'client key' | 'export key', limit: number, ttlMinutes: number) =>
    new ProviderError(
      ErrorCode.alreadyPending,
      `This site already holds ${limit} unused ${what}s, the most it may; use one, or wait until they expire (${ttlMinutes} minutes after they were made)`,
      { reason: 'too_many_unused_keys', limit },
    ),
  /** A prompting request while the site is paused (growing back-off after turned-down or abandoned prompts). */
  promptsPaused: () => new ProviderError(ErrorCode.userRejected, "The user rejected or left this site's prompts recently; try again later"),
  /** The wallet's storage failed the request (data.reason says how); nothing was stored or signed, and the request may be retried. */
  storageTrouble: (reason: StorageTroubleReason) => new ProviderError(ErrorCode.internal, STORAGE_TROUBLE_MESSAGES[reason], { reason }),
  invalidParams: (field: string, reason: string) =>
    new ProviderError(ErrorCode.invalidParams, `Invalid params: ${field} ${reason}`, { field }),
  /** A payload creating a session or API key for a key this wallet does not hold for the site: refused, never shown (4100). */
  keyNotHeld: (field: string) =>
    new ProviderError(
      ErrorCode.unauthorized,
      `Refused: ${field} creates a session or API key for a public key this wallet does not hold for this site, so the site would get a key of its own. Create the key with grid_createClientKey.`,
      { field, reason: 'key_not_held' },
    ),
  internal: () => new ProviderError(ErrorCode.internal, 'Internal error in the wallet extension'),
};
