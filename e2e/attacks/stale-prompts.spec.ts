import { walletCall } from '../support/extension.ts';
import { connect, expectError, resultOf } from '../support/wallet.ts';
import { ask, expect, expectWindowClosed, internalCall, promptPage, test } from '../support/approvals.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { pendingApprovals, plainOtp } from './lesserSupport.ts';

/**
 * Prompt integrity (docs/security-model.md §3.10): a prompt answered after its deadline, or after its site was
 * disconnected, must deliver nothing (the reproduced attack: an OTP code an hour late).
 */

const OTP_TITLE = 'Enter your sign-in code';

test('a prompt past its deadline delivers nothing, even when the expiry alarm has not fired yet: the page gets 4408', async ({
  extension,
  extensionPage,
  page,
}) => {
  await connect(extension, page);
  const reply = ask(page, 'grid_collectOtp', plainOtp());
  const prompt = await promptPage(extension, OTP_TITLE);
  // The browser's alarm is late (a sleeping laptop, a throttled worker): the deadline passes, the sweep has not run.
  const worker = await extension.serviceWorker();
  await worker.evaluate(async () => {
    await chrome.alarms.clearAll();
    const all = await chrome.storage.session.get(null);
    for (const [key, value] of Object.entries(all)) {
      const record = value as { view: object };
      if (key.startsWith('approval:'))
        await chrome.storage.session.set({ [key]: { ...record, view: { ...record.view, expiresAt: Date.now() - 60 * 60_000 } } });
    }
  });
  await prompt.getByLabel('One-time code').pressSequentially('483920');
  await prompt
    .getByRole('button', { name: 'Verify', exact: true })
    .click()
    .catch(() => undefined);
  expectError(await reply, 4408);
  await expectWindowClosed(extension);
  expect(await pendingApprovals(extensionPage)).toEqual([]);
});

for (const how of ['wallet_disconnect from the page', 'Disconnect in the toolbar'] as const) {
  test(`${how}: the site's open prompts are dropped (4100) and a late answer from the window does nothing`, async ({
    extension,
    extensionPage,
    page,
    site,
  }) => {
    await connect(extension, page);
    const reply = ask(page, 'grid_collectOtp', plainOtp());
    await promptPage(extension, OTP_TITLE);
    const [approval] = await pendingApprovals(extensionPage);

    if (how === 'wallet_disconnect from the page') expect(resultOf(await walletCall(page, 'wallet_disconnect'))).toBeNull();
    else expect(await internalCall(extensionPage, 'sites/disconnect', { origin: site.origin })).toEqual({ result: null });

    const late = await internalCall(extensionPage, 'approvals/decide', {
      approvalId: approval!.id,
      approved: true,
      input: { kind: 'otp', code: '483920' },
    });
    expect(late.result).toEqual({ ok: false, error: expect.objectContaining({ code: 4404 }) });
    const answer = await answerOrPrompt(extension, reply);
    expect(answer).not.toBe('pending');
    expectError(answer as Exclude<typeof answer, 'pending'>, 4100);
    await expectWindowClosed(extension);
  });
}
