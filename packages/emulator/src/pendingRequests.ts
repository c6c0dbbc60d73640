import type { Clock } from './clock.ts';
import { unauthorized } from './errors.ts';

/**
 * Requests Grid has challenged and is waiting to see again: signed retries (the 202
 * → stamped retry pattern) and passkey sign-in challenges. Each is keyed by a
 * single-use `Request:<uuid>`, bound to one operation on one resource, and expires
 * after five minutes.
 */
export const PENDING_TTL_SECONDS = 300;

export interface PendingRequest<Data = unknown> {
  readonly requestId: string;
  readonly operation: string;
  readonly resourceId: string;
  /** Canonical JSON of the first leg's body, which the retry must repeat. */
  readonly body: string;
  readonly payloadToSign: string;
  readonly expiresAt: number;
  /** Whatever the operation bound on the first leg (a client key, a challenge…). */
  readonly data: Data;
  consumed: boolean;
}

export interface PendingRequests {
  /** Stores a request; the caller mints `requestId` (newId('Request')) because some payloads embed it. */
  create<Data>(request: Omit<PendingRequest<Data>, 'consumed'>): PendingRequest<Data>;
  /** The live request for `requestId`, bound to this operation and resource; 401 otherwise. */
  find<Data>(requestId: string, operation: string, resourceId: string): PendingRequest<Data>;
}

/**
 * Marks a request used. Checked again here because the caller may have awaited
 * (e.g. WebAuthn verification) since `find`, and a concurrent twin may have won.
 */
export function consume(pending: PendingRequest<unknown>): void {
  if (pending.consumed) throw unauthorized('Request-Id has already been used');
  pending.consumed = true;
}

export function createPendingRequests(clock: Clock): PendingRequests {
  const requests = new Map<string, PendingRequest>();
  return {
    create(request) {
      const pending = { ...request, consumed: false };
      requests.set(pending.requestId, pending);
      return pending;
    },
    find<Data>(requestId: string, operation: string, resourceId: string) {
      const pending = requests.get(requestId);
      if (!pending || pending.operation !== operation || pending.resourceId !== resourceId) {
        throw unauthorized('Request-Id does not match a pending request for this operation');
      }
      if (pending.consumed) throw unauthorized('Request-Id has already been used');
      if (clock.now() >= pending.expiresAt) throw unauthorized('Request-Id has expired');
      return pending as PendingRequest<Data>;
    },
  };
}
