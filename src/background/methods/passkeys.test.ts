import { describe, expect, it } from 'vitest';
import { bytesToBase64url, passkeyUserHandle } from '../../core/index.ts';
import { handlePageRequest } from '../pageRouter.ts';
import { createTestBackground, type TestBackground } from '../testing.ts';

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

/** An assertion as the window hands it over, for `CHALLENGE` in the extension's origin. */
function assertion(bg: TestBackground, userHandle?: Uint8Array) {
  const clientData = { type: 'webauthn.get', challenge: b64(CHALLENGE), origin: bg.ctx.extensionOrigin };
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
