import { encryptOtpBundle, FormatError, parseTargetBundle } from '../../core/index.ts';
import { errors, type OtpResult } from '../../protocol/index.ts';
import type { ApprovalInput } from '../../protocol/internal.ts';
import { otpPattern } from '../../protocol/otpCode.ts';
import type { ApprovalRecord } from '../approvals/ApprovalQueue.ts';
import { type BackgroundContext, type MethodHandler, PENDING } from '../context.ts';
import { fingerprint } from './fingerprint.ts';

const BUNDLE_FIELD = 'params.otpEncryptionTargetBundle';

/** A bundle that does not parse is bad params; one whose enclave signature fails is 4422. */
function readTargetBundle(bundle: string) {
  try {
    return parseTargetBundle(bundle);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    if (error.reason.startsWith('dataSignature')) throw errors.bundleDidNotOpen('otpEncryptionTargetBundle');
    throw errors.invalidParams(BUNDLE_FIELD, `is not a valid target bundle (${error.reason})`);
  }
}

/**
 * grid_collectOtp: the user types the code in the approval window. With a target
 * bundle (current Grid flow) the code is sealed to the enclave there and the page
 * only ever sees `encryptedOtpBundle`; without one (seed flow, Authsignal) the
 * page gets the code itself.
 */
export const grid_collectOtp: MethodHandler<'grid_collectOtp'> = async (ctx, call) => {
  const { origin, params } = call;
  if (params.otpEncryptionTargetBundle !== undefined) {
    readTargetBundle(params.otpEncryptionTargetBundle);
    await ctx.clientKeys.getUsable(origin, params.clientKeyId!);
  }
  await ctx.approvals.enqueue({
    ...call.page,
    view: { kind: 'otp', origin, params, encrypted: params.otpEncryptionTargetBundle !== undefined },
    fingerprint: await fingerprint(call),
  });
  return PENDING;
};

export async function completeOtp(ctx: BackgroundContext, record: ApprovalRecord, input: ApprovalInput): Promise<OtpResult> {
  const { origin, params } = record.view as Extract<ApprovalRecord['view'], { kind: 'otp' }>;
  if (input.kind !== 'otp') throw errors.internal();
  if ('resend' in input) return { resend: true };
  if (!otpPattern(params).test(input.code)) throw errors.invalidParams('code', 'does not have the expected format');
  await ctx.activity.add({ origin, kind: 'otp-entered', detail: params.channel ?? 'EMAIL' });
  if (params.otpEncryptionTargetBundle === undefined) return { otp: input.code };
  const clientKey = await ctx.clientKeys.getUsable(origin, params.clientKeyId!);
  const encryptedOtpBundle = await encryptOtpBundle(input.code, clientKey.publicKey, readTargetBundle(params.otpEncryptionTargetBundle));
  await ctx.clientKeys.markOtpCompleted(origin, clientKey.id);
  return { encryptedOtpBundle };
}
