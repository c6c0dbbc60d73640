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
