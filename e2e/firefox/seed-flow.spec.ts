import { demoSiteFixture } from '../support/demoSite.ts';
import { expect, test as journey } from '../support/firefoxJourney.ts';

// The seed flow was removed from Grid: the emulator accepts it only when asked to, as the demo's `npm start` does.
const test = journey.extend({ site: demoSiteFixture({ legacyPlaintextOtp: true }) });

test('Firefox: seed-flow email sign-in through the demo, then a payment approval', async ({ customer }) => {
  await customer.connect();
  await customer.createCustomer();
  const sessionId = await customer.signInWithEmailCode(true);
  expect(await customer.walletSessionIds()).toEqual([sessionId]);
  expect(await customer.gridSessionIds()).toEqual([sessionId]);
  // COMPLETED: Grid accepted the stamp the Firefox build made with the key Grid sealed to it.
  await customer.pay();
});
