import { type AskDecision, FormatError, type PayloadKind } from '@grid-wallet/core';
import { errors } from '@grid-wallet/protocol';
import type { BackgroundContext, MethodHandler, PromptingMethod } from '../context.ts';
import { loadCurve } from '../loadCurve.ts';
import { type ApprovedExportKey, describeExportKey, type UsableExportKey } from '../stores/ExportKeyStore.ts';
import { ask } from './ask.ts';

/**
 * Wallet export that never touches the page (docs/security-model.md §3.11). The page relays
 * opaque values between the extension and its backend:
 *   1. grid_createExportKey → the extension's own export key (public half);
 *   2. the page sends it to Grid and gets an ACTIVITY_TYPE_EXPORT_WALLET payload,
 *      which grid_signPayload stamps only if it exports to that key (always asking);
 *   3. grid_showWalletExport with Grid's `encryptedWalletCredentials`: the extension
 *      checks the enclave signature and organisation, and shows the phrase in its
 *      own window. The page gets `{shown: true}` and nothing else.
 */
const BUNDLE_FIELD = 'params.encryptedWalletCredentials';

export const grid_createExportKey: MethodHandler<'grid_createExportKey'> = async (ctx, call) => {
  const record = await ctx.exportKeys.create(call.origin);
  await ctx.scheduleExpiry();
  return describeExportKey(record);
};

/**
 * For an export payload (the signing policy's 'exports-wallet': any
 * ACTIVITY_TYPE_EXPORT_…, never granted, always asked), the key it exports to must
 * be an unused export key this extension made for this origin: otherwise a page
 * could have the user approve an export sealed to a key the page holds.
 * Returns that key, or null for a payload that exports nothing.
 */
export async function exportTargetOf(
  ctx: BackgroundContext,
  origin: string,
  payload: PayloadKind,
  decision: AskDecision,
): Promise<UsableExportKey | null> {
  if (decision.caution !== 'exports-wallet' || payload.kind !== 'activity') return null;
  const target = payload.parameters.targetPublicKey;
  const key = typeof target === 'string' ? await ctx.exportKeys.findByPublicKey(origin, target) : null;
  if (!key || key.exportApprovedFor) {
    throw errors.invalidParams(
      'params.payloadToSign',
      'exports the wallet to a key this extension did not make for this site (use grid_createExportKey)',
    );
  }
  if (payload.organizationId === undefined)
    throw errors.invalidParams('params.payloadToSign', 'exports a wallet but names no organizationId');
  return key;
}

/** After the user approved and the stamp was made: this key may now open that organisation's export, once. */
export async function approveExport(ctx: BackgroundContext, origin: string, key: UsableExportKey, payload: PayloadKind): Promise<void> {
  if (payload.kind === 'activity' && payload.organizationId !== undefined)
    await ctx.exportKeys.approve(origin, key.id, payload.organizationId);
}

/** Opens the bundle: a bad envelope is -32602; an untrusted signature, another organisation or the wrong key is 4422. */
async function openBundle(ctx: BackgroundContext, key: ApprovedExportKey, text: string): Promise<string> {
  const { openExportBundle, parseExportBundle } = await loadCurve();
  try {
    const bundle = parseExportBundle(text, await ctx.settings.enclaveTrust());
    return await openExportBundle(bundle, key.exportApprovedFor, key.keys.agreementKey, key.publicKey);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    // Who signed it (pinned, verifying, or unsigned while the emulator is not trusted) and what it holds: refused as 4422.
    if (error.kind !== 'malformed') throw errors.bundleDidNotOpen('encryptedWalletCredentials');
    throw errors.invalidParams(BUNDLE_FIELD, `is not a wallet export bundle (${error.reason})`);
  }
}

export const grid_showWalletExport: PromptingMethod<'wallet-export'> = {
  /** Checked in full before anything is shown; the phrase is dropped here and opened again only on "Reveal". */
  start: async (ctx, call) => {
    const { origin, params } = call;
    const key = await ctx.exportKeys.getApproved(origin, params.exportKeyId);
    await openBundle(ctx, key, params.encryptedWalletCredentials);
    return ask(ctx, call, { kind: 'wallet-export', origin, params });
  },

  /** "Done": the page learns that the phrase was shown, and the key is gone whether or not it was revealed. */
  complete: async (ctx, { origin, params }) => {
    await ctx.exportKeys.consume(origin, params.exportKeyId).catch(() => undefined);
    ctx.activity.add({ origin, kind: 'wallet-exported', detail: 'ACTIVITY_TYPE_EXPORT_WALLET' });
    return { shown: true };
  },
};

/**
 * The approval window's "Reveal": uses the export key up and returns the phrase
 * to that window only. Nothing stores it; the window forgets it when it closes.
 */
export async function revealWalletExport(ctx: BackgroundContext, approvalId: string): Promise<{ mnemonic: string }> {
  const record = (await ctx.approvals.list()).find((r) => r.view.id === approvalId);
  if (record?.view.kind !== 'wallet-export') throw errors.noLongerWaiting();
  const { origin, params } = record.view;
  const key = await ctx.exportKeys.getApproved(origin, params.exportKeyId);
  const mnemonic = await openBundle(ctx, key, params.encryptedWalletCredentials);
  await ctx.exportKeys.consume(origin, key.id);
  return { mnemonic };
}
