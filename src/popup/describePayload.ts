import { readPayload } from '../core/payload.ts';
import type { Caution } from '../core/signingDecision.ts';
import { formatDateTime, formatDuration, humanise } from './format.ts';
import { type MessageKey, t } from './i18n.ts';

/**
 * Turns a `payloadToSign` into what the sign screen shows: a title and the main
 * parameters, or the text itself when the wallet cannot read it. The mapping
 * from Grid's (Turnkey-style) activity types to words lives here; the reading is
 * src/core/payload.ts, and which warning a request carries is decided by
 * src/core/signingPolicy.ts. What is signed is always the exact original string.
 */
export interface PayloadField {
  label: string;
  value: string;
  /** Shown larger (a payment's amount). */
  emphasis?: boolean;
  /** An id or key: monospace, and shortened with the full value in a tooltip. */
  id?: boolean;
}

export interface PayloadDescription {
  title: string;
  fields: PayloadField[];
  /** Something the wallet cannot read: say so, and show the text itself. */
  opaque?: string;
  /** A wallet transaction: its amount and recipient are not in anything the wallet can read. */
  transaction?: true;
}

type Params = Record<string, unknown>;

interface ActivitySpec {
  title: MessageKey;
  /** Signs a wallet transaction: what it pays can only be the site's claim. */
  transaction?: true;
  fields(params: Params): Array<PayloadField | null>;
}

/** Which requests warrant a red warning is decided once, in src/core/signingPolicy.ts; here only the words. */
const WARNINGS: Record<Exclude<Caution, 'unreadable'>, MessageKey> = {
  'adds-credential': 'warningAddsCredential',
  'removes-credential': 'warningRemovesCredential',
  'changes-contact': 'warningChangesContact',
  'exports-wallet': 'warningExportsWallet',
  'gives-key-away': 'warningGivesKeyAway',
  'delegates-signing': 'warningDelegatesSigning',
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

function field(label: MessageKey, value: unknown, extra: Omit<PayloadField, 'label' | 'value'> = {}): PayloadField | null {
  const shown = text(value);
  return shown === '' ? null : { label: t(label), value: shown, ...extra };
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
    fields: (p) => [field('fieldEmail', p.userEmail)],
  },
  ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER: {
    title: 'activityUpdatePhone',
    fields: (p) => [field('fieldPhone', p.userPhoneNumber)],
  },
  ACTIVITY_TYPE_CREATE_OAUTH_PROVIDERS: {
    title: 'activityAddOauth',
    fields: (p) => [field('fieldProvider', pluck(p.oauthProviders, 'providerName'))],
  },
  ACTIVITY_TYPE_DELETE_OAUTH_PROVIDERS: {
    title: 'activityRemoveOauth',
    fields: (p) => [field('fieldProvider', p.providerIds, { id: true })],
  },
  ACTIVITY_TYPE_CREATE_AUTHENTICATORS_V2: {
    title: 'activityAddPasskey',
    fields: (p) => [field('fieldPasskeyName', pluck(p.authenticators, 'authenticatorName'))],
  },
  ACTIVITY_TYPE_DELETE_AUTHENTICATORS: {
    title: 'activityRemovePasskey',
    fields: (p) => [field('fieldPasskey', p.authenticatorIds, { id: true })],
  },
  ACTIVITY_TYPE_DELETE_API_KEYS: {
    title: 'activityEndSession',
    fields: (p) => [field('fieldSession', p.apiKeyIds, { id: true })],
  },
  ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2: {
    title: 'activityCreateSession',
    fields: (p) => [
      field('fieldSessionLength', Number(p.expirationSeconds) > 0 ? formatDuration(Number(p.expirationSeconds) * 1000) : ''),
      field('fieldSessionKey', p.targetPublicKey, { id: true }),
    ],
  },
  ACTIVITY_TYPE_EXPORT_WALLET: {
    title: 'activityExportWallet',
    fields: (p) => [field('fieldWallet', p.walletId, { id: true })],
  },
  ACTIVITY_TYPE_CREATE_USERS_V3: {
    title: 'activityCreateDelegatedKey',
    fields: (p) => {
      const keys = (Array.isArray(p.users) ? p.users : []).flatMap((user) =>
        Array.isArray((user as Params)?.apiKeys) ? ((user as Params).apiKeys as unknown[]) : [],
      );
      return [field('fieldKeyName', pluck(keys, 'apiKeyName')), field('fieldKey', pluck(keys, 'publicKey'), { id: true })];
    },
  },
  ACTIVITY_TYPE_CREATE_POLICIES: {
    title: 'activityGrantDelegatedKey',
    fields: (p) => [field('fieldPolicy', pluck(p.policies, 'policyName')), field('fieldAllows', pluck(p.policies, 'condition'))],
  },
  ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2: {
    title: 'activitySignRawPayload',
    fields: (p) => [field('fieldSignedData', p.payload, { id: true }), field('fieldSignWith', p.signWith, { id: true })],
  },
  // A wallet transaction (Grid: a quote's EMBEDDED_WALLET payment instruction). The
  // bytes are chain-specific and unreadable here: amount and recipient come only
  // from the site (PaymentDetails), never from these fields.
  ACTIVITY_TYPE_SIGN_TRANSACTION_V2: {
    title: 'activitySignTransaction',
    transaction: true,
    fields: (p) => [
      field('fieldWallet', p.signWith, { id: true }),
      field('fieldTransactionType', typeof p.type === 'string' ? humanise(p.type.replace(/^TRANSACTION_TYPE_/, '')) : ''),
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

/** For an activity the wallet has no words for: its simple parameters, as they are. */
function genericFields(params: Params): PayloadField[] {
  return Object.entries(params)
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
    .slice(0, 6)
    .map(([key, value]) => ({ label: humanise(key), value: text(value) }));
}

const seconds = (value: unknown) => (typeof value === 'number' ? formatDateTime(value * 1000) : '');

export function describePayload(payloadToSign: string): PayloadDescription {
  const payload = readPayload(payloadToSign);
  switch (payload.kind) {
    case 'activity': {
      const spec = ACTIVITIES[payload.activityType];
      return spec
        ? { title: t(spec.title), fields: present(spec.fields(payload.parameters)), ...(spec.transaction && { transaction: true }) }
        : { title: humanise(payload.activityType), fields: genericFields(payload.parameters) };
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
