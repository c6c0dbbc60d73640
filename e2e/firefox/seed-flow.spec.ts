import { expect, test } from '../support/firefoxJourney.ts';

test('Firefox: seed-flow email sign-in through the demo, then a payment approval', async ({ customer }) => {
  await customer.connect();
  await customer.createCustomer();
  const sessionId = await customer.signInWithEmailCode(true);
  expect(await customer.walletSessionIds()).toEqual([sessionId]);
  expect(await customer.gridSessionIds()).toEqual([sessionId]);
  // COMPLETED: Grid accepted the stamp the Firefox build made with the key Grid sealed to it.
  await customer.pay();
});
