import { createHash } from 'node:crypto';
import { bytesToHex, UNCOMPRESSED_LENGTH } from '@grid-wallet/core';
import { activity, ActivityType } from '../activities.ts';
import { canonicalJson } from '../canonicalJson.ts';
import type { EmulatorContext } from '../context.ts';
import { invalidInput, notFound } from '../errors.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { isSignedRetry, sessionOfAccount, signedRequestChallenge, verifySignedRetry } from '../signedRetry.ts';
import type { Account, Customer } from '../state.ts';
import { clientPublicKey, object } from '../validate.ts';
import { internalAccountView } from '../views.ts';
import { GRID } from './prefix.ts';

/** PATCH /internal-accounts/{id} (wallet privacy) and POST /internal-accounts/{id}/export, both signed retries. */

export function findAccount(ctx: EmulatorContext, accountId: string): Account {
  const account = ctx.state.accounts.get(accountId);
  if (!account) throw notFound('InternalAccount');
  return account;
}

export function findCustomer(ctx: EmulatorContext, customerId: string): Customer {
  const customer = ctx.state.customers.get(customerId);
  if (!customer) throw notFound('Customer', 'USER_NOT_FOUND');
  return customer;
}

/** `{privateEnabled: boolean}`: the only field Grid lets a customer change today. */
function privacyUpdate(value: unknown): { privateEnabled: boolean } {
  const body = object(value);
  if (body.privateEnabled === undefined) throw invalidInput('privateEnabled', 'is required (at least one update field must be provided)');
  if (typeof body.privateEnabled !== 'boolean') throw invalidInput('privateEnabled', 'must be a boolean');
  return { privateEnabled: body.privateEnabled };
}

/**
 * Privacy is a Spark wallet setting, so Grid asks for a raw-payload signature by
 * the wallet (its OpenAPI example): the wallet cannot read what the bytes mean.
 * Here they are the SHA-256 of the canonical change, which binds the retry to it.
 */
function updateInternalAccount(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const account = findAccount(ctx, req.params.id!);
  const update = privacyUpdate(req.body);
  const op = { operation: 'account.update', resourceId: account.id, body: req.body };
  if (!isSignedRetry(req)) {
    const change = createHash('sha256')
      .update(canonicalJson({ ...update, walletId: account.wallet.id }))
      .digest('hex');
    const parameters = {
      encoding: 'PAYLOAD_ENCODING_HEXADECIMAL',
      hashFunction: 'HASH_FUNCTION_NO_OP',
      payload: change,
      signWith: account.wallet.sparkAddress,
    };
    return signedRequestChallenge(ctx, {
      ...op,
      payloadToSign: activity(account, ActivityType.SignRawPayload, parameters, ctx.clock.now()),
      data: null,
    });
  }
  verifySignedRetry(ctx, req, op, sessionOfAccount(ctx, account.id));
  account.privateEnabled = update.privateEnabled;
  account.updatedAt = ctx.clock.now();
  return { status: 200, body: internalAccountView(account) };
}

/** The export key: uncompressed only (Grid's InternalAccountExportRequest), and on the curve. */
function exportKey(value: unknown): Uint8Array {
  const key = clientPublicKey(object(value));
  if (key.length !== UNCOMPRESSED_LENGTH)
    throw invalidInput('clientPublicKey', 'must be an uncompressed P-256 public key (04 + 128 hex digits)');
  return key;
}

/**
 * Export: leg 1 binds `clientPublicKey` into an ACTIVITY_TYPE_EXPORT_WALLET
 * payload; the retry (same body, stamped by a session of the account) returns the
 * wallet's mnemonic sealed to that key and signed by the enclave.
 */
async function exportWallet(req: ApiRequest, ctx: EmulatorContext): Promise<ApiResponse> {
  const account = findAccount(ctx, req.params.id!);
  const target = exportKey(req.body);
  const op = { operation: 'account.export', resourceId: account.id, body: req.body };
  if (!isSignedRetry(req)) {
    const parameters = { targetPublicKey: bytesToHex(target), walletId: account.wallet.id };
    return signedRequestChallenge(ctx, {
      ...op,
      payloadToSign: activity(account, ActivityType.ExportWallet, parameters, ctx.clock.now()),
      data: null,
    });
  }
  verifySignedRetry(ctx, req, op, sessionOfAccount(ctx, account.id));
  const encryptedWalletCredentials = await ctx.enclave.exportBundle(account.wallet.mnemonic, {
    publicKey: target,
    organizationId: account.organizationId,
  });
  return { status: 200, body: { id: account.id, encryptedWalletCredentials } };
}

export const internalAccountRoutes = [
  route('PATCH', `${GRID}/internal-accounts/:id`, 'grid', updateInternalAccount),
  route('POST', `${GRID}/internal-accounts/:id/export`, 'grid', exportWallet),
];
