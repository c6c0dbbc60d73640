import { bytesToHex, compressPublicKey, generateP256Key } from '@grid-wallet/core';
import { activity, ActivityType } from '../activities.ts';
import type { EmulatorContext } from '../context.ts';
import { ApiError, invalidInput, notFound } from '../errors.ts';
import { newId, newTurnkeyId, isId } from '../ids.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { isSignedRetry, sessionOfAccount, signedRequestChallenge, verifySignedRetry } from '../signedRetry.ts';
import type { Account, Card, DelegatedKey } from '../state.ts';
import { id, object, string } from '../validate.ts';
import { delegatedKeyView } from '../views.ts';
import { findAccount } from './internalAccounts.ts';
import { GRID } from './prefix.ts';

/**
 * /auth/delegated-keys: a Grid-custodied key that may sign for a card's wallet
 * funding source. Creation has three legs, all with the same body: (1) unsigned →
 * 202 to create the key's signer identity; (2) stamped → 202 to grant it a
 * signing policy (the key now exists, PENDING); (3) stamped → 201 ACTIVE.
 */

type CreateLeg =
  | { readonly leg: 'identity'; readonly publicKey: string; readonly userId: string }
  | { readonly leg: 'policy'; readonly keyId: string };

interface CreateRequest {
  readonly card: Card;
  readonly account: Account;
  readonly nickname: string;
}

function createRequest(ctx: EmulatorContext, value: unknown): CreateRequest {
  const body = object(value);
  const cardId = id(body, 'cardId', 'Card');
  const accountId = id(body, 'internalAccountId', 'InternalAccount');
  const nickname = string(body, 'nickname', { max: 256 });
  const card = ctx.state.cards.get(cardId);
  // Grid finds the funding source by the (card, account) pair; anything else is "not found".
  if (!card || card.accountId !== accountId) throw notFound('Card funding source');
  return { card, account: findAccount(ctx, accountId), nickname };
}

function ensureNoActiveKey(ctx: EmulatorContext, card: Card): void {
  const active = [...ctx.state.delegatedKeys.values()].some((k) => k.fundingSourceId === card.fundingSourceId && k.status === 'ACTIVE');
  if (active) throw new ApiError(409, 'CONFLICT', 'An ACTIVE delegated key already exists for this card funding source; revoke it first');
}

async function createDelegatedKey(req: ApiRequest, ctx: EmulatorContext): Promise<ApiResponse> {
  const { card, account, nickname } = createRequest(ctx, req.body);
  ensureNoActiveKey(ctx, card);
  const op = { operation: 'delegatedKey.create', resourceId: account.id, body: req.body };
  const now = ctx.clock.now();
  if (!isSignedRetry(req)) {
    const publicKey = bytesToHex(compressPublicKey((await generateP256Key()).publicKey));
    const userId = newTurnkeyId('user');
    const parameters = {
      users: [
        {
          apiKeys: [{ apiKeyName: nickname, curveType: 'API_KEY_CURVE_P256', publicKey }],
          userId,
          userName: `Delegated key for ${card.id}`,
        },
      ],
    };
    const data: CreateLeg = { leg: 'identity', publicKey, userId };
    return signedRequestChallenge(ctx, { ...op, payloadToSign: activity(account, ActivityType.CreateUsers, parameters, now), data });
  }
  const pending = verifySignedRetry<CreateLeg>(ctx, req, op, sessionOfAccount(ctx, account.id));
  if (pending.data.leg === 'identity') {
    const key: DelegatedKey = {
      id: newId('DelegatedKey'),
      cardId: card.id,
      fundingSourceId: card.fundingSourceId,
      accountId: account.id,
      publicKey: pending.data.publicKey,
      nickname,
      status: 'PENDING',
      createdAt: now,
      updatedAt: now,
    };
    ctx.state.delegatedKeys.set(key.id, key);
    const policy = {
      condition: "activity.resource == 'PRIVATE_KEY' && activity.action == 'SIGN'",
      consensus: `approvers.any(user, user.id == '${pending.data.userId}')`,
      effect: 'EFFECT_ALLOW',
      policyName: `Card ${card.id} signing`,
    };
    const data: CreateLeg = { leg: 'policy', keyId: key.id };
    return signedRequestChallenge(ctx, {
      ...op,
      payloadToSign: activity(account, ActivityType.CreatePolicies, { policies: [policy] }, now),
      data,
    });
  }
  const key = ctx.state.delegatedKeys.get(pending.data.keyId)!;
  key.status = 'ACTIVE';
  key.updatedAt = now;
  return { status: 201, body: delegatedKeyView(key) };
}

function listDelegatedKeys(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const accountId = req.query.get('accountId');
  const fundingSourceId = req.query.get('fundingSourceId');
  if (accountId === null && fundingSourceId === null) throw invalidInput('accountId', 'or fundingSourceId query parameter is required');
  if (accountId !== null && !isId('InternalAccount', accountId))
    throw invalidInput('accountId', 'must be an InternalAccount id (InternalAccount:<uuid>)');
  if (fundingSourceId !== null && !isId('CardFundingSource', fundingSourceId)) {
    throw invalidInput('fundingSourceId', 'must be a CardFundingSource id (CardFundingSource:<uuid>)');
  }
  const keys = [...ctx.state.delegatedKeys.values()].filter(
    (k) => (accountId === null || k.accountId === accountId) && (fundingSourceId === null || k.fundingSourceId === fundingSourceId),
  );
  return { status: 200, body: { data: keys.map(delegatedKeyView) } };
}

function findKey(ctx: EmulatorContext, keyId: string): DelegatedKey {
  const key = ctx.state.delegatedKeys.get(keyId);
  if (!key) throw notFound('Delegated key');
  return key;
}

/** Revocation is authorised by the delegated key itself (Grid custodies it): no customer signature. */
function revokeDelegatedKey(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const key = findKey(ctx, req.params.id!);
  if (key.status !== 'ACTIVE') throw invalidInput('id', `the delegated key is ${key.status}, not ACTIVE`);
  key.status = 'REVOKED';
  key.updatedAt = ctx.clock.now();
  return { status: 204 };
}

export const delegatedKeyRoutes = [
  route('POST', `${GRID}/auth/delegated-keys`, 'grid', createDelegatedKey),
  route('GET', `${GRID}/auth/delegated-keys`, 'grid', listDelegatedKeys),
  route('GET', `${GRID}/auth/delegated-keys/:id`, 'grid', (req, ctx) => ({
    status: 200,
    body: delegatedKeyView(findKey(ctx, req.params.id!)),
  })),
  route('DELETE', `${GRID}/auth/delegated-keys/:id`, 'grid', revokeDelegatedKey),
];
