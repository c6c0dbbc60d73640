import { describe, expect, it } from 'vitest';
import { verifyStamp } from '@grid-wallet/core';
import { approvalTimeoutMs } from './approvals/approvalTimeout.ts';
import { APPROVAL_TIMEOUT_MS } from './approvals/ApprovalQueue.ts';
import { handlePageRequest } from './pageRouter.ts';
import { handleInternalRequest } from './internalRouter.ts';
import { contentScriptOrigins, isExtensionPage, pageSenderOf } from './sender.ts';
import { PROMPT_BACKOFF_STEPS_MS, PromptBackoff } from './stores/PromptBackoff.ts';
import { createTestBackground, type TestBackground } from './testBackground.ts';
import manifest from '../../manifest.json' with { type: 'json' };

/** Prompt integrity (docs/security-model.md §3.10) in the background: keys behind prompts, stale prompts, connect back-off, session lifetime, senders. */

const SITE = { origin: 'https://app.example', tabId: 7 };
const ACCOUNT = 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002';
const SESSION_ID = 'Session:019542f5-b3e7-1d02-0000-00000000a001';

let n = 0;
async function call(bg: TestBackground, method: string, params?: unknown, sender = SITE): Promise<any> {
  return handlePageRequest(bg.ctx, { kind: 'page-request', bridgeId: `bridge-${sender.tabId}`, id: `req-${++n}`, method, params }, sender);
}

async function connected() {
  const bg = await createTestBackground();
  await bg.ctx.connections.connect(SITE.origin);
  return bg;
}

const inMinutes = (bg: TestBackground, minutes: number) => new Date(bg.clock.time + minutes * 60_000).toISOString();

async function openSession(bg: TestBackground, extra: Record<string, unknown> = {}) {
  const key = await call(bg, 'grid_createClientKey');
  return call(bg, 'grid_openSession', {
    clientKeyId: key.result.clientKeyId,
    accountId: ACCOUNT,
    expiresAt: inMinutes(bg, 15),
    sessionId: SESSION_ID,
    ...extra,
  });
}

async function pendingId(bg: TestBackground): Promise<string> {
  const [pending] = await bg.ctx.approvals.list();
  return pending!.view.id;
}

describe('the key behind a prompt', () => {
  it('grid_openSession refuses a live sessionId under another key (-32602 sessionId) and leaves the session as it was', async () => {
    const bg = await connected();
    const first = await openSession(bg);
    const swap = await openSession(bg);
    expect(swap).toMatchObject({ error: { code: -32602, data: { field: 'params.sessionId' } } });
    expect((await call(bg, 'grid_listSessions')).result).toEqual([first.result]);
  });

  it('approving signs with the key the prompt showed, or not at all (4404 replaced) if the id now names another', async () => {
    const bg = await connected();
    const first = await openSession(bg);
    expect(await call(bg, 'grid_signPayload', { sessionId: SESSION_ID, payloadToSign: 'pay' })).toEqual({ pending: true });
    const shown = (await bg.ctx.approvals.list())[0]!.view as { signer: { publicKey: string } };
    expect(shown.signer.publicKey).toBe(first.result.publicKey);

    await call(bg, 'grid_endSession', { sessionId: SESSION_ID });
    const second = await openSession(bg);
    expect(second.result.publicKey).not.toBe(first.result.publicKey);
    const reply = await bg.ctx.approvals.decide(await pendingId(bg), { kind: 'sign' });
    expect(reply).toEqual({ error: expect.objectContaining({ code: 4404, data: { reason: 'replaced' } }) });
    expect((await bg.ctx.activity.recent()).some((a) => a.kind === 'signed')).toBe(false);
  });

  it('an unchanged key still signs after approval', async () => {
    const bg = await connected();
    const opened = await openSession(bg);
    await call(bg, 'grid_signPayload', { sessionId: SESSION_ID, payloadToSign: 'pay' });
    const reply = (await bg.ctx.approvals.decide(await pendingId(bg), { kind: 'sign' })) as {
      result: { signature: string; publicKey: string };
    };
    expect(reply.result.publicKey).toBe(opened.result.publicKey);
    expect(verifyStamp(reply.result.signature, 'pay')).toBe(true);
  });

  it("an answer of another kind than the prompt's approves nothing (-32603) and the page hears so", async () => {
    const bg = await connected();
    await openSession(bg);
    await call(bg, 'grid_signPayload', { sessionId: SESSION_ID, payloadToSign: 'pay' });
    const reply = await bg.ctx.approvals.decide(await pendingId(bg), { kind: 'connect' });
    expect(reply).toEqual({ error: expect.objectContaining({ code: -32603 }) });
    expect(bg.delivered.at(-1)!.reply).toEqual(reply);
    expect((await bg.ctx.activity.recent()).some((a) => a.kind === 'signed')).toBe(false);
  });
});

describe('session lifetime', () => {
  it('refuses expiresAt in the past or more than 24 hours ahead, naming expiresAt; 24 hours exactly is fine', async () => {
    const bg = await connected();
    for (const expiresAt of ['9999-12-31T23:59:59Z', inMinutes(bg, 24 * 60 + 1), inMinutes(bg, -1)]) {
      expect(await openSession(bg, { expiresAt })).toMatchObject({ error: { code: -32602, data: { field: 'params.expiresAt' } } });
    }
    expect(await openSession(bg, { expiresAt: inMinutes(bg, 24 * 60) })).toHaveProperty('result');
  });
});

describe('prompts whose site goes', () => {
  for (const how of ['wallet_disconnect', 'sites/disconnect'] as const) {
    it(`${how}: the site's prompts are answered 4100, other sites' stay, and a late approval does nothing`, async () => {
      const bg = await connected();
      const other = { origin: 'https://other.example', tabId: 9 };
      await bg.ctx.connections.connect(other.origin);
      await call(bg, 'grid_collectOtp', { credentialId: 'AuthMethod:1' });
      await call(bg, 'grid_collectOtp', { credentialId: 'AuthMethod:2' }, other);
      const mine = await pendingId(bg);

      if (how === 'wallet_disconnect') await call(bg, 'wallet_disconnect');
      else await handleInternalRequest(bg.ctx, { kind: 'internal', action: 'sites/disconnect', params: { origin: SITE.origin } });

      expect(bg.delivered.map((d) => [d.address.tabId, d.reply])).toEqual([
        [SITE.tabId, { error: expect.objectContaining({ code: 4100 }) }],
      ]);
      expect(await bg.ctx.approvals.decide(mine, { kind: 'otp', code: '123456' })).toMatchObject({ error: { code: 4404 } });
      expect(bg.delivered).toHaveLength(1);
      expect((await bg.ctx.approvals.list()).map((a) => a.view.origin)).toEqual([other.origin]);
    });
  }
});

const PASSKEY_PARAMS = { accountId: ACCOUNT, nickname: 'Laptop', challenge: 'Y2hhbGxlbmdl', user: { name: 'ada', displayName: 'Ada' } };

describe('prompt back-off', () => {
  async function rejectConnect(bg: TestBackground) {
    expect(await call(bg, 'wallet_connect')).toEqual({ pending: true });
    await bg.ctx.approvals.decide(await pendingId(bg), null);
  }

  it('each rejected connect pauses the site longer (10 s, 1 min, 10 min, 1 h): 4001 without a prompt meanwhile', async () => {
    const bg = await createTestBackground();
    for (const pause of [...PROMPT_BACKOFF_STEPS_MS, PROMPT_BACKOFF_STEPS_MS.at(-1)!]) {
      await rejectConnect(bg);
      const shown = bg.window.shown;
      bg.clock.advance(pause - 1);
      expect(await call(bg, 'wallet_connect')).toMatchObject({ error: { code: 4001, message: expect.stringMatching(/recently/) } });
      expect(bg.window.shown).toBe(shown);
      expect(await bg.ctx.approvals.list()).toEqual([]);
      bg.clock.advance(1);
    }
  });

  it('survives a worker restart (state in storage.session) and other sites are not paused', async () => {
    const bg = await createTestBackground();
    await rejectConnect(bg);
    const restarted = new PromptBackoff(bg.session, bg.clock.now);
    expect(await restarted.isPaused(SITE.origin)).toBe(true);
    expect(await restarted.isPaused('https://other.example')).toBe(false);
  });

  it('closing the window (reject all) pauses too; a successful connect clears it, as does "Allow again" in the toolbar', async () => {
    const bg = await createTestBackground();
    await call(bg, 'wallet_connect');
    await bg.ctx.approvals.rejectAll();
    expect(await bg.ctx.promptBackoff.isPaused(SITE.origin)).toBe(true);
    await handleInternalRequest(bg.ctx, { kind: 'internal', action: 'sites/allowConnect', params: { origin: SITE.origin } });
    expect(await call(bg, 'wallet_connect')).toEqual({ pending: true });
    await bg.ctx.approvals.decide(await pendingId(bg), { kind: 'connect' });
    await bg.ctx.connections.disconnect(SITE.origin);
    // The strike count started over: the next rejection pauses for the first step only.
    await rejectConnect(bg);
    bg.clock.advance(PROMPT_BACKOFF_STEPS_MS[0]);
    expect(await call(bg, 'wallet_connect')).toEqual({ pending: true });
  });

  it('rejecting a sign or OTP prompt does not pause connecting', async () => {
    const bg = await connected();
    await call(bg, 'grid_collectOtp', { credentialId: 'AuthMethod:1' });
    await bg.ctx.approvals.decide(await pendingId(bg), null);
    expect(await bg.ctx.promptBackoff.paused()).toEqual([]);
  });

  it('a page that leaves its prompts (reloads, closes) pauses every prompt kind from the second in a row; an approval clears it', async () => {
    const bg = await connected();
    const leaveOtpPrompt = async () => {
      expect(await call(bg, 'grid_collectOtp', { credentialId: 'AuthMethod:1' })).toEqual({ pending: true });
      await bg.ctx.approvals.dropTab(SITE.tabId);
    };
    await leaveOtpPrompt(); // the first is free (a customer's own reload)
    await leaveOtpPrompt();
    for (const pause of PROMPT_BACKOFF_STEPS_MS.slice(0, 2)) {
      bg.clock.advance(pause - 1);
      expect(await call(bg, 'grid_collectOtp', { credentialId: 'AuthMethod:2' })).toMatchObject({ error: { code: 4001 } });
      expect(await call(bg, 'grid_registerPasskey', PASSKEY_PARAMS)).toMatchObject({ error: { code: 4001 } });
      expect(await bg.ctx.approvals.list()).toEqual([]);
      bg.clock.advance(1);
      await leaveOtpPrompt();
    }
    bg.clock.advance(PROMPT_BACKOFF_STEPS_MS[2]);
    expect(await call(bg, 'grid_collectOtp', { credentialId: 'AuthMethod:3' })).toEqual({ pending: true });
    await bg.ctx.approvals.decide(await pendingId(bg), { kind: 'otp', code: '123456' });
    expect(await bg.ctx.promptBackoff.paused()).toEqual([]);
    await leaveOtpPrompt(); // free again: the strikes started over
    expect(await call(bg, 'grid_collectOtp', { credentialId: 'AuthMethod:4' })).toEqual({ pending: true });
  });
});

describe('page senders', () => {
  const allowed = contentScriptOrigins(manifest);
  const ID = 'extension-id';
  const sender = (extra: Record<string, unknown>) => ({
    id: ID,
    tab: { id: 3 } as never,
    frameId: 0,
    url: 'https://app.example/page',
    ...extra,
  });

  it("accepts exactly the manifest's content-script origins: https, and http only on localhost / 127.0.0.1 (any port)", () => {
    for (const origin of [
      'https://app.example',
      'https://a.b.example:8443',
      'http://localhost:8788',
      'http://localhost',
      'http://127.0.0.1:5173',
    ]) {
      expect(pageSenderOf(sender({ origin }), ID, allowed), origin).toEqual({ origin, tabId: 3 });
    }
    for (const origin of [
      'http://app.example',
      'http://localhost.evil.example',
      'http://127.0.0.2',
      'file://',
      'null',
      'chrome-extension://abc',
      'https://app.example/path',
      '',
    ]) {
      expect(pageSenderOf(sender({ origin }), ID, allowed), origin).toBeNull();
    }
  });

  it('never guesses: no sender.origin is refused, whatever the URL says', () => {
    expect(pageSenderOf(sender({}), ID, allowed)).toBeNull();
    expect(pageSenderOf(sender({ origin: undefined, url: 'https://app.example/' }), ID, allowed)).toBeNull();
  });

  it('still refuses frames, other extensions and tab-less senders', () => {
    const origin = 'https://app.example';
    expect(pageSenderOf(sender({ origin, frameId: 1 }), ID, allowed)).toBeNull();
    expect(pageSenderOf(sender({ origin, id: 'other' }), ID, allowed)).toBeNull();
    expect(pageSenderOf(sender({ origin, tab: undefined }), ID, allowed)).toBeNull();
  });

  it("the internal router (message or port) hears only this extension's own pages, never a content script's sender", () => {
    const base = 'chrome-extension://extension-id/';
    const approvalWindow = { id: ID, url: `${base}src/popup/approval.html`, origin: 'chrome-extension://extension-id' };
    expect(isExtensionPage(approvalWindow, ID, base)).toBe(true);
    // A content script's port or message carries our id but the page's URL.
    expect(isExtensionPage(sender({ origin: 'https://app.example' }), ID, base)).toBe(false);
    expect(isExtensionPage({ ...approvalWindow, id: 'other' }, ID, base)).toBe(false);
    expect(isExtensionPage({ id: ID, url: 'chrome-extension://other-id/src/popup/approval.html' }, ID, base)).toBe(false);
    expect(isExtensionPage({ id: ID }, ID, base)).toBe(false);
  });

  it('a manifest pattern it does not understand matches nothing', () => {
    expect(contentScriptOrigins({ content_scripts: [{ matches: ['<all_urls>', '*://*/*'] }] })('https://app.example')).toBe(false);
  });
});

describe('the test-only prompt timeout', () => {
  const local = (value: unknown) => ({ get: async () => ({ approvalTimeoutMs: value }) });

  it('is honoured only by development builds', async () => {
    expect(await approvalTimeoutMs(local(1500), true)).toBe(1500);
    expect(await approvalTimeoutMs(local(1500), false)).toBe(APPROVAL_TIMEOUT_MS);
    expect(await approvalTimeoutMs(local('1500'), true)).toBe(APPROVAL_TIMEOUT_MS);
    expect(await approvalTimeoutMs(local(-1), true)).toBe(APPROVAL_TIMEOUT_MS);
  });
});
