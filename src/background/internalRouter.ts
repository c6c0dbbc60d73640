import { errors, toErrorPayload } from '@grid-wallet/protocol';
import type { DashboardView, InternalAction, InternalMessage, InternalRequests } from '../extension-protocol/internal.ts';
import type { BackgroundContext } from './context.ts';
import { forgetOrigin } from './methods/connection.ts';
import { endSession } from './methods/sessions.ts';
import { revealWalletExport } from './methods/walletExport.ts';
import { activeGrant } from './stores/ConnectionStore.ts';
import { toSessionInfo } from './stores/SessionStore.ts';
import { checkSettings } from './stores/SettingsStore.ts';

/** How many of each site's newest activity entries the toolbar gets (it shows a few per site, all of one site when filtered). */
const ACTIVITY_READ_PER_SITE = 20;

type Handlers = {
  [A in InternalAction]: (ctx: BackgroundContext, params: InternalRequests[A]['params']) => Promise<InternalRequests[A]['result']>;
};

/** What the extension's own pages (approval window, toolbar popup) may ask. Never reachable from a web page. */
const HANDLERS: Handlers = {
  'approvals/list': async (ctx) => (await ctx.approvals.list()).map((record) => record.view),

  'approvals/decide': async (ctx, params) => {
    const reply = await ctx.approvals.decide(params.approvalId, params.approved ? params.input : null);
    return 'error' in reply && params.approved ? { ok: false, error: reply.error } : { ok: true };
  },

  'approvals/rejectAll': async (ctx) => {
    await ctx.approvals.rejectAll();
    return null;
  },

  'approvals/rejectOrigin': async (ctx, { origin }) => {
    await ctx.approvals.rejectOrigin(origin);
    return null;
  },

  'approvals/show': async (ctx) => {
    await ctx.approvals.show();
    return null;
  },

  'passkeys/list': async (ctx, { origin, accountId }) =>
    (await ctx.passkeys.list(origin))
      .filter((passkey) => passkey.accountId === accountId)
      .map(({ credentialId, accountId, nickname, createdAt }) => ({ credentialId, accountId, nickname, createdAt })),

  'dashboard/get': async (ctx): Promise<DashboardView> => {
    const [connections, sessions, activity, pending, pausedSites] = await Promise.all([
      ctx.connections.list(),
      ctx.sessions.listAll(),
      ctx.activity.recent(ACTIVITY_READ_PER_SITE),
      ctx.approvals.list(),
      ctx.promptBackoff.paused(),
    ]);
    return {
      sites: connections.map((connection) => {
        const signingGrant = activeGrant(connection, ctx.now());
        return {
          origin: connection.origin,
          connectedAt: connection.connectedAt,
          ...(signingGrant && { signingGrant }),
          sessions: sessions.filter((s) => s.origin === connection.origin).map(toSessionInfo),
        };
      }),
      pausedSites,
      activity: activity.map(({ at, origin, kind, detail, consent }) => ({ at, origin, kind, title: detail, ...(consent && { consent }) })),
      pendingApprovals: pending.length,
    };
  },

  'sites/disconnect': async (ctx, { origin }) => {
    await forgetOrigin(ctx, origin);
    return null;
  },

  'sites/allowConnect': async (ctx, { origin }) => {
    await ctx.promptBackoff.clear(origin);
    ctx.notifyExtensionPages();
    return null;
  },

  'sessions/end': async (ctx, { origin, sessionId }) => {
    await endSession(ctx, origin, sessionId);
    return null;
  },

  'grants/revoke': async (ctx, { origin }) => {
    await ctx.connections.revokeSigningGrant(origin);
    return null;
  },

  'settings/get': (ctx) => ctx.settings.get(),

  'settings/set': async (ctx, params) => {
    await ctx.settings.set(checkSettings(params));
    ctx.notifyExtensionPages();
    return ctx.settings.get();
  },
  'export/reveal': (ctx, { approvalId }) => revealWalletExport(ctx, approvalId),
};

export async function handleInternalRequest(
  ctx: BackgroundContext,
  message: InternalMessage,
): Promise<{ result: unknown } | { error: ReturnType<typeof toErrorPayload> }> {
  try {
    if (!Object.hasOwn(HANDLERS, message.action)) throw errors.unsupportedMethod(String(message.action));
    const handler = HANDLERS[message.action] as (ctx: BackgroundContext, params: unknown) => Promise<unknown>;
    return { result: await handler(ctx, message.params ?? {}) };
  } catch (error) {
    return { error: toErrorPayload(error) };
  }
}
