import { describe, expect, it } from 'vitest';
import { bytesToBase64url, passkeyUserHandle } from '@grid-wallet/core';
import { handlePageRequest } from '../pageRouter.ts';
import type { ApprovalView } from '../../extension-protocol/internal.ts';
import { createTestBackground, type TestBackground } from '../testBackground.ts';

const SITE = { origin: 'https://app.example', tabId: 7 };
const OTHER = { origin: 'https://evil.example', tabId: 8 };
const ACCOUNT = 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002';
const CREDENTIAL = Buffer.from('credential-1').toString('base64url');
const CHALLENGE = 'ab'.repeat(32);
const NOT_THIS_SITES = { code: 4404, message: 'No passkey of this site has this credentialId', data: { reason: 'not_found' } };

let n = 0;
const call = (bg: TestBackground, method: string, params: unknown, sender = SITE) =>
  handlePageRequest(bg.ctx, { kind: 'page-request', bridgeId: `bridge-${sender.tabId}`, id: `req-${++n}`, method, params }, sender);

async function background() {
  const bg = await createTestBackground();
  await bg.ctx.connections.connect(SITE.origin);
  await bg.ctx.connections.connect(OTHER.origin);
  return bg;
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** An assertion as the window hands it over, for `CHALLENGE` under a site RP ID. */
function assertion(bg: TestBackground, userHandle?: Uint8Array) {
  const clientData = { type: 'webauthn.get', challenge: b64(CHALLENGE), origin: bg.ctx.webauthnOrigin };
  return {
    credentialId: CREDENTIAL,
    clientDataJson: b64(JSON.stringify(clientData)),
    authenticatorData: b64('authenticator data'),
    signature: b64('signature'),
    ...(userHandle && { userHandle: bytesToBase64url(userHandle) }),
  };
}

/** Asks for an assertion from `sender` and approves the prompt with `credential`; returns what the page got. */
async function assertWith(bg: TestBackground, sender: typeof SITE, credential: unknown) {
  expect(await call(bg, 'grid_getPasskeyAssertion', { credentialId: CREDENTIAL, challenge: CHALLENGE }, sender)).toEqual({ pending: true });
  const [pending] = await bg.ctx.approvals.list();
  await bg.ctx.approvals.decide(pending!.view.id, { kind: 'passkey-get', credential });
  return bg.delivered.at(-1)!.reply;
}

describe('passkeys are bound to the site that made them', () => {
  it("registration takes the extension's user handle for the site and account, never the page's user.id", async () => {
    const bg = await background();
    const user = { id: b64('page-chosen'), name: 'ada@example.com', displayName: 'Ada' };
    await call(bg, 'grid_registerPasskey', { accountId: ACCOUNT, nickname: 'Laptop', challenge: b64('challenge'), user });
    await call(
      bg,
      'grid_registerPasskey',
      { accountId: ACCOUNT, nickname: 'Laptop', challenge: b64('challenge'), user: { name: 'ada', displayName: 'Ada' } },
      OTHER,
    );
    const views = (await bg.ctx.approvals.list()).map((r) => r.view);
    expect(views.map((v) => v.kind === 'passkey-create' && v.userHandle)).toEqual([
      bytesToBase64url(await passkeyUserHandle(SITE.origin, ACCOUNT)),
      bytesToBase64url(await passkeyUserHandle(OTHER.origin, ACCOUNT)),
    ]);
  });

  it('a passkey this browser made for another site is refused at once, with no prompt, like an unknown one', async () => {
    const bg = await background();
    await bg.ctx.passkeys.add({ origin: SITE.origin, credentialId: CREDENTIAL, accountId: ACCOUNT, nickname: 'Laptop', createdAt: 0 });
    expect(await call(bg, 'grid_getPasskeyAssertion', { credentialId: CREDENTIAL, challenge: CHALLENGE }, OTHER)).toEqual({
      error: NOT_THIS_SITES,
    });
    expect(await bg.ctx.approvals.list()).toEqual([]);
    expect(bg.window.shown).toBe(0);
    // Its own site is asked as before, and the prompt knows the passkey.
    expect(await call(bg, 'grid_getPasskeyAssertion', { credentialId: CREDENTIAL, challenge: CHALLENGE })).toEqual({ pending: true });
    expect((await bg.ctx.approvals.list())[0]!.view).toMatchObject({
      kind: 'passkey-get',
      known: { accountId: ACCOUNT, nickname: 'Laptop' },
    });
  });

  it("an assertion carrying another site's user handle, a page-chosen one or none reaches no page", async () => {
    const bg = await background();
    for (const handle of [await passkeyUserHandle(SITE.origin, ACCOUNT), new TextEncoder().encode('user_7f3a'), undefined]) {
      expect(await assertWith(bg, OTHER, assertion(bg, handle))).toEqual({ error: NOT_THIS_SITES });
    }
    expect(await bg.ctx.activity.recent(10)).toEqual([]);
  });

  it("an assertion with the site's own handle (a passkey synced from another browser, unknown here) is delivered", async () => {
    const bg = await background();
    const credential = assertion(bg, await passkeyUserHandle(SITE.origin, 'InternalAccount:any'));
    expect(await assertWith(bg, SITE, credential)).toEqual({ result: { assertion: credential } });
  });
});

describe("passkeys live under the site's RP ID, which the page cannot choose", () => {
  const register = (bg: TestBackground, sender: typeof SITE, rp?: unknown) =>
    call(bg, 'grid_registerPasskey', { accountId: ACCOUNT, nickname: 'Laptop', challenge: b64('challenge'), user: PAGE_USER, rp }, sender);
  const PAGE_USER = { id: b64('page-chosen'), name: 'ada@example.com', displayName: 'Ada' };

  it("a page's rp.id is dropped; the RP ID recorded is one the sender origin's host may claim, or nothing is", async () => {
    const bg = await createTestBackground();
    const shop = { origin: 'https://shop.example.co.uk', tabId: 9 };
    await bg.ctx.connections.connect(shop.origin);
    const created = (rpId: string) => {
      const clientData = { type: 'webauthn.create', challenge: b64('challenge'), origin: bg.ctx.webauthnOrigin };
      const credential = { credentialId: CREDENTIAL, clientDataJson: b64(JSON.stringify(clientData)), attestationObject: b64('ao') };
      return { kind: 'passkey-create' as const, credential, rpId };
    };
    for (const [rpId, recorded] of [
      ['evil.example', undefined],
      ['hop.example.co.uk', undefined],
      ['example.co.uk', 'example.co.uk'],
    ] as const) {
      expect(await register(bg, shop, { id: 'evil.example', name: 'Shop' })).toEqual({ pending: true });
      const view = (await bg.ctx.approvals.list())[0]!.view as Extract<ApprovalView, { kind: 'passkey-create' }>;
      expect(view.params.rp).toEqual({ name: 'Shop' });
      await bg.ctx.approvals.decide(view.id, created(rpId));
      expect((await bg.ctx.passkeys.get(shop.origin, CREDENTIAL))?.rpId).toBe(recorded);
    }
  });

  it('a site without a domain (an IP address) gets 4200 and no prompt, for both ceremonies', async () => {
    const bg = await createTestBackground();
    const ip = { origin: 'http://127.0.0.1:8788', tabId: 9 };
    await bg.ctx.connections.connect(ip.origin);
    const NEED_DOMAIN = { code: 4200, message: 'Passkeys need a site with a domain name (https, or http://localhost)' };
    expect(await register(bg, ip)).toEqual({ error: NEED_DOMAIN });
    expect(await call(bg, 'grid_getPasskeyAssertion', { credentialId: CREDENTIAL, challenge: CHALLENGE }, ip)).toEqual({
      error: NEED_DOMAIN,
    });
    expect(bg.window.shown).toBe(0);
  });

  it('the created passkey is recorded with its RP ID; one recorded without (made under the extension origin) keeps that', async () => {
    const bg = await background();
    await register(bg, SITE);
    const [pending] = await bg.ctx.approvals.list();
    const clientData = { type: 'webauthn.create', challenge: b64('challenge'), origin: bg.ctx.webauthnOrigin };
    const attestation = { credentialId: CREDENTIAL, clientDataJson: b64(JSON.stringify(clientData)), attestationObject: b64('ao') };
    await bg.ctx.approvals.decide(pending!.view.id, { kind: 'passkey-create', credential: attestation, rpId: 'app.example' });
    expect(await bg.ctx.passkeys.get(SITE.origin, CREDENTIAL)).toMatchObject({ rpId: 'app.example' });

    const legacy = Buffer.from('made-before-site-rp-ids').toString('base64url');
    await bg.ctx.passkeys.add({ origin: SITE.origin, credentialId: legacy, accountId: ACCOUNT, nickname: 'Old', createdAt: 0 });
    await call(bg, 'grid_getPasskeyAssertion', { credentialId: legacy, challenge: CHALLENGE });
    await call(bg, 'grid_getPasskeyAssertion', { credentialId: CREDENTIAL, challenge: CHALLENGE });
    const views = (await bg.ctx.approvals.list()).map((r) => r.view);
    expect(views.map((v) => v.kind === 'passkey-get' && [v.rpId, v.extensionRpId])).toEqual([
      [undefined, true],
      ['app.example', undefined],
    ]);
  });

  it("in Firefox the client data must carry the add-on id's WebAuthn origin, not the pages' per-profile one", async () => {
    const bg = await background();
    bg.ctx.extensionOrigin = 'moz-extension://6b1f4d0e-8a51-4c2e-9f3a-2d7c9e5b4a10';
    bg.ctx.webauthnOrigin = 'moz-extension://oneikofhpjgcfleadacmmjbjcolhdafcnljlfpffefnjnfihkimopkahmifecdla';
    const handle = await passkeyUserHandle(SITE.origin, ACCOUNT);
    const signed = (origin: string) => ({
      ...assertion(bg, handle),
      clientDataJson: b64(JSON.stringify({ type: 'webauthn.get', challenge: b64(CHALLENGE), origin })),
    });
    expect(await assertWith(bg, SITE, signed(bg.ctx.extensionOrigin))).toMatchObject({ error: { code: -32602 } });
    const good = signed(bg.ctx.webauthnOrigin);
    expect(await assertWith(bg, SITE, good)).toEqual({ result: { assertion: good } });
  });
});
