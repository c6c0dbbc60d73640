import { useState } from 'preact/hooks';
import { addOAuthCredential, addPasskey, type AuthMethod, revokeCredential } from '@grid-wallet/sdk';
import { bytesToBase64url } from '@grid-wallet/core/base64url';
import { api, grid } from '../api.ts';
import { shortId } from '../format.ts';
import { signerForRevoking } from '../sessions.ts';
import type { Demo } from '../useDemo.ts';
import { Action, Field, RevokeCell, Section, Table } from '../ui.tsx';

/** Step 5: add a passkey or an OAuth identity (each authorised by the current session), revoke credentials. */
export function CredentialsPanel({ demo }: { demo: Demo }) {
  const { account, extension, busy, run } = demo;
  const [nickname, setNickname] = useState('Demo passkey');

  const addPasskeyNow = () =>
    run('Add passkey', async () => {
      const wallet = demo.needWallet();
      const customer = demo.needCustomer();
      const session = demo.needSession();
      const added = await addPasskey(wallet, grid, {
        sessionId: session.sessionId,
        accountId: customer.accountId,
        nickname: nickname.trim(),
        challenge: await api.passkeyChallenge(customer.accountId),
        // WebAuthn's user handle: an opaque id, not the email.
        user: { id: bytesToBase64url(new TextEncoder().encode(customer.accountId)), name: customer.email, displayName: customer.email },
      });
      return `Added passkey “${added.nickname}” (${added.id})`;
    });

  const linkOAuth = () =>
    run('Link OAuth account', async () => {
      const wallet = demo.needWallet();
      const customer = demo.needCustomer();
      const session = demo.needSession();
      const oidcToken = await api.oidcToken(customer.email);
      const added = await addOAuthCredential(wallet, grid, { sessionId: session.sessionId, accountId: customer.accountId, oidcToken });
      return `Linked an OAuth identity for ${added.nickname} (${added.id})`;
    });

  const revoke = (credential: AuthMethod) =>
    run('Revoke credential', async () => {
      const wallet = demo.needWallet();
      const signer = signerForRevoking(credential, extension.sessions);
      if (!signer)
        throw new Error(`Sign in with a credential other than this ${credential.type} first: Grid wants another credential to approve`);
      await revokeCredential(wallet, grid, credential.id, signer.sessionId);
      return `Revoked ${credential.type} credential ${credential.nickname}; Grid ended its sessions`;
    });

  return (
    <Section title="Credentials">
      <div class="row">
        <Field label="Passkey nickname" value={nickname} onInput={setNickname} />
        <Action disabled={busy} onClick={addPasskeyNow}>
          Add passkey
        </Action>
      </div>
      <Action disabled={busy} onClick={linkOAuth}>
        Link OAuth account
      </Action>
      <Table
        caption="Credentials at Grid"
        columns={['Type', 'Nickname', 'Id', '']}
        empty="None"
        rows={account.credentials.map((c) => (
          <tr key={c.id}>
            <td>{c.type}</td>
            <td>{c.nickname}</td>
            <td title={c.id}>
              <code>{shortId(c.id)}</code>
            </td>
            <RevokeCell disabled={busy} name={`Revoke ${c.type} credential ${c.nickname}`} onClick={() => revoke(c)} />
          </tr>
        ))}
      />
    </Section>
  );
}
