import manifest from '../../../manifest.json' with { type: 'json' };
import { chromeExtensionId, DEVELOPMENT_GECKO_ID, firefoxWebAuthnOrigin, STORE_GECKO_ID } from '@grid-wallet/core/extensionOrigins';
import type { Exchange } from './contract/exchange.ts';

/**
 * Emulator configuration: the options `createEmulator` accepts, their defaults,
 * and the CLI flags `npm run emulator` maps onto them.
 */

export type OtpMode = 'random' | 'sandbox';

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 8787. */
  readonly port?: number;
  /** Session lifetime in seconds. Default 900 (Grid's 15 minutes). */
  readonly sessionTtlSeconds?: number;
  /**
   * `random`: 6-digit codes delivered to the outbox. `sandbox`: Grid sandbox
   * behaviour: every code is 000000 and the literal `sandbox-valid-signature` /
   * `sandbox-valid-passkey-signature` values are accepted.
   */
  readonly otpMode?: OtpMode;
  /**
   * WebAuthn origins accepted for passkeys (clientDataJSON.origin). An entry ending in `:*`
   * accepts any port (`http://localhost:*`). Replaces the defaults when given. The defaults
   * are the extension's origins only: a page's own origin is refused, as a relying party for
   * the extension's customers should (docs/security-model.md §3.9).
   */
  readonly webauthnOrigins?: readonly string[];
  /**
   * The RP ID the project's passkeys are created under: the integrator's registrable domain
   * (default `localhost`). Passkeys an extension created under its own origin before site
   * RP IDs (`chrome-extension://<id>` as RP ID) are accepted too.
   */
  readonly passkeyRpId?: string;
  /** Grid API token for HTTP Basic auth. */
  readonly apiToken?: { readonly id: string; readonly secret: string };
  /** Authsignal secret key (Basic user name, empty password). */
  readonly authsignalSecret?: string;
  /**
   * Accept the plaintext-OTP seed flow, `POST /auth/credentials/{id}/verify` with
   * `{type, otp, clientPublicKey}`, which Grid removed from its API on 2026-06-04.
   * Off by default (such a body is then 400); the demo turns it on for its seed flow.
   */
  readonly legacyPlaintextOtp?: boolean;
  /** Receives one line per request (method, path, status, time); silent when absent. */
  readonly log?: (line: string) => void;
  /** Sees every request and its answer after it is sent (the contract recorder in tests). */
  readonly onExchange?: (exchange: Exchange) => void;
}

type Observers = 'log' | 'onExchange';
export type ResolvedOptions = Required<Omit<EmulatorOptions, Observers>> & Pick<EmulatorOptions, Observers>;

/** The Chrome development build's origin: its id is pinned by the manifest `key`. */
export const EXTENSION_ORIGIN = `chrome-extension://${chromeExtensionId(manifest.key)}`;
/** The Firefox builds' WebAuthn origins (each follows from its add-on id alone): the development build's, then the store add-on's. */
export const FIREFOX_WEBAUTHN_ORIGIN = firefoxWebAuthnOrigin(DEVELOPMENT_GECKO_ID);
export const FIREFOX_STORE_WEBAUTHN_ORIGIN = firefoxWebAuthnOrigin(STORE_GECKO_ID);

export const DEFAULTS = {
  port: 8787,
  sessionTtlSeconds: 900,
  otpMode: 'random',
  webauthnOrigins: [EXTENSION_ORIGIN, FIREFOX_WEBAUTHN_ORIGIN, FIREFOX_STORE_WEBAUTHN_ORIGIN],
  passkeyRpId: 'localhost',
  apiToken: { id: 'emulator-token', secret: 'emulator-secret' },
  authsignalSecret: 'emulator-authsignal-secret',
  legacyPlaintextOtp: false,
} as const satisfies ResolvedOptions;

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? DEFAULTS.port,
    sessionTtlSeconds: options.sessionTtlSeconds ?? DEFAULTS.sessionTtlSeconds,
    otpMode: options.otpMode ?? DEFAULTS.otpMode,
    webauthnOrigins: options.webauthnOrigins ?? DEFAULTS.webauthnOrigins,
    passkeyRpId: options.passkeyRpId ?? DEFAULTS.passkeyRpId,
    apiToken: options.apiToken ?? DEFAULTS.apiToken,
    authsignalSecret: options.authsignalSecret ?? DEFAULTS.authsignalSecret,
    legacyPlaintextOtp: options.legacyPlaintextOtp ?? DEFAULTS.legacyPlaintextOtp,
    log: options.log,
    onExchange: options.onExchange,
  };
}

export const USAGE = `Usage: grid-emulator [flags]     (in its repository: npm run emulator -- [flags])

  --port <n>                 TCP port on 127.0.0.1 (default ${DEFAULTS.port}; 0 = random)
  --session-ttl <seconds>    session lifetime (default ${DEFAULTS.sessionTtlSeconds})
  --otp-mode random|sandbox  random codes to the outbox, or always 000000 (default ${DEFAULTS.otpMode})
  --webauthn-origin <origin> accepted passkey origin, repeatable; ":*" = any port
                             (default the extension's: ${DEFAULTS.webauthnOrigins.join(' and ')})
  --passkey-rp-id <domain>   the RP ID passkeys are created under (default ${DEFAULTS.passkeyRpId})
  --api-token <id:secret>    Grid Basic-auth token (default ${DEFAULTS.apiToken.id}:${DEFAULTS.apiToken.secret})
  --authsignal-secret <key>  Authsignal secret key (default ${DEFAULTS.authsignalSecret})
  --legacy-plaintext-otp     also accept the removed plaintext-OTP verify {type, otp, clientPublicKey}
  --keep-running             keep running after the process that started it ends
                             (by default it stops then, and when its stdin is a pipe that closes)
  --help                     show this text`;

export class UsageError extends Error {}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}`);
  return value;
}

/** What the bin takes: the options, and how it treats the process that started it (owner.ts). */
export interface CliFlags extends EmulatorOptions {
  readonly keepRunning?: boolean;
}

/** Parses CLI flags (`--flag value` or `--flag=value`). Throws UsageError on anything unknown. */
export function parseCliFlags(argv: readonly string[]): CliFlags | 'help' {
  const options: { -readonly [K in keyof CliFlags]: CliFlags[K] } = {};
  const origins: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`);
      return next;
    };
    const on = (): true => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
      return true;
    };
    switch (flag) {
      case '--port':
        options.port = integer(flag, value(), 0, 65535);
        break;
      case '--session-ttl':
        options.sessionTtlSeconds = integer(flag, value(), 1, 30 * 24 * 3600);
        break;
      case '--otp-mode': {
        const mode = value();
        if (mode !== 'random' && mode !== 'sandbox') throw new UsageError('--otp-mode must be random or sandbox');
        options.otpMode = mode;
        break;
      }
      case '--webauthn-origin': {
        const origin = value();
        // scheme://host[:port|:*] and nothing else: WebAuthn compares origins as exact strings.
        if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s:]+(:(\d+|\*))?$/i.test(origin))
          throw new UsageError(`--webauthn-origin ${origin} is not an origin`);
        origins.push(origin);
        break;
      }
      case '--passkey-rp-id':
        options.passkeyRpId = value();
        break;
      case '--api-token': {
        const token = value();
        const colon = token.indexOf(':');
        if (colon <= 0 || colon === token.length - 1) throw new UsageError('--api-token must be id:secret');
        options.apiToken = { id: token.slice(0, colon), secret: token.slice(colon + 1) };
        break;
      }
      case '--authsignal-secret':
        options.authsignalSecret = value();
        break;
      case '--legacy-plaintext-otp':
        options.legacyPlaintextOtp = on();
        break;
      case '--keep-running':
        options.keepRunning = on();
        break;
      default:
        throw new UsageError(`unknown flag ${arg}`);
    }
  }
  if (origins.length > 0) options.webauthnOrigins = origins;
  return options;
}
