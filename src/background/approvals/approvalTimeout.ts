import { APPROVAL_TIMEOUT_MS } from './ApprovalQueue.ts';

/**
 * How long a prompt waits before 4408. Development builds (the ones tests load)
 * honour `approvalTimeoutMs` in `storage.local`, to exercise that path quickly;
 * a store build never reads it, so nothing on the machine can stretch or shorten it.
 */
export async function approvalTimeoutMs(
  local: { get(key: string): Promise<Record<string, unknown>> },
  developmentBuild: boolean,
): Promise<number> {
  if (!developmentBuild) return APPROVAL_TIMEOUT_MS;
  const { approvalTimeoutMs } = await local.get('approvalTimeoutMs');
  return typeof approvalTimeoutMs === 'number' && approvalTimeoutMs > 0 ? approvalTimeoutMs : APPROVAL_TIMEOUT_MS;
}
