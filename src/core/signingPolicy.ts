import { bytesToHex } from './hex.ts';
import { compressPublicKey, publicKeyFromHex } from './p256.ts';
import { foldKey, type PayloadKind } from './payload.ts';
import type { Caution, SigningDecision } from './signingDecision.ts';

/**
 * The one rule for what a signature request needs (issue 9): refused outright,
 * asked with or without a red warning, or signed unprompted under a standing
 * grant or the OTP flow's one free signature. Pure: the background supplies
 * which keys it holds for the requesting origin; the background and the
 * approval window both act on the decision (./signingDecision.ts).
 */

export interface SigningContext {
  /** The key that would sign: a session key, or a client key (the OTP flow's TEK). */
  signer: { kind: 'session' | 'client-key'; id: string };
  /** Public keys (SEC1 hex, either form) this extension holds for the requesting origin. */
  heldKeys: readonly string[];
}

/**
 * Activities that create a session or an API key (known and future versions),
 * Turnkey's login activities included (each issues a session to the key it
 * names): their target keys must be ours.
 */
const CREATES_SESSION_OR_KEY = /^ACTIVITY_TYPE_(CREATE_[A-Z0-9_]*(SESSION|API_KEY)|(STAMP|OTP|OAUTH)_LOGIN|EMAIL_AUTH)/;
const CREATES_SESSION = /^ACTIVITY_TYPE_CREATE_[A-Z0-9_]*SESSION/;
const ADDS_CREDENTIAL = /^ACTIVITY_TYPE_CREATE_(AUTHENTICATORS|OAUTH_PROVIDERS)(_V\d+)?$/;
const REMOVES_CREDENTIAL = /^ACTIVITY_TYPE_DELETE_(AUTHENTICATORS|OAUTH_PROVIDERS|USERS)(_V\d+)?$/;
/** A signing policy lets another key (Grid's delegated key for a card) sign for the wallet. */
const DELEGATES_SIGNING = /^ACTIVITY_TYPE_CREATE_POLICIES(_V\d+)?$/;
/** The sign-in contact each update sets; setting it to nothing (or leaving it out) removes that credential. */
const CHANGES_CONTACT: Array<[RegExp, string]> = [
  [/^ACTIVITY_TYPE_UPDATE_USER_EMAIL(_V\d+)?$/, 'userEmail'],
  [/^ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER(_V\d+)?$/, 'userPhoneNumber'],
];

/**
 * What a grant may cover: activities that move nothing but what the user
 * granted the site (its payments, its own session), and nothing that adds,
 * removes or hands out a way into the wallet. Everything else asks.
 * - SIGN_TRANSACTION_V2: Grid's payment body (`POST /quotes/{id}/execute`, the
 *   OpenAPI document's `PaymentEmbeddedWalletInfo.payloadToSign`): the payments
 *   a grant is for.
 * - DELETE_API_KEYS of exactly the signing session: signing out this session.
 * - CREATE_*SESSION* whose every target key is one we hold for this site (a
 *   refresh to our own key), checked below with the other key-creating kinds.
 */
const GRANTABLE = new Set(['ACTIVITY_TYPE_SIGN_TRANSACTION_V2']);

/** `04…`/`02…`/`03…` hex as compressed hex, or null when it is not a P-256 point. */
function normaliseKey(hex: string): string | null {
  try {
    return bytesToHex(compressPublicKey(publicKeyFromHex(hex.toLowerCase())));
  } catch {
    return null;
  }
}

/**
 * Every public key a payload names, at any depth: the values of fields whose
 * name (as Go would match it) ends in "publicKey" (`targetPublicKey`,
 * `apiKeys[].publicKey`, …). A non-string value is kept, so it is never "held".
 */
export function namedPublicKeys(payload: PayloadKind): unknown[] {
  if (payload.kind !== 'activity') return [];
  const found: unknown[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (foldKey(key).endsWith('publickey')) found.push(inner);
        else walk(inner);
      }
    }
  };
  walk(payload.parameters);
  return found;
}

function allHeld(keys: unknown[], heldKeys: readonly string[]): boolean {
  const held = new Set(heldKeys.map(normaliseKey));
  return keys.every((key) => typeof key === 'string' && held.has(normaliseKey(key) ?? 'not a key'));
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** Red warnings for activities that change how the wallet is reached; undefined for the rest. */
function cautionOf(activityType: string, parameters: Record<string, unknown>, foreignKey: boolean): Caution | undefined {
  if (activityType.startsWith('ACTIVITY_TYPE_EXPORT_')) return 'exports-wallet';
  if (ADDS_CREDENTIAL.test(activityType)) return 'adds-credential';
  if (REMOVES_CREDENTIAL.test(activityType)) return 'removes-credential';
  if (DELEGATES_SIGNING.test(activityType)) return 'delegates-signing';
  const contact = CHANGES_CONTACT.find(([type]) => type.test(activityType));
  if (contact) return isEmpty(parameters[contact[1]]) ? 'removes-credential' : 'changes-contact';
  // A key we do not hold, outside session and API-key creation (for example a
  // delegated key Grid custodies): the user must see that someone else gets power.
  if (foreignKey) return 'gives-key-away';
  return undefined;
}

export function decideSigning(payload: PayloadKind, context: SigningContext): SigningDecision {
  const bySession = context.signer.kind === 'session';
  if (payload.kind === 'unreadable') return { verdict: 'ask', caution: 'unreadable' };
  // The OTP flow's verification token, signed by the client key whose code the user just typed.
  if (payload.kind === 'jwt') return bySession ? { verdict: 'ask' } : { verdict: 'ask', unprompted: 'otp' };

  const { activityType, parameters } = payload;
  const keys = namedPublicKeys(payload);
  const held = allHeld(keys, context.heldKeys);
  if (CREATES_SESSION_OR_KEY.test(activityType)) {
    if (keys.length === 0 || !held) return { verdict: 'refuse', reason: 'key_not_held' };
    return bySession && CREATES_SESSION.test(activityType) ? { verdict: 'ask', unprompted: 'grant' } : { verdict: 'ask' };
  }
  const caution = cautionOf(activityType, parameters, !held);
  if (caution) return { verdict: 'ask', caution };
  const signsOwnSignOut =
    activityType === 'ACTIVITY_TYPE_DELETE_API_KEYS' &&
    Array.isArray(parameters.apiKeyIds) &&
    parameters.apiKeyIds.length === 1 &&
    parameters.apiKeyIds[0] === context.signer.id;
  return bySession && (GRANTABLE.has(activityType) || signsOwnSignOut) ? { verdict: 'ask', unprompted: 'grant' } : { verdict: 'ask' };
}
