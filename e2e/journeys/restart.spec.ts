import { test as base, expect } from '@playwright/test';
import { rm } from 'node:fs/promises';
import { DemoCustomer } from '../support/demoCustomer.ts';
import { type DemoSite, demoSiteFixture } from '../support/demoSite.ts';
import { openExtension, walletCall } from '../support/extension.ts';
import { chromiumPrompts, storedRecords } from '../support/journey.ts';
import { resultOf } from '../support/wallet.ts';
import { makeTempDir } from '../../scripts/tempDir.ts';

/** Two demo sites, one whose Grid issues sessions that outlive a browser restart and one whose sessions do not. */
const test = base.extend<{ profile: string; lasting: DemoSite; brief: DemoSite }>({
  profile: async ({}, use) => {
    const dir = await makeTempDir('profile');
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  lasting: demoSiteFixture(),
  // Long enough to sign in on a busy machine, short enough to lapse while the browser is closed.
  brief: demoSiteFixture({ sessionTtlSeconds: 8 }),
});

test('a browser restart with the same profile keeps live sessions and drops expired ones', async ({ profile, lasting, brief }) => {
  let extension = await openExtension(profile);
  const signIn = async (site: DemoSite) => {
    const customer = await DemoCustomer.visit(extension.context, site, chromiumPrompts(extension));
    await customer.connect();
    await customer.createCustomer();
    await customer.signInWithEmailCode();
    return (await customer.walletStatus()).sessions![0]!;
  };
  try {
    const kept = await signIn(lasting);
    const lapsing = await signIn(brief);
    await extension.context.close();
    // The extension expires sessions by the wall clock: wait, browser closed, until this one has lapsed.
    await expect.poll(() => Date.now(), { timeout: 15_000 }).toBeGreaterThan(Date.parse(lapsing.expiresAt));

    extension = await openExtension(profile);
    // Swept at start-up, key and all: a second after the worker is ready, so the request that woke it goes first.
    await expect.poll(async () => (await storedRecords(extension, 'sessions')).map((s) => s.sessionId)).toEqual([kept.sessionId]);

    const back = await DemoCustomer.visit(extension.context, lasting, chromiumPrompts(extension));
    expect(await back.walletStatus()).toMatchObject({ connected: true, sessions: [kept] });
    await back.pay(); // the page remembered its customer; the session key still signs what Grid accepts
    // A new key after the restart: the worker imports the curve script the browser kept with it since its install.
    expect(resultOf(await walletCall(back.page, 'grid_createClientKey')).publicKey).toMatch(/^04[0-9a-f]{128}$/);

    const lapsed = await DemoCustomer.visit(extension.context, brief, chromiumPrompts(extension));
    expect(await lapsed.walletStatus()).toMatchObject({ connected: true, sessions: [] });
    await expect(lapsed.page.getByRole('region', { name: 'Sessions' })).toContainText('Not signed in.');
  } finally {
    await extension.context.close();
  }
});
