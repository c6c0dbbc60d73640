import { type EnclaveSigner, encryptOtpBundle, FormatError, parseTargetBundle } from '../../core/index.ts';
import { errors, type OtpResult } from '../../protocol/index.ts';
import type { ApprovalInput } from '../../protocol/internal.ts';
import { otpPattern } from '../../protocol/otpCode.ts';
import type { ApprovalRecord } from '../approvals/ApprovalQueue.ts';
import { type BackgroundContext, type MethodHandler, PENDING } from '../context.ts';
import { fingerprint } from './fingerprint.ts';

const BUNDLE = 'otpEncryptionTargetBundle';

/**
 * The target bundle, if a pinned enclave key signed it (core/enclaveSigners.ts, with
 * the user's "Trust the local Grid emulator" setting). Anything else, unsigned,
 * signed by an unpinned key or malformed, is -32602 naming the field, before any
 * prompt: a page must not get a code sealed to a key of its own choosing.
 */
async function readTargetBundle(ctx: BackgroundContext, bundle: string) {
  try {
    return parseTargetBundle(bundle, await ctx.settings.enclaveTrust());
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    const part = error.what === BUNDLE ? '' : `${error.what.slice(BUNDLE.length + 1)} `;
    throw errors.invalidParams(`params.${BUNDLE}`, part ? `is not a valid target bundle (${part}${error.reason})` : error.reason);
  }
}

/**
 * grid_collectOtp: the user types the code in the approval window. With a target
 * bundle (current Grid flow) the code is sealed to the enclave there and the page
 * only ever sees `encryptedOtpBundle`; without one (seed flow, Authsignal) the
 * page gets the code itself, and the prompt says so.
 */
export const grid_collectOtp: MethodHandler<'grid_collectOtp'> = async (ctx, call) => {
  const { origin, params } = call;
  let sealedFor: EnclaveSigner | null = null;
  if (params.otpEncryptionTargetBundle !== undefined) {
    sealedFor = (await readTargetBundle(ctx, params.otpEncryptionTargetBundle)).signer;
    await ctx.clientKeys.getUsable(origin, params.clientKeyId!);
  }
  await ctx.approvals.enqueue({
    ...call.page,
    view: { kind: 'otp', origin, params, sealedFor },
    fingerprint: await fingerprint(call),
  });
  return PENDING;
};

export async function completeOtp(ctx: BackgroundContext, record: ApprovalRecord, input: ApprovalInput): Promise<OtpResult> {
  const { origin, params } = record.view as Extract<ApprovalRecord['view'], { kind: 'otp' }>;
  if (input.kind !== 'otp') throw errors.internal();
  if ('resend' in input) return { resend: true };
  if (!otpPattern(params).test(input.code)) throw errors.invalidParams('code', 'does not have the expected format');
  ctx.activity.add({ origin, kind: 'otp-entered', detail: params.channel ?? 'EMAIL' });
  if (params.otpEncryptionTargetBundle === undefined) return { otp: input.code };
  const clientKey = await ctx.clientKeys.getUsable(origin, params.clientKeyId!);
  // Read again: the user may have stopped trusting the emulator while the prompt was open.
  const encryptedOtpBundle = await encryptOtpBundle(
    input.code,
    clientKey.publicKey,
    await readTargetBundle(ctx, params.otpEncryptionTargetBundle),
  );
  await ctx.clientKeys.markOtpCompleted(origin, clientKey.id);
  return { encryptedOtpBundle };
}
