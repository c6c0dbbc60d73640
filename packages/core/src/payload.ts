import { base64urlToBytes } from './base64url.ts';
import { fromUtf8 } from './bytes.ts';

/**
 * Reads what a `payloadToSign` is, so a person can be shown what they are about
 * to authorise and the signing policy can decide what may go unprompted. Grid
 * returns Turnkey-style activity bodies
 * ({"organizationId","parameters","timestampMs","type":"ACTIVITY_TYPE_…"}) and,
 * in the OTP flow, a verification-token JWT. Reading never changes what is
 * signed: the stamp is always over the exact original string.
 *
 * The reading is strict, because Grid (in Go) and this wallet must not read the
 * same bytes differently: a payload is "unreadable" unless it is exactly one JSON
 * object with no bytes around it, no key twice in any object (compared the way
 * a server may match field names: case-insensitively, underscores aside), and an exact,
 * upper-case, string `type`; or a compact JWT whose parts read the same way.
 */
export type PayloadKind =
  | { kind: 'activity'; activityType: string; organizationId?: string; timestampMs?: number; parameters: Record<string, unknown> }
  | { kind: 'jwt'; header: Record<string, unknown>; claims: Record<string, unknown> }
  | { kind: 'unreadable' };

const ACTIVITY_TYPE = /^ACTIVITY_TYPE_[A-Z0-9_]+$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const UNREADABLE: PayloadKind = { kind: 'unreadable' };

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * A field name as any server might match it: Go's encoding/json compares names
 * with simple Unicode case folding (so "ſ" matches "s" and the Kelvin sign "K"
 * matches "k"), and a protobuf-JSON server also accepts the proto spelling
 * (`target_public_key` for `targetPublicKey`), so underscores do not count.
 */
export function foldKey(key: string): string {
  return key.replaceAll('_', '').toUpperCase().toLowerCase();
}

/**
 * True when some object in `text` (already valid JSON) names a key twice, or
 * two keys that differ only in case. Walks the text itself: JSON.parse keeps
 * the last duplicate silently, which is exactly the ambiguity to refuse.
 */
function hasAmbiguousKeys(text: string): boolean {
  const objects: Array<Set<string> | null> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') objects.push(new Set());
    else if (c === '[') objects.push(null);
    else if (c === '}' || c === ']') objects.pop();
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const literal = text.slice(i, end + 1);
      i = end;
      let next = i + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      const keys = objects.at(-1);
      if (text[next] !== ':' || !keys) continue;
      const key = foldKey(JSON.parse(literal) as string);
      if (keys.has(key)) return true;
      keys.add(key);
    }
  }
  return false;
}

/** One JSON object, exactly: nothing before or after it, no ambiguous keys. */
function readObject(text: string): Record<string, unknown> | null {
  if (!text.startsWith('{') || !text.endsWith('}')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return asObject(value) && !hasAmbiguousKeys(text) ? (value as Record<string, unknown>) : null;
}

function readJwtPart(part: string): Record<string, unknown> | null {
  try {
    return readObject(fromUtf8(base64urlToBytes(part)));
  } catch {
    return null;
  }
}

/** The top-level fields we read, spelled exactly: a server would take `Parameters`, `TYPE` or `organization_id` for them too. */
const READ_FIELDS = ['type', 'parameters', 'organizationId', 'timestampMs'];

function readActivity(body: Record<string, unknown>): PayloadKind {
  const misspelt = Object.keys(body).some(
    (key) => !READ_FIELDS.includes(key) && READ_FIELDS.some((field) => foldKey(field) === foldKey(key)),
  );
  const { type, parameters = {}, organizationId, timestampMs } = body;
  if (misspelt || typeof type !== 'string' || !ACTIVITY_TYPE.test(type) || !asObject(parameters)) return UNREADABLE;
  const timestamp = Number(timestampMs);
  return {
    kind: 'activity',
    activityType: type,
    ...(typeof organizationId === 'string' && { organizationId }),
    ...(Number.isFinite(timestamp) && { timestampMs: timestamp }),
    parameters: parameters as Record<string, unknown>,
  };
}

export function readPayload(payloadToSign: string): PayloadKind {
  if (payloadToSign.startsWith('{')) {
    const body = readObject(payloadToSign);
    return body ? readActivity(body) : UNREADABLE;
  }
  if (JWT.test(payloadToSign)) {
    const [headerPart, claimsPart] = payloadToSign.split('.') as [string, string];
    const header = readJwtPart(headerPart);
    const claims = readJwtPart(claimsPart);
    if (header && claims && typeof header.alg === 'string') return { kind: 'jwt', header, claims };
  }
  return UNREADABLE;
}
