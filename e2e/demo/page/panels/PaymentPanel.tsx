import { useState } from 'preact/hooks';
import { executeQuote } from '../../../../src/sdk/index.ts';
import { api, grid } from '../api.ts';
import type { Demo } from '../useDemo.ts';
import { Action, Field, Section } from '../ui.tsx';

/** Step 6: a payment the user approves in the extension: create a quote, sign its payloadToSign, execute it. */
export function PaymentPanel({ demo }: { demo: Demo }) {
  const { busy, run } = demo;
  const [receiver, setReceiver] = useState('ada@example.com');
  const [amount, setAmount] = useState('12.50');
  const [currency, setCurrency] = useState('USD');

  const pay = () =>
    run('Send payment', async () => {
      const wallet = demo.needWallet();
      const customer = demo.needCustomer();
      const session = demo.needSession();
      const quote = await api.createQuote({ sendingAccountId: customer.accountId, receiver: receiver.trim(), amount: amount.trim(), currency: currency.trim() });
      const summary = `Pay ${quote.amount} ${quote.currency} to ${quote.receiver} (fee ${quote.fee} ${quote.currency})`;
      const done = await executeQuote<{ status: string }>(wallet, grid, { sessionId: session.sessionId, quoteId: quote.id, payloadToSign: quote.payloadToSign, summary });
      return `Payment ${done.status}: ${quote.amount} ${quote.currency} to ${quote.receiver}, fee ${quote.fee} (${quote.id})`;
    });

  return (
    <Section title="Payment">
      <div class="row">
        <Field label="Receiver" value={receiver} onInput={setReceiver} />
        <Field label="Amount" value={amount} onInput={setAmount} maxLength={20} />
        <Field label="Currency" value={currency} onInput={setCurrency} maxLength={5} />
      </div>
      <Action disabled={busy} onClick={pay}>
        Send payment
      </Action>
    </Section>
  );
}
