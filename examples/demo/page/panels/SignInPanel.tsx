import { useState } from 'preact/hooks';
import { signInWithLegacyEmailOtp, signInWithOAuth, signInWithOtp, signInWithPasskey, type SessionInfo } from '@grid-wallet/sdk';
import { api, grid } from '../api.ts';
import type { Demo } from '../useDemo.ts';
import { Action, Section } from '../ui.tsx';

const signedIn = (how: string, session: SessionInfo) => `Signed in with ${how}: session ${session.sessionId}`;

/** Step 3: open a session with any of the account's credentials. */
export function SignInPanel({ demo }: { demo: Demo }) {
  const { account, busy, run } = demo;
  const [legacy, setLegacy] = useState(false);
  const passkeys = account.credentials.filter((c) => c.type === 'PASSKEY');
  const [chosenPasskey, setChosenPasskey] = useState<string | null>(null);
  // The newest passkey unless the user picked another that still exists.
  const passkeyId = passkeys.some((p) => p.id === chosenPasskey) ? chosenPasskey! : passkeys.at(-1)?.id;

  const withEmailCode = () =>
    run('Sign in with email code', async () => {
      const wallet = demo.needWallet();
      const customer = demo.needCustomer();
      const options = { credentialId: customer.emailCredentialId, destination: customer.email };
      const session = await (legacy ? signInWithLegacyEmailOtp : signInWithOtp)(wallet, grid, options);
      return signedIn(legacy ? 'an email code (seed flow)' : 'an email code (encrypted flow)', session);
    });

  const withPasskey = () =>
    run('Sign in with passkey', async () => {
      const wallet = demo.needWallet();
      demo.needCustomer();
      if (!passkeyId) throw new Error('Add a passkey first');
      return signedIn('a passkey', await signInWithPasskey(wallet, grid, { credentialId: passkeyId }));
    });

  const withOAuth = () =>
    run('Sign in with OAuth', async () => {
      const wallet = demo.needWallet();
      const customer = demo.needCustomer();
      const credential = account.credentials.find((c) => c.type === 'OAUTH');
      if (!credential) throw new Error('Link an OAuth account first');
      const session = await signInWithOAuth(wallet, grid, {
        credentialId: credential.id,
        getIdToken: (nonce) => api.oidcToken(customer.email, nonce),
      });
      return signedIn('OAuth', session);
    });

  return (
    <Section title="Sign in">
      <p>The code arrives in the emulator outbox panel. Type it into the extension’s window, not this page.</p>
      <label class="check">
        <input type="checkbox" checked={legacy} onChange={(event) => setLegacy((event.target as HTMLInputElement).checked)} />
        Use the seed (legacy) flow
      </label>
      <p class="hint">
        {legacy
          ? 'Seed flow (removed from Grid; only the local emulator accepts it): the page relays the plain code with an uncompressed key, and a session key is sealed to it.'
          : 'Encrypted flow: the extension seals the code to Grid’s enclave; the page only relays ciphertext.'}
      </p>
      <Action disabled={busy} onClick={withEmailCode}>
        Sign in with email code
      </Action>
      <div class="row">
        <label class="field">
          <span>Passkey</span>
          <select
            value={passkeyId ?? ''}
            disabled={passkeys.length === 0}
            onChange={(event) => setChosenPasskey((event.target as HTMLSelectElement).value)}
          >
            {passkeys.length === 0 && <option value="">No passkey yet</option>}
            {passkeys.map((p) => (
              <option key={p.id} value={p.id}>
                {p.nickname}
              </option>
            ))}
          </select>
        </label>
        <Action disabled={busy} onClick={withPasskey}>
          Sign in with passkey
        </Action>
      </div>
      <Action disabled={busy} onClick={withOAuth}>
        Sign in with OAuth
      </Action>
    </Section>
  );
}
