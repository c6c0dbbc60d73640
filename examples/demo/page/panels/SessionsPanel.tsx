import { refreshSession, revokeSession } from '@grid-wallet/sdk';
import { grid } from '../api.ts';
import { shortId, timeOf } from '../format.ts';
import type { Demo } from '../useDemo.ts';
import { Action, RevokeCell, Section, Table } from '../ui.tsx';

/** Step 4: the session this page signs with, and every active session Grid lists for the account. */
export function SessionsPanel({ demo }: { demo: Demo }) {
  const { account, extension, current, busy, run } = demo;
  const held = new Set(extension.sessions.map((s) => s.sessionId));

  const refresh = () =>
    run('Refresh session', async () => {
      const wallet = demo.needWallet();
      const old = demo.needSession();
      const session = await refreshSession(wallet, grid, old.sessionId);
      return `Refreshed ${old.sessionId}: new session ${session.sessionId} until ${timeOf(session.expiresAt)}`;
    });

  const signOut = () =>
    run('Sign out', async () => {
      const wallet = demo.needWallet();
      const session = demo.needSession();
      await revokeSession(wallet, grid, session.sessionId);
      return `Signed out: Grid revoked ${session.sessionId} and the extension forgot its key`;
    });

  // A session whose key is elsewhere (another browser, or forgotten here) is revoked by the current one.
  const revoke = (sessionId: string) =>
    run('Revoke session', async () => {
      const wallet = demo.needWallet();
      const signer = held.has(sessionId) ? sessionId : demo.needSession().sessionId;
      await revokeSession(wallet, grid, sessionId, signer);
      return `Revoked ${sessionId}`;
    });

  return (
    <Section title="Sessions">
      <p>
        {current
          ? `Signed in with ${current.type ?? 'a credential'} (${current.nickname ?? ''}), session ${shortId(current.sessionId)} until ${timeOf(current.expiresAt)}.`
          : 'Not signed in.'}
      </p>
      <Action disabled={busy} onClick={refresh}>
        Refresh session
      </Action>
      <Action disabled={busy} onClick={signOut}>
        Sign out
      </Action>
      <Table
        caption="Active sessions at Grid"
        columns={['Session', 'Credential', 'Expires', 'Key in this browser', '']}
        empty="None"
        rows={account.sessions.map((s) => (
          <tr key={s.id}>
            <td title={s.id}>
              <code>{shortId(s.id)}</code>
              {s.id === current?.sessionId && ' (current)'}
            </td>
            <td>
              {s.type} · {s.nickname}
            </td>
            <td>{timeOf(s.expiresAt)}</td>
            <td>{held.has(s.id) ? 'yes' : 'no'}</td>
            <RevokeCell disabled={busy} name={`Revoke session ${s.id}`} onClick={() => revoke(s.id)} />
          </tr>
        ))}
      />
    </Section>
  );
}
