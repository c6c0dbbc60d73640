import type { ApprovalView } from './internal.ts';

/**
 * Where waiting requests live: one `storage.session` item per request,
 * `approval:<id>` → `{ view, … }` (the rest says where to answer, for the
 * background only). The background writes the item before it shows the
 * approval window, and the window renders straight from these items and from
 * `storage.onChanged`, so a prompt appears without a round trip through the
 * worker. Content scripts cannot read `storage.session`.
 */
export const APPROVAL_KEY_PREFIX = 'approval:';

export const approvalKey = (approvalId: string): string => APPROVAL_KEY_PREFIX + approvalId;

export const isApprovalKey = (key: string): boolean => key.startsWith(APPROVAL_KEY_PREFIX);

/** The waiting records among a storage area's items, oldest first. */
export function pendingRecords<R extends { view: Pick<ApprovalView, 'createdAt'> }>(items: Record<string, unknown>): R[] {
  return Object.entries(items)
    .filter(([key]) => isApprovalKey(key))
    .map(([, value]) => value as R)
    .sort((a, b) => a.view.createdAt - b.view.createdAt);
}
