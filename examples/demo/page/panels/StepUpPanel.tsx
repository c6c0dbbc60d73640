import { maskPhone } from '../format.ts';
import { stepUpWithSms } from '../stepUp.ts';
import type { Demo } from '../useDemo.ts';
import { Action, Section } from '../ui.tsx';

/** Step 7: an Authsignal SMS step-up, the code collected by the extension. */
export function StepUpPanel({ demo }: { demo: Demo }) {
  const { account, busy, run } = demo;

  const stepUp = () =>
    run('Verify with SMS code', async () => {
      const wallet = demo.needWallet();
      const customer = demo.needCustomer();
      const result = await stepUpWithSms(wallet, customer.phoneNumber, 'demo-step-up');
      return result.isVerified ? 'Step-up verified by SMS code' : `Step-up not verified: ${result.failureReason ?? 'wrong code'}`;
    });

  return (
    <Section title="SMS step-up">
      <p>
        Authsignal sends a code to {account.customer ? maskPhone(account.customer.phoneNumber) : 'the customer’s phone'}; the extension asks
        for it, and the backend checks it.
      </p>
      <Action disabled={busy} onClick={stepUp}>
        Verify with SMS code
      </Action>
    </Section>
  );
}
