import type { Demo } from '../useDemo.ts';
import { Action, Section } from '../ui.tsx';

/** Step 1 and the last step: find the extension, connect this site, disconnect it. */
export function ExtensionPanel({ demo }: { demo: Demo }) {
  const { extension, busy, run } = demo;

  const connect = () =>
    run('Connect wallet', async () => {
      const wallet = extension.wallet;
      if (!wallet) throw new Error('Install the Grid Wallet extension first');
      const { origin } = await wallet.request('wallet_connect');
      return `Connected ${origin} to the Grid Wallet`;
    });

  const disconnect = () =>
    run('Disconnect this site', async () => {
      await demo.needWallet().disconnect();
      return 'Disconnected: the extension forgot this site, its keys and its sessions';
    });

  return (
    <Section title="Extension">
      {extension.presence === 'looking' && <p>Looking for the Grid Wallet extension…</p>}
      {extension.presence === 'missing' && (
        <div class="notice" role="alert">
          <p>
            <strong>The Grid Wallet extension isn’t installed</strong> (or is turned off) in this browser, so this page cannot sign
            anything.
          </p>
          <p>
            Run <code>npm start</code> on a machine with a display to open Chromium with it loaded, or load <code>dist/chrome</code> at{' '}
            <code>chrome://extensions</code> (Developer mode → Load unpacked) or <code>dist/firefox/manifest.json</code> at{' '}
            <code>about:debugging</code>, then check again.
          </p>
          <Action disabled={busy} onClick={() => void extension.look()}>
            Check again
          </Action>
        </div>
      )}
      {extension.presence === 'found' && (
        <>
          <p>
            Grid Wallet {extension.wallet?.provider.version} found.{' '}
            {extension.connected ? 'This site is connected.' : 'This site is not connected yet.'}
          </p>
          {extension.connected ? (
            <Action disabled={busy} onClick={disconnect}>
              Disconnect this site
            </Action>
          ) : (
            <Action disabled={busy} onClick={connect}>
              Connect wallet
            </Action>
          )}
        </>
      )}
    </Section>
  );
}
