import { CredentialsPanel } from './panels/CredentialsPanel.tsx';
import { CustomerPanel } from './panels/CustomerPanel.tsx';
import { ExtensionPanel } from './panels/ExtensionPanel.tsx';
import { LogPanel } from './panels/LogPanel.tsx';
import { OutboxPanel } from './panels/OutboxPanel.tsx';
import { PaymentPanel } from './panels/PaymentPanel.tsx';
import { SessionsPanel } from './panels/SessionsPanel.tsx';
import { SignInPanel } from './panels/SignInPanel.tsx';
import { StepUpPanel } from './panels/StepUpPanel.tsx';
import { WalletPanel } from './panels/WalletPanel.tsx';
import { useDemo } from './useDemo.ts';

/**
 * The demo integrator: a customer's journey through Grid auth with the
 * extension holding the keys, top to bottom; the outbox and the log beside it.
 */
export function App() {
  const demo = useDemo();
  return (
    <div class="page">
      <header>
        <h1>Grid Wallet demo integrator</h1>
        <p>
          An example site built on <code>packages/sdk</code>. Its backend holds the Grid API token and relays to the local emulator; the
          extension holds the keys and asks you before anything is signed.
        </p>
      </header>
      <main class="steps">
        <ExtensionPanel demo={demo} />
        <CustomerPanel demo={demo} />
        <SignInPanel demo={demo} />
        <SessionsPanel demo={demo} />
        <CredentialsPanel demo={demo} />
        <PaymentPanel demo={demo} />
        <WalletPanel demo={demo} />
        <StepUpPanel demo={demo} />
      </main>
      <aside class="side">
        <OutboxPanel />
        <LogPanel status={demo.log.status} entries={demo.log.entries} />
      </aside>
    </div>
  );
}
