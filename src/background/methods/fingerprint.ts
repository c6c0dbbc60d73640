import { bytesToHex, utf8 } from '@grid-wallet/core';
import type { MethodName } from '@grid-wallet/protocol';
import type { MethodCall } from '../context.ts';

/**
 * Identifies "the same request again": origin, method and validated params.
 * Validated params are rebuilt field by field, so their JSON is canonical enough.
 */
export async function fingerprint(call: MethodCall<MethodName>): Promise<string> {
  const text = JSON.stringify([call.origin, call.method, call.params]);
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}
