import type { ExportSignerTrust } from '../core/index.ts';
import { hexToBytes } from '../core/index.ts';
import { DEVELOPMENT_BUILD } from '../buildFlavour.ts';

/**
 * Turnkey's production signer (`PRODUCTION_SIGNER_SIGN_PUBLIC_KEY` in @turnkey/crypto),
 * the key Turnkey's `decryptExportBundle` requires on an export bundle.
 */
const TURNKEY_PRODUCTION_SIGNER = hexToBytes(
  '04cf288fe433cc4e1aa0ce1632feac4ea26bf2f5a09dcfe5a42c398e06898710330f0572882f4dbdf0f5304b8fc8703acd69adca9a4bbf7f5d00d20a5e364b2569',
);

/**
 * Whose enclave signature an export bundle must carry: the one place that decides
 * it, to be wired to the pinned signer set. A store build accepts only pinned keys.
 * A development build also accepts the sandbox's unsigned bundles and, until the
 * emulator's key is pinned, a signature by the key the bundle names (integrity only).
 */
export function exportSignerTrust(): ExportSignerTrust {
  return { signers: [TURNKEY_PRODUCTION_SIGNER], allowUnsigned: DEVELOPMENT_BUILD, acceptNamedSigner: DEVELOPMENT_BUILD };
}
