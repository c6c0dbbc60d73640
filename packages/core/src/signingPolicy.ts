import { foldKey, type PayloadKind } from './payload.ts';
import type { Caution, SigningDecision } from './signingDecision.ts';

/**
 * The one rule for what a signature request needs: refused outright, asked
 * with or without a red warning, or signed unprompted under a payments grant or
 * the OTP flow's one free signature. Pure: the background supplies which keys
 * it holds for the requesting origin; the background and the approval window
 * both act on the decision (./signingDecision.ts). docs/security-model.md
 * (3.4 to 3.6) explains each part.
 */

export interface SigningContext {
  /** The key that would sign: a session key, or a client key (the OTP flow's TEK). */
  signer: { kind: 'session' | 'client-key'; id: string };
  /**
   * Whether this extension holds a public key (SEC1 hex, either form) for the requesting origin: heldKeyTest
   * (p256.ts) over its keys. Asked only about keys the payload names, so a payload that names none needs no curve code.
   */
  holds: (publicKeyHex: string) => boolean;
}

interface HarmlessKind {
  /** Every parameter Grid sends for it, spelled exactly: any other field makes the payload unfamiliar. */
  fields: readonly string[];
  required: readonly string[];
  /** Whether a payments grant signs it without asking, and whether its prompt offers that grant. */
  grant?: 'covered' | 'offered';
}

/**
 * The allow-list: the only activity kinds shown without a red warning, each
 * only with exactly the parameters Grid sends. None of them hands out a way
 * into the wallet; every other kind, known or not, is warned.
 */
const HARMLESS: Record<string, HarmlessKind> = {
  // Grid's payment body (`POST /quotes/{id}/execute`, PaymentEmbeddedWalletInfo.payloadToSign): what a grant is for.
  ACTIVITY_TYPE_SIGN_TRANSACTION_V2: {
    fields: ['signWith', 'unsignedTransaction', 'type'],
    required: ['signWith', 'unsignedTransaction'],
    grant: 'offered',
  },
  // Grid's sign-out (`DELETE /auth/sessions/{id}`): ends sessions and gives no one anything. Never under a
  // grant: which session it ends cannot be checked (a session's id is only the page's label for it).
  ACTIVITY_TYPE_DELETE_API_KEYS: { fields: ['apiKeyIds', 'userId'], required: ['apiKeyIds'] },
  // Grid's refresh (`POST /auth/sessions/{id}/refresh`): a new session for a key the extension holds
  // (every named key is checked below), so the page's payments keep working under the grant.
  ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2: {
    fields: ['apiKeyName', 'expirationSeconds', 'targetPublicKey', 'userId'],
    required: ['targetPublicKey'],
    grant: 'covered',
  },
};

/**
 * Activities that issue a session, an API key or a login to the key they
 * name (known and future versions): they must name one, and it must be ours.
 */
const ISSUES_SESSION_OR_KEY = /^ACTIVITY_TYPE_(CREATE_[A-Z0-9_]*(SESSION|API_KEY)|[A-Z0-9_]*_LOGIN|(EMAIL_AUTH|OTP_AUTH|OAUTH)(_V\d+)?$)/;
/**
 * The only kinds that may name a key we do not hold, always with a red warning:
 * an export (its target must be this site's export key, checked in
 * background/methods/walletExport.ts) and a user for Grid's delegated card key,
 * which the extension cannot tell from any other key.
 */
const MAY_NAME_FOREIGN_KEY = /^ACTIVITY_TYPE_(EXPORT_|CREATE_USERS(_V\d+)?$)/;
const ADDS_CREDENTIAL = /^ACTIVITY_TYPE_CREATE_(AUTHENTICATORS|OAUTH_PROVIDERS)(_V\d+)?$/;
/** Fields that carry a new sign-in (a passkey, an OAuth identity), in any activity. */
const CREDENTIAL_FIELDS = ['authenticators', 'oauthProviders', 'attestation', 'oidcToken'];
const REMOVES_CREDENTIAL = /^ACTIVITY_TYPE_DELETE_(AUTHENTICATORS|OAUTH_PROVIDERS|USERS)(_V\d+)?$/;
/** A policy can let another key (Grid's delegated key for a card) sign for the wallet. */
const DELEGATES_SIGNING = /^ACTIVITY_TYPE_(CREATE|UPDATE)_POLIC(Y|IES)(_V\d+)?$/;
const SIGNS_RAW = /^ACTIVITY_TYPE_SIGN_RAW_PAYLOADS?(_V\d+)?$/;
/** The sign-in contact each update sets; setting it to nothing (or leaving it out) removes that credential. */
const CHANGES_CONTACT: Array<[RegExp, string]> = [
  [/^ACTIVITY_TYPE_UPDATE_USER_EMAIL(_V\d+)?$/, 'userEmail'],
  [/^ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER(_V\d+)?$/, 'userPhoneNumber'],
];
/** Fields that set where sign-in codes go, in any activity (`UPDATE_USER`, `CREATE_USERS_V3`, …). */
const CONTACT_FIELDS = ['userEmail', 'userPhoneNumber'];

/** Calls `visit` for every field at any depth, with its name as a server would match it (foldKey). */
function walkFields(value: unknown, visit: (foldedName: string, inner: unknown) => 'stop' | undefined): void {
  if (Array.isArray(value)) for (const item of value) walkFields(item, visit);
  else if (typeof value === 'object' && value !== null) {
    for (const [name, inner] of Object.entries(value)) if (visit(foldKey(name), inner) !== 'stop') walkFields(inner, visit);
  }
}

/**
 * Every public key a payload names, at any depth: the values of fields whose
 * name, however spelled (`targetPublicKey`, `target_public_key`,
 * `apiKeys[].publicKey`, …), contains "publicKey". A non-string value is kept,
 * so it is never "held".
 */
export function namedPublicKeys(payload: PayloadKind): unknown[] {
  if (payload.kind !== 'activity') return [];
  const found: unknown[] = [];
  walkFields(payload.parameters, (name, inner) => {
    if (!name.includes('publickey')) return undefined;
    found.push(inner);
    return 'stop';
  });
  return found;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** True when some field, at any depth, is one of `names` (however spelled) and not empty. */
function setsAnyOf(parameters: Record<string, unknown>, names: readonly string[]): boolean {
  const wanted = new Set(names.map(foldKey));
  let found = false;
  walkFields(parameters, (name, inner) => {
    if (wanted.has(name) && !isEmpty(inner)) found = true;
    return undefined;
  });
  return found;
}

function allHeld(keys: unknown[], holds: SigningContext['holds']): boolean {
  return keys.every((key) => typeof key === 'string' && holds(key));
}

/** The allow-list entry that fits, or undefined: a known kind with an unknown, misspelt or missing field does not. */
function harmlessKind(activityType: string, parameters: Record<string, unknown>): HarmlessKind | undefined {
  const kind = HARMLESS[activityType];
  const names = Object.keys(parameters);
  const fits = kind && names.every((name) => kind.fields.includes(name)) && kind.required.every((name) => names.includes(name));
  return fits ? kind : undefined;
}

/** The red warning for an activity outside the allow-list: the most specific reason it may hand over control. */
function cautionOf(activityType: string, parameters: Record<string, unknown>, foreignKey: boolean): Caution {
  if (activityType.startsWith('ACTIVITY_TYPE_EXPORT_')) return 'exports-wallet';
  if (REMOVES_CREDENTIAL.test(activityType)) return 'removes-credential';
  if (ADDS_CREDENTIAL.test(activityType) || setsAnyOf(parameters, CREDENTIAL_FIELDS)) return 'adds-credential';
  const contact = CHANGES_CONTACT.find(([type]) => type.test(activityType));
  if (contact) return isEmpty(parameters[contact[1]]) ? 'removes-credential' : 'changes-contact';
  if (setsAnyOf(parameters, CONTACT_FIELDS)) return 'changes-contact';
  if (DELEGATES_SIGNING.test(activityType)) return 'delegates-signing';
  if (foreignKey) return 'gives-key-away';
  if (SIGNS_RAW.test(activityType)) return 'signs-raw-data';
  return 'unfamiliar';
}

export function decideSigning(payload: PayloadKind, context: SigningContext): SigningDecision {
  const bySession = context.signer.kind === 'session';
  if (payload.kind === 'unreadable') return { verdict: 'ask', caution: 'unreadable' };
  // The OTP flow's verification token, signed by the client key whose code the user just typed.
  if (payload.kind === 'jwt') return bySession ? { verdict: 'ask' } : { verdict: 'ask', unprompted: 'otp' };

  const { activityType, parameters } = payload;
  const keys = namedPublicKeys(payload);
  const foreignKey = !allHeld(keys, context.holds);
  // Whatever its type is called, naming a key we do not hold would give that key power over the wallet.
  if (foreignKey && !MAY_NAME_FOREIGN_KEY.test(activityType)) return { verdict: 'refuse', reason: 'key_not_held' };
  if (keys.length === 0 && ISSUES_SESSION_OR_KEY.test(activityType)) return { verdict: 'refuse', reason: 'key_not_held' };

  const harmless = harmlessKind(activityType, parameters);
  if (!harmless) return { verdict: 'ask', caution: cautionOf(activityType, parameters, foreignKey) };
  if (!bySession || !harmless.grant) return { verdict: 'ask' };
  return harmless.grant === 'offered'
    ? { verdict: 'ask', unprompted: 'payments', offers: 'payments' }
    : { verdict: 'ask', unprompted: 'payments' };
}
