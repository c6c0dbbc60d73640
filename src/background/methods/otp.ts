import { type EnclaveSigner, FormatError, type Unsigned } from '@grid-wallet/core';
import { errors } from '@grid-wallet/protocol';
import { otpPattern } from '../../extension-protocol/otpCode.ts';
import type { BackgroundContext, PromptingMethod } from '../context.ts';
import { loadCurve } from '../loadCurve.ts';
import { ask } from './ask.ts';

const BUNDLE = 'otpEncryptionTargetBundle';

/**
 * The target bundle, if a pinned enclave key signed it (core/enclaveSigners.ts, with
 * the user's "Trust the local Grid emulator" setting). Anything else, signed by an
 * unpinned key or malformed, is -32602 naming the field, before any prompt: a page
 * must not get a code sealed to a key of its own choosing. An unsigned bundle (Grid's
 * sandbox) is refused the same way unless the user turned on the Grid sandbox
 * developer setting; then its signer is 'unsigned' and the code goes to the site in
 * plain, as in the seed flow (docs/security-model.md §3.7).
 */
async function readTargetBundle(ctx: BackgroundContext, bundle: string) {
  const [trust, { sandboxPlainCodes }, { parseTargetBundle }] = await Promise.all([
    ctx.settings.enclaveTrust(),
    ctx.settings.get(),
    loadCurve(),
  ]);
  try {
    return parseTargetBundle(bundle, trust, sandboxPlainCodes ? 'accept' : undefined);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    const part = error.what === BUNDLE ? '' : `${error.what.slice(BUNDLE.length + 1)} `;
    throw errors.invalidParams(`params.${BUNDLE}`, part ? `is not a valid target bundle (${part}${error.reason})` : error.reason);
  }
}

/**
 * grid_collectOtp: the user types the code in the approval window. With a signed
 * target bundle (current Grid flow) the code is sealed to the enclave there and the
 * page only ever sees `encryptedOtpBundle`; without one (seed flow, Authsignal), or
 * with an unsigned one under the sandbox developer setting, the page gets the code
 * itself, and the prompt says so.
 */
export const grid_collectOtp: PromptingMethod<'otp'> = {
  start: async (ctx, call) => {
    const { origin, params } = call;
    let signer: EnclaveSigner | Unsigned | null = null;
    if (params.otpEncryptionTargetBundle !== undefined) {
      signer = (await readTargetBundle(ctx, params.otpEncryptionTargetBundle)).signer;
      await ctx.clientKeys.getUsable(origin, params.clientKeyId!);
    }
    const sealedFor = signer === 'unsigned' ? null : signer;
    return ask(ctx, call, { kind: 'otp', origin, params, sealedFor, unsignedSandboxBundle: signer === 'unsigned' });
  },

  complete: async (ctx, { origin, params }, input) => {
    if ('resend' in input) return { resend: true };
    if (!otpPattern(params).test(input.code)) throw errors.invalidParams('code', 'does not have the expected format');
    ctx.activity.add({ origin, kind: 'otp-entered', detail: params.channel ?? 'EMAIL' });
    if (params.otpEncryptionTargetBundle === undefined) return { otp: input.code };
    // Read again: the user may have stopped trusting the emulator, or turned the sandbox setting off, while the prompt was open.
    const target = await readTargetBundle(ctx, params.otpEncryptionTargetBundle);
    if (target.signer === 'unsigned') return { otp: input.code };
    const clientKey = await ctx.clientKeys.getUsable(origin, params.clientKeyId!);
    const { encryptOtpBundle } = await loadCurve();
    const encryptedOtpBundle = await encryptOtpBundle(input.code, clientKey.publicKey, target);
    await ctx.clientKeys.markOtpCompleted(origin, clientKey.id);
    return { encryptedOtpBundle };
  },
};
