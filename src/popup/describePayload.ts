import { readPayload } from '@grid-wallet/core/payload';
import type { Caution } from '@grid-wallet/core/signingDecision';
import { formatDateTime, formatDuration, humanise } from './format.ts';
import { type MessageKey, t } from './i18n.ts';
import { revealText, type TextConcern } from './revealText.ts';

/**
 * Turns a `payloadToSign` into what the sign screen shows: a title and the main
 * parameters, or the text itself when the wallet cannot read it. The mapping
 * from Grid's (Turnkey-style) activity types to words lives here; the reading is
 * packages/core/src/payload.ts, and which warning a request carries is decided by
 * packages/core/src/signingPolicy.ts. What is signed is always the exact original string.
 */
export interface PayloadField {
  label: string;
  value: string;
  /** Shown larger (a payment's amount). */
  emphasis?: boolean;
  /** An id or key: monospace, and shortened with the full value in a tooltip. */
  id?: boolean;
  /** What to notice about the value as written (mixed scripts, punycode, hidden characters): ./revealText.ts. */
  notes?: string[];
}

export interface PayloadDescription {
  title: string;
  fields: PayloadField[];
  /** Something the wallet cannot read: say so, and show the text itself. */
  opaque?: string;
  /** A wallet transaction: its amount and recipient are not in anything the wallet can read. */
  transaction?: true;
  /** How many parameters did not fit on screen (they are in the exact text, one click away). */
  hidden?: number;
}

type Params = Record<string, unknown>;

interface ActivitySpec {
  title: MessageKey;
  /** Signs a wallet transaction: what it pays can only be the site's claim. */
  transaction?: true;
  /**
   * The parameters `fields` puts into words, as dotted paths (`*` for any list
   * item; a path covers everything under it); every other one is listed as it is.
   */
  reads: readonly string[];
  fields(params: Params): Array<PayloadField | null>;
}

/** Which requests warrant a red warning is decided once, in packages/core/src/signingPolicy.ts; here only the words. */
const WARNINGS: Record<Exclude<Caution, 'unreadable'>, MessageKey> = {
  'adds-credential': 'warningAddsCredential',
  'removes-credential': 'warningRemovesCredential',
  'changes-contact': 'warningChangesContact',
  'exports-wallet': 'warningExportsWallet',
  'gives-key-away': 'warningGivesKeyAway',
  'delegates-signing': 'warningDelegatesSigning',
  'signs-raw-data': 'warningSignsRawData',
  unfamiliar: 'warningUnfamiliar',
};

/** The red warning's words for a caution; none for `unreadable`, which shows the text itself with its own notice. */
export function cautionWarning(caution: Caution | undefined): string | undefined {
  return caution === undefined || caution === 'unreadable' ? undefined : t(WARNINGS[caution]);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

function noteOf(concern: TextConcern): string {
  switch (concern.kind) {
    case 'mixed-scripts':
      return t('textMixedScripts', concern.scripts.join(', '));
    case 'punycode':
      return t('textPunycode', concern.label);
    case 'hidden-characters':
      return t('textHiddenCharacters');
  }
}

/** A row, its value revealed for what it is; null when there is nothing to show. */
function row(label: string, value: unknown, extra: Omit<PayloadField, 'label' | 'value'> = {}): PayloadField | null {
  const { text: shown, concerns } = revealText(text(value));
  if (shown === '') return null;
  return { label, value: shown, ...extra, ...(concerns.length > 0 && { notes: concerns.map(noteOf) }) };
}

function field(label: MessageKey, value: unknown, extra: Omit<PayloadField, 'label' | 'value'> = {}): PayloadField | null {
  return row(t(label), value, extra);
}

const present = (fields: Array<PayloadField | null>) => fields.filter((f): f is PayloadField => f !== null);

/** `[{providerName:"Google"}, …]` → ["Google", …]. */
function pluck(list: unknown, key: string): string[] {
  return Array.isArray(list) ? list.map((item) => text((item as Params | null)?.[key])).filter(Boolean) : [];
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

const ACTIVITIES: Record<string, ActivitySpec> = {
  ACTIVITY_TYPE_UPDATE_USER_EMAIL: {
    title: 'activityUpdateEmail',
    reads: ['userEmail'],
    fields: (p) => [field('fieldEmail', p.userEmail)],
  },
  ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER: {
    title: 'activityUpdatePhone',
    reads: ['userPhoneNumber'],
    fields: (p) => [field('fieldPhone', p.userPhoneNumber)],
  },
  ACTIVITY_TYPE_CREATE_OAUTH_PROVIDERS: {
    title: 'activityAddOauth',
    reads: ['oauthProviders.*.providerName'],
    fields: (p) => [field('fieldProvider', pluck(p.oauthProviders, 'providerName'))],
  },
  ACTIVITY_TYPE_DELETE_OAUTH_PROVIDERS: {
    title: 'activityRemoveOauth',
    reads: ['providerIds'],
    fields: (p) => [field('fieldProvider', p.providerIds, { id: true })],
  },
  ACTIVITY_TYPE_CREATE_AUTHENTICATORS_V2: {
    title: 'activityAddPasskey',
    reads: ['authenticators.*.authenticatorName'],
    fields: (p) => [field('fieldPasskeyName', pluck(p.authenticators, 'authenticatorName'))],
  },
  ACTIVITY_TYPE_DELETE_AUTHENTICATORS: {
    title: 'activityRemovePasskey',
    reads: ['authenticatorIds'],
    fields: (p) => [field('fieldPasskey', p.authenticatorIds, { id: true })],
  },
  ACTIVITY_TYPE_DELETE_API_KEYS: {
    title: 'activityEndSession',
    reads: ['apiKeyIds'],
    fields: (p) => [field('fieldSession', p.apiKeyIds, { id: true })],
  },
  ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2: {
    title: 'activityCreateSession',
    reads: ['expirationSeconds', 'targetPublicKey'],
    fields: (p) => [
      field(
        'fieldSessionLength',
        Number(p.expirationSeconds) > 0 ? formatDuration(Number(p.expirationSeconds) * 1000) : p.expirationSeconds,
      ),
      field('fieldSessionKey', p.targetPublicKey, { id: true }),
    ],
  },
  ACTIVITY_TYPE_EXPORT_WALLET: {
    title: 'activityExportWallet',
    reads: ['walletId'],
    fields: (p) => [field('fieldWallet', p.walletId, { id: true })],
  },
  ACTIVITY_TYPE_CREATE_USERS_V3: {
    title: 'activityCreateDelegatedKey',
    reads: ['users.*.apiKeys.*.apiKeyName', 'users.*.apiKeys.*.publicKey'],
    fields: (p) => {
      const keys = (Array.isArray(p.users) ? p.users : []).flatMap((user) =>
        Array.isArray((user as Params)?.apiKeys) ? ((user as Params).apiKeys as unknown[]) : [],
      );
      return [field('fieldKeyName', pluck(keys, 'apiKeyName')), field('fieldKey', pluck(keys, 'publicKey'), { id: true })];
    },
  },
  ACTIVITY_TYPE_CREATE_POLICIES: {
    title: 'activityGrantDelegatedKey',
    reads: ['policies.*.policyName', 'policies.*.condition'],
    fields: (p) => [field('fieldPolicy', pluck(p.policies, 'policyName')), field('fieldAllows', pluck(p.policies, 'condition'))],
  },
  ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2: {
    title: 'activitySignRawPayload',
    reads: ['payload', 'signWith'],
    fields: (p) => [field('fieldSignedData', p.payload, { id: true }), field('fieldSignWith', p.signWith, { id: true })],
  },
  // A wallet transaction (Grid: a quote's EMBEDDED_WALLET payment instruction). The
  // bytes are chain-specific and unreadable here: amount and recipient come only
  // from the site (PaymentDetails), never from these fields.
  ACTIVITY_TYPE_SIGN_TRANSACTION_V2: {
    title: 'activitySignTransaction',
    reads: ['signWith', 'type', 'unsignedTransaction'],
    transaction: true,
    fields: (p) => [
      field('fieldWallet', p.signWith, { id: true }),
      field('fieldTransactionType', typeof p.type === 'string' ? humanise(p.type.replace(/^TRANSACTION_TYPE_/, '')) : p.type),
      field('fieldTransaction', p.unsignedTransaction, { id: true }),
      field(
        'fieldTransactionSize',
        typeof p.unsignedTransaction === 'string' && HEX.test(p.unsignedTransaction) ? t('bytes', p.unsignedTransaction.length / 2) : '',
      ),
    ],
  },
};

/** The human title of an activity type, known or not (also used by the activity log). */
export function activityTitle(activityType: string): string {
  const spec = ACTIVITIES[activityType];
  return spec ? t(spec.title) : humanise(activityType);
}

/** At most this many rows of parameters as they are; the rest are counted (the exact text is one click away). */
const MAX_LISTED = 24;

/** Where a value sits: its label on screen ("Users › 1 › User email") and its dotted path for `reads` ("users.*.userEmail"). */
interface Place {
  label: string[];
  path: string[];
}

/** Every value in `value`, at any depth, labelled by its place, except the ones `read` says are already in words. */
function leaves(value: unknown, place: Place, read: (path: string) => boolean, out: PayloadField[]): void {
  if (read(place.path.join('.'))) return;
  const label = place.label.join(' › ');
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) {
    out.push({ label, value: JSON.stringify(value) });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      leaves(item, { label: [...place.label, String(index + 1)], path: [...place.path, '*'] }, read, out);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      leaves(inner, { label: [...place.label, humanise(key)], path: [...place.path, key] }, read, out);
    }
  } else {
    // An empty string or null is a value too: a field set to nothing can remove a credential.
    out.push(row(label, value) ?? { label, value: '""' });
  }
}

/** The parameters a description did not put into words, as they are: none is left out unannounced. */
function listedAsTheyAre(params: Params, reads: readonly string[]): { fields: PayloadField[]; hidden?: number } {
  const all: PayloadField[] = [];
  const read = (path: string) => reads.some((claimed) => path === claimed || path.startsWith(`${claimed}.`));
  for (const [key, value] of Object.entries(params)) leaves(value, { label: [humanise(key)], path: [key] }, read, all);
  const hidden = all.length - MAX_LISTED;
  return hidden > 0 ? { fields: all.slice(0, MAX_LISTED), hidden } : { fields: all };
}

const seconds = (value: unknown) => (typeof value === 'number' ? formatDateTime(value * 1000) : '');

export function describePayload(payloadToSign: string): PayloadDescription {
  const payload = readPayload(payloadToSign);
  switch (payload.kind) {
    case 'activity': {
      const spec = ACTIVITIES[payload.activityType];
      const rest = listedAsTheyAre(payload.parameters, spec?.reads ?? []);
      return {
        title: spec ? t(spec.title) : humanise(payload.activityType),
        fields: [...(spec ? present(spec.fields(payload.parameters)) : []), ...rest.fields],
        ...(spec?.transaction && { transaction: true }),
        ...(rest.hidden && { hidden: rest.hidden }),
      };
    }
    case 'jwt':
      return {
        title: t('payloadSignIn'),
        fields: present([field('fieldIssued', seconds(payload.claims.iat)), field('fieldExpires', seconds(payload.claims.exp))]),
      };
    case 'unreadable':
      return { title: t('payloadText'), fields: [], opaque: payloadToSign };
  }
}
