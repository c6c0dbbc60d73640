import { base64urlToBytes, bytesEqual, bytesToBase64url, fromUtf8, isPasskeyUserHandleOf, passkeyUserHandle } from '@grid-wallet/core';
import { type AuthenticatorTransport, errors } from '@grid-wallet/protocol';
import { arrayOf, base64url, object, optional, string, type Validator } from '@grid-wallet/protocol/validate';
import type { PromptingMethod } from '../context.ts';
import { ask } from './ask.ts';

/**
 * Passkey ceremonies (docs/architecture.md §6). They run in the approval window, an extension
 * page, which claims the site's registrable domain as the RP ID (popup/passkeyRpId.ts),
 * taken from the browser's sender origin: the page has no say in it. Sites under one
 * registrable domain share that RP ID, so the background also binds each passkey to its
 * site: it chooses the WebAuthn user handle (core/passkeyUser.ts) and accepts an assertion
 * only with the asking site's handle. It queues the request and checks what the window hands back.
 */

/**
 * WebAuthn's RP ID is a domain: a site at an IP address (http://127.0.0.1 in development) can
 * have no passkey, and is told so before any prompt. Which domain is the window's to find
 * (popup/passkeyRpId.ts), since it needs the Public Suffix List.
 */
function requireDomain(origin: string): void {
  const { protocol, hostname } = new URL(origin);
  const ipAddress = /^[\d.]+$/.test(hostname) || hostname.startsWith('[');
  if (hostname !== 'localhost' && (protocol !== 'https:' || ipAddress)) throw errors.passkeysNeedDomain();
}

/** The RP ID the window claimed: the site's host name or a parent domain of it, nothing else. */
function claimedFor(origin: string, rpId: unknown): string {
  const { hostname } = new URL(origin);
  if (typeof rpId !== 'string' || !(hostname === rpId || hostname.endsWith(`.${rpId}`))) throw errors.internal();
  return rpId;
}

const TRANSPORTS: readonly AuthenticatorTransport[] = ['usb', 'nfc', 'ble', 'internal', 'hybrid'];

// Transports Grid does not know (newer browsers add some) are dropped rather than failing the ceremony.
const transports: Validator<AuthenticatorTransport[]> = (value, field) =>
  arrayOf(string({ max: 16 }), 8)(value, field).filter((t): t is AuthenticatorTransport =>
    TRANSPORTS.includes(t as AuthenticatorTransport),
  );

const attestationShape = object({
  credentialId: base64url(1024),
  clientDataJson: base64url(4096),
  attestationObject: base64url(16_384),
  transports: optional(transports),
});

const assertionShape = object({
  credentialId: base64url(1024),
  clientDataJson: base64url(4096),
  authenticatorData: base64url(4096),
  signature: base64url(512),
  userHandle: optional(base64url(64)),
});

/** Checks the window's clientDataJSON really is for this ceremony, challenge and origin. */
function checkClientData(clientDataJson: string, type: string, challenge: Uint8Array, origin: string): void {
  let data: { type?: unknown; challenge?: unknown; origin?: unknown };
  try {
    data = JSON.parse(fromUtf8(base64urlToBytes(clientDataJson)));
    if (typeof data.challenge === 'string') base64urlToBytes(data.challenge);
  } catch {
    throw errors.invalidParams('clientDataJson', 'is not WebAuthn client data');
  }
  const sameChallenge = typeof data.challenge === 'string' && bytesEqual(base64urlToBytes(data.challenge), challenge);
  if (data.type !== type || !sameChallenge || data.origin !== origin) {
    throw errors.invalidParams('clientDataJson', 'does not match this request');
  }
}

export const grid_registerPasskey: PromptingMethod<'passkey-create'> = {
  start: async (ctx, call) => {
    requireDomain(call.origin);
    const userHandle = bytesToBase64url(await passkeyUserHandle(call.origin, call.params.accountId));
    return ask(ctx, call, { kind: 'passkey-create', origin: call.origin, params: call.params, userHandle });
  },

  complete: async (ctx, { origin, params }, input) => {
    const rpId = claimedFor(origin, input.rpId);
    const attestation = attestationShape(input.credential, 'attestation');
    checkClientData(attestation.clientDataJson, 'webauthn.create', base64urlToBytes(params.challenge), ctx.webauthnOrigin);
    await ctx.passkeys.add({
      origin,
      credentialId: attestation.credentialId,
      rpId,
      accountId: params.accountId,
      nickname: params.nickname,
      createdAt: ctx.now(),
    });
    ctx.activity.add({ origin, kind: 'passkey-created', detail: params.nickname });
    return {
      nickname: params.nickname,
      challenge: params.challenge,
      attestation: { ...attestation, transports: attestation.transports ?? [] },
    };
  },
};

export const grid_getPasskeyAssertion: PromptingMethod<'passkey-get'> = {
  start: async (ctx, call) => {
    const known = await ctx.passkeys.get(call.origin, call.params.credentialId);
    // Made here for another site: refused before any prompt, answered like an unknown passkey.
    if (!known && (await ctx.passkeys.createdHere(call.params.credentialId))) throw errors.passkeyNotFound();
    if (!known) requireDomain(call.origin);
    return ask(ctx, call, {
      kind: 'passkey-get',
      origin: call.origin,
      params: call.params,
      // A passkey recorded without an RP ID was made under the extension's own origin, and keeps it.
      ...(known && (known.rpId === undefined ? { extensionRpId: true } : { rpId: known.rpId })),
      ...(known && { known: { accountId: known.accountId, nickname: known.nickname } }),
    });
  },

  complete: async (ctx, { origin, params, extensionRpId }, input) => {
    const assertion = assertionShape(input.credential, 'assertion');
    if (assertion.credentialId !== params.credentialId) throw errors.invalidParams('credentialId', 'is not the passkey that was asked for');
    // A passkey synced from elsewhere has no record here: its user handle alone says whose it is.
    if (!(await isPasskeyUserHandleOf(assertion.userHandle === undefined ? undefined : base64urlToBytes(assertion.userHandle), origin))) {
      throw errors.passkeyNotFound();
    }
    const webauthnOrigin = extensionRpId ? ctx.extensionOrigin : ctx.webauthnOrigin;
    checkClientData(assertion.clientDataJson, 'webauthn.get', new TextEncoder().encode(params.challenge), webauthnOrigin);
    ctx.activity.add({
      origin,
      kind: 'passkey-used',
      detail: (await ctx.passkeys.get(origin, params.credentialId))?.nickname ?? params.credentialId,
    });
    return { assertion };
  },
};
