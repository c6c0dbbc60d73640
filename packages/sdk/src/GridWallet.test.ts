import { describe, expect, it } from 'vitest';
import { fakeWallet } from './testFakes.ts';

// The @ts-expect-error lines are checked by `tsc` (npm run typecheck): the SDK's params types come from the protocol's validators.
describe('GridWallet.request', () => {
  it('takes no params for a method without them, and requires the params of one with them', async () => {
    const { wallet, calls } = fakeWallet();
    await wallet.request('wallet_status');
    // @ts-expect-error wallet_status takes no params
    await wallet.request('wallet_status', { origin: 'https://evil.example' });
    // @ts-expect-error grid_endSession needs its sessionId
    await wallet.request('grid_endSession');
    await wallet.request('grid_endSession', { sessionId: 'Session:1' });
    // @ts-expect-error grid_openSession's expiresAt is missing
    await wallet.openSession({ clientKeyId: 'ck_1', accountId: 'InternalAccount:1' });
    // @ts-expect-error grid_signPayload takes a session or a client key, not both
    await wallet.signPayload({ sessionId: 'Session:1', clientKeyId: 'ck_1', payloadToSign: '{}' });
    expect(calls.map((call) => call.method)).toEqual([
      'wallet_status',
      'wallet_status',
      'grid_endSession',
      'grid_endSession',
      'grid_openSession',
      'grid_signPayload',
    ]);
    expect(calls[0]?.params).toEqual({});
  });
});
