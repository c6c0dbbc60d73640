import { PROTOCOL_VERSION } from '@grid-wallet/protocol';
import type { StatusResult } from '@grid-wallet/protocol';
import type { BackgroundContext, MethodHandler, PromptingMethod } from '../context.ts';
import { toSessionInfo } from '../stores/SessionStore.ts';
import { ask } from './ask.ts';

/**
 * wallet_connect: already connected answers at once; otherwise the user is asked
 * (unless the site is paused, see stores/PromptBackoff.ts).
 */
export const wallet_connect: PromptingMethod<'connect'> = {
  start: async (ctx, call) => {
    if (await ctx.connections.isConnected(call.origin)) return { origin: call.origin, version: PROTOCOL_VERSION };
    return ask(ctx, call, { kind: 'connect', origin: call.origin, params: {} });
  },

  complete: async (ctx, { origin }) => {
    await ctx.connections.connect(origin);
    ctx.activity.add({ origin, kind: 'connected', detail: origin });
    return { origin, version: PROTOCOL_VERSION };
  },
};

/** wallet_disconnect: forgets the origin's grant, client keys, sessions and passkey records, and drops its prompts (4100). */
export const wallet_disconnect: MethodHandler<'wallet_disconnect'> = async (ctx, call) => {
  await forgetOrigin(ctx, call.origin);
  return null;
};

export async function forgetOrigin(ctx: BackgroundContext, origin: string): Promise<void> {
  const wasConnected = await ctx.connections.isConnected(origin);
  await ctx.approvals.dropOrigin(origin); // first, so nothing of this site can still be approved meanwhile
  await Promise.all([
    ctx.connections.disconnect(origin),
    ctx.clientKeys.deleteForOrigin(origin),
    ctx.sessions.deleteForOrigin(origin),
    ctx.passkeys.deleteForOrigin(origin),
  ]);
  ctx.notifyExtensionPages();
  if (!wasConnected) return;
  ctx.activity.add({ origin, kind: 'disconnected', detail: origin });
  await ctx.pages.broadcast(origin, 'disconnected', {});
}

export const wallet_status: MethodHandler<'wallet_status'> = async (ctx, call): Promise<StatusResult> => {
  if (!(await ctx.connections.isConnected(call.origin))) return { connected: false, version: PROTOCOL_VERSION };
  const [sessions, passkeys] = await Promise.all([ctx.sessions.list(call.origin), ctx.passkeys.list(call.origin)]);
  return {
    connected: true,
    version: PROTOCOL_VERSION,
    sessions: sessions.map(toSessionInfo),
    passkeys: passkeys.map(({ credentialId, accountId, nickname }) => ({ credentialId, accountId, nickname })),
  };
};
