import { base64urlToBytes } from './base64url.ts';
import { fromUtf8 } from './bytes.ts';

/**
 * Recognises what a `payloadToSign` is, so a person can be shown what they are
 * about to authorise. Grid returns Turnkey-style activity bodies
 * ({"organizationId","parameters","timestampMs","type":"ACTIVITY_TYPE_…"}) and,
 * in the OTP flow, a verification-token JWT. Parsing never changes what is signed:
 * the stamp is always over the exact original string.
 */
export type PayloadKind =
  | { kind: 'activity'; activityType: string; organizationId?: string; timestampMs?: number; parameters: Record<string, unknown> }
  | { kind: 'jwt'; header: Record<string, unknown>; claims: Record<string, unknown> }
  | { kind: 'text' };

const ACTIVITY_TYPE = /^ACTIVITY_TYPE_[A-Z0-9_]+$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function decodeJwtPart(part: string): Record<string, unknown> | null {
  try {
    return asObject(parseJson(fromUtf8(base64urlToBytes(part))));
  } catch {
    return null;
  }
}

export function classifyPayload(payloadToSign: string): PayloadKind {
  const trimmed = payloadToSign.trim();
  if (trimmed.startsWith('{')) {
    const body = asObject(parseJson(trimmed));
    if (body && typeof body.type === 'string' && ACTIVITY_TYPE.test(body.type)) {
      const timestampMs = Number(body.timestampMs);
      return {
        kind: 'activity',
        activityType: body.type,
        ...(typeof body.organizationId === 'string' && { organizationId: body.organizationId }),
        ...(Number.isFinite(timestampMs) && { timestampMs }),
        parameters: asObject(body.parameters) ?? {},
      };
    }
  }
  if (JWT.test(trimmed)) {
    const [headerPart, claimsPart] = trimmed.split('.') as [string, string];
    const header = decodeJwtPart(headerPart);
    const claims = decodeJwtPart(claimsPart);
    if (header && claims && typeof header.alg === 'string') return { kind: 'jwt', header, claims };
  }
  return { kind: 'text' };
}

/** Why a payload must always be shown to the user, never signed under a standing grant. */
export type PayloadRisk = 'removes-credential' | 'exports-wallet';

const REMOVES_CREDENTIAL = new Set(['ACTIVITY_TYPE_DELETE_AUTHENTICATORS', 'ACTIVITY_TYPE_DELETE_OAUTH_PROVIDERS', 'ACTIVITY_TYPE_DELETE_USERS']);
/** Setting the sign-in email or phone to nothing is how Grid removes that credential. */
const REMOVES_WHEN_EMPTY: Record<string, string> = {
  ACTIVITY_TYPE_UPDATE_USER_EMAIL: 'userEmail',
  ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER: 'userPhoneNumber',
};

/**
 * Actions that are hard to undo: removing a way to sign in, or exporting key
 * material (any `ACTIVITY_TYPE_EXPORT_…`, known or future). The approval window
 * warns about them and the background never signs them under a grant.
 */
export function payloadRisk(payload: PayloadKind): PayloadRisk | null {
  if (payload.kind !== 'activity') return null;
  const { activityType, parameters } = payload;
  if (activityType.startsWith('ACTIVITY_TYPE_EXPORT_')) return 'exports-wallet';
  if (REMOVES_CREDENTIAL.has(activityType)) return 'removes-credential';
  const emptied = REMOVES_WHEN_EMPTY[activityType];
  if (emptied !== undefined && (parameters[emptied] === '' || parameters[emptied] === null)) return 'removes-credential';
  return null;
}
