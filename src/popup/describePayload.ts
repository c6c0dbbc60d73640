import { classifyPayload, type PayloadRisk, payloadRisk } from '../core/payload.ts';
import { formatDateTime, formatDuration, humanise } from './format.ts';
import { type MessageKey, t } from './i18n.ts';

/**
 * Turns a `payloadToSign` into what the sign screen shows: a title, the main
 * parameters, and a warning for actions that are hard to undo. The mapping from
 * Grid's (Turnkey-style) activity types to words lives here; the parsing is
 * src/core/payload.ts. What is signed is always the exact original string.
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
  /** Removing a way to sign in, exporting the wallet. */
  warning?: string;
  /** Something the wallet cannot read: say so, and show the text itself. */
  opaque?: string;
}

type Params = Record<string, unknown>;

interface ActivitySpec {
  title: MessageKey;
  fields(params: Params): Array<PayloadField | null>;
  /** A warning this activity always carries (beyond the risks src/core/payload.ts names). */
  warning?: MessageKey;
}

/** Which risks warrant a warning is decided once, in src/core/payload.ts; here only the words. */
const WARNINGS: Record<PayloadRisk, MessageKey> = {
  'removes-credential': 'warningRemovesCredential',
  'exports-wallet': 'warningExportsWallet',
};

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

function money(amount: unknown, currency: unknown): string {
  return amount === undefined ? '' : `${text(amount)} ${text(currency)}`.trim();
}

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
      const keys = (Array.isArray(p.users) ? p.users : []).flatMap((user) => (Array.isArray((user as Params)?.apiKeys) ? ((user as Params).apiKeys as unknown[]) : []));
      return [field('fieldKeyName', pluck(keys, 'apiKeyName')), field('fieldKey', pluck(keys, 'publicKey'), { id: true })];
    },
  },
  ACTIVITY_TYPE_CREATE_POLICIES: {
    title: 'activityGrantDelegatedKey',
    warning: 'warningDelegatesSigning',
    fields: (p) => [field('fieldPolicy', pluck(p.policies, 'policyName')), field('fieldAllows', pluck(p.policies, 'condition'))],
  },
  ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2: {
    title: 'activitySignRawPayload',
    fields: (p) => [field('fieldSignedData', p.payload, { id: true }), field('fieldSignWith', p.signWith, { id: true })],
  },
  ACTIVITY_TYPE_EXECUTE_QUOTE: {
    title: 'activityPayment',
    fields: (p) => [
      field('fieldAmount', money(p.amount, p.currency), { emphasis: true }),
      field('fieldFee', money(p.fee, p.currency)),
      field('fieldReceiver', p.receiver),
      field('fieldFromAccount', p.sendingAccountId, { id: true }),
      field('fieldQuote', p.quoteId, { id: true }),
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
  const payload = classifyPayload(payloadToSign);
  switch (payload.kind) {
    case 'activity': {
      const spec = ACTIVITIES[payload.activityType];
      const risk = payloadRisk(payload);
      const shown = spec
        ? { title: t(spec.title), fields: present(spec.fields(payload.parameters)) }
        : { title: humanise(payload.activityType), fields: genericFields(payload.parameters) };
      const warning = risk ? WARNINGS[risk] : spec?.warning;
      return warning ? { ...shown, warning: t(warning) } : shown;
    }
    case 'jwt':
      return {
        title: t('payloadSignIn'),
        fields: present([field('fieldIssued', seconds(payload.claims.iat)), field('fieldExpires', seconds(payload.claims.exp))]),
      };
    case 'text':
      return { title: t('payloadText'), fields: [], opaque: payloadToSign };
  }
}
